package dev.berth.api;

import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.spi.ManagedTasks;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;

/**
 * Standalone tasks a backend places itself (ECS's RunTask in its managed mode): the request goes to the backend's
 * placement with the same strategies and constraints, and the result gives the backend's reasons.
 */
final class BackendPlacedTasks implements TaskRunner {

    private final ManagedTasks backend;

    BackendPlacedTasks(ManagedTasks backend) {
        this.backend = backend;
    }

    @Override
    public RunTaskResult run(String cluster, RegisteredTaskDefinition revision, String group, RunTaskRequest request) {
        return backend.runTasks(cluster, revision, group, request);
    }
}
