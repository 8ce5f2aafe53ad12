package dev.berth.junit;

import dev.berth.spi.ComputeBackend;
import java.util.Optional;

/** Where the extension runs services: opens one backend per scope and removes what the scope left. */
interface Platform {

    /** @return why services cannot run here (e.g. no Docker engine answers), or empty when they can */
    Optional<String> unavailability();

    /**
     * @param cluster the scope's cluster, unique in the JVM
     * @return the scope's backend and its clean-up
     * @throws dev.berth.exception.BackendUnavailableException if the platform cannot be reached
     */
    Scope open(String cluster);

    /** One scope's backend, the address of its endpoints, and the removal of everything it created. */
    interface Scope {

        /** @return the scope's backend */
        ComputeBackend backend();

        /**
         * Removes every task, container and network of the scope, however far it got, and closes the backend. Runs
         * after a test, and from the JVM's shutdown hook; bounded by the backend's own call deadlines.
         */
        void removeAllAndClose();
    }
}
