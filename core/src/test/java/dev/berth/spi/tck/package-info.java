/**
 * The backend contracts (test compatibility kits): abstract JUnit 5 test classes that every
 * {@link dev.berth.spi.ComputeBackend} ({@link dev.berth.spi.tck.ComputeBackendContract}) and every
 * {@link dev.berth.spi.RegistryBackend} ({@link dev.berth.spi.tck.RegistryContract}) must pass, published in core's
 * test-jar so that backend modules extend them. Nothing in this package accepts or returns {@code null}.
 */
package dev.berth.spi.tck;
