package dev.berth.api;

import dev.berth.internal.state.StateStore;
import dev.berth.runtime.BerthRuntime;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.ManagedServices;
import java.time.Clock;
import java.util.Optional;

/** What every API object of one {@link Berth} shares. */
record Context(ComputeBackend backend, StateStore store, TaskDefinitions taskDefinitions, BerthRuntime runtime,
               Clock clock) {

    /** @return the backend's own service scheduler, when services are the backend's to keep, not the reconciler's */
    Optional<ManagedServices> managedServices() {
        return backend.capabilities().schedulesServices() ? backend.managedServices() : Optional.empty();
    }
}
