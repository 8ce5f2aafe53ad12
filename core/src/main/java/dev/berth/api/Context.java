package dev.berth.api;

import dev.berth.internal.state.StateStore;
import dev.berth.internal.wait.Waiter;
import dev.berth.network.runtime.ServiceNetworks;
import dev.berth.reconciler.ClusterSnapshots;
import dev.berth.reconciler.ServiceController;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.ManagedServices;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/** What every API object of one {@link Berth} shares. */
record Context(ComputeBackend backend, StateStore store, TaskDefinitions taskDefinitions,
               ServiceController controller, ClusterSnapshots snapshots, Waiter waiter, Clock clock,
               Supplier<String> taskIds, ServiceNetworks networks) {

    /** @return the backend's own service scheduler, when services are the backend's to keep, not the reconciler's */
    Optional<ManagedServices> managedServices() {
        return backend.capabilities().schedulesServices() ? backend.managedServices() : Optional.empty();
    }
}
