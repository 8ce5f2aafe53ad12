/**
 * Test fixtures shared with other modules through core's test-jar: jqwik arbitraries of model values.
 * Nothing in this package accepts or returns {@code null}.
 */
package dev.berth.testing;
