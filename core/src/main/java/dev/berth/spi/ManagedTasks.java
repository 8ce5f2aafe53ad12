package dev.berth.spi;

import dev.berth.exception.BerthException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;

/**
 * Standalone tasks that a backend places by itself, as ECS's {@code RunTask} does: the backend chooses the instances
 * (or, on Fargate, needs none), so Berth's scheduler does not place these tasks. A backend offers this through
 * {@link ComputeBackend#managedTasks()}. The tasks it starts appear in {@link ComputeBackend#tasks(String)} under
 * the ids it reports here, and are stopped and forgotten like any other. Implementations are thread-safe.
 */
public interface ManagedTasks {

    /**
     * Places and starts tasks; returns once the backend has recorded them (PENDING or later).
     *
     * @param cluster the cluster's name
     * @param taskDefinition the ACTIVE revision {@code request} names
     * @param group the tasks' group: the request's, or {@code family:<family>}
     * @param request how many, who starts them, overrides, and the placement rules (empty strategies = the
     *     backend's default)
     * @return the started tasks, and why the others were not started
     * @throws ResourceNotFoundException if the cluster does not exist at the backend
     * @throws dev.berth.exception.InvalidSpecException if the backend refuses the definition or the request
     * @throws BerthException if the backend cannot be reached
     */
    RunTaskResult runTasks(String cluster, RegisteredTaskDefinition taskDefinition, String group,
                           RunTaskRequest request);
}
