package dev.berth.api;

import dev.berth.internal.state.StateStore;
import dev.berth.runtime.BerthRuntime;
import dev.berth.spi.ComputeBackend;
import java.time.Clock;

/**
 * What every API object of one {@link Berth} shares, including how it keeps services and runs tasks: Berth's own
 * controller and scheduler, or the backend's, as chosen once when the Berth was built.
 */
final class Context {

    private final ComputeBackend backend;
    private final StateStore store;
    private final TaskDefinitions taskDefinitions;
    private final BerthRuntime runtime;
    private final Clock clock;
    private final ServiceOperations services;
    private final TaskRunner tasks;

    Context(ComputeBackend backend, StateStore store, TaskDefinitions taskDefinitions, BerthRuntime runtime,
            Clock clock) {
        this.backend = backend;
        this.store = store;
        this.taskDefinitions = taskDefinitions;
        this.runtime = runtime;
        this.clock = clock;
        this.services = backend.capabilities().schedulesServices()
                ? new BackendManagedServices(this, backend.managedServices().orElseThrow())
                : new ReconciledServices(this);
        this.tasks = backend.managedTasks().<TaskRunner>map(managed -> new BackendPlacedTasks(managed))
                .orElseGet(() -> new BerthPlacedTasks(this));
    }

    ComputeBackend backend() {
        return backend;
    }

    StateStore store() {
        return store;
    }

    TaskDefinitions taskDefinitions() {
        return taskDefinitions;
    }

    BerthRuntime runtime() {
        return runtime;
    }

    Clock clock() {
        return clock;
    }

    /** @return how services are kept: by Berth's controller, or by the backend */
    ServiceOperations services() {
        return services;
    }

    /** @return how standalone tasks are placed and started: by Berth's scheduler, or by the backend */
    TaskRunner tasks() {
        return tasks;
    }
}
