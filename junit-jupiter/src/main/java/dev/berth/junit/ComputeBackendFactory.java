package dev.berth.junit;

import dev.berth.spi.ComputeBackend;

/**
 * Opens the compute backend for one scope (a test class or a test method) of {@link BerthExtension}. Each scope runs
 * its services in a cluster of its own, whose name the factory receives, e.g. to add instances to an
 * {@code InMemoryBackend}.
 */
@FunctionalInterface
public interface ComputeBackendFactory {

    /**
     * @param cluster the name of the scope's cluster, unique in the JVM
     * @return a backend for the scope; the extension closes it when the scope ends
     */
    ComputeBackend open(String cluster);
}
