/**
 * Test fixtures shared with other modules through core's test-jar: jqwik arbitraries of model values and a
 * {@link dev.berth.testing.MutableClock} for code that takes a {@link java.time.Clock}.
 * Nothing in this package accepts or returns {@code null}.
 */
package dev.berth.testing;
