/**
 * The service-provider interfaces of compute backends ({@link dev.berth.spi.ComputeBackend}) and registries
 * ({@link dev.berth.spi.RegistryBackend}): only Berth's and the JDK's types, so that {@code core}
 * never sees docker-java or the AWS SDK. Nothing here accepts or returns {@code null}. What a backend delivers
 * over time (followed logs, change signals) comes through a {@link dev.berth.spi.Subscription} that stops it.
 */
package dev.berth.spi;
