/**
 * The compute-backend contract (a test compatibility kit): abstract JUnit 5 test classes that every
 * {@link dev.berth.spi.ComputeBackend} must pass, published in core's test-jar so that backend modules extend
 * them. Nothing in this package accepts or returns {@code null}.
 */
package dev.berth.spi.tck;
