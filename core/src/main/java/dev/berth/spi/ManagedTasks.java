package dev.berth.spi;

import dev.berth.exception.BerthException;
import dev.berth.exception.ResourceNotFoundException;

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
     * @param request what to run, how many, and the placement rules
     * @return the started tasks, and why the others were not started
     * @throws ResourceNotFoundException if the cluster does not exist at the backend
     * @throws dev.berth.exception.InvalidSpecException if the backend refuses the definition or the request
     * @throws BerthException if the backend cannot be reached
     */
    TaskRunOutcome runTasks(TaskRunRequest request);
}
