package dev.berth.scheduler;

import java.util.Objects;

/**
 * A task of a service, as scale-in selection sees it.
 *
 * @param taskId the task's id
 * @param instanceId the instance it runs on
 * @param reservation what it reserves there
 */
public record RunningTask(String taskId, String instanceId, TaskReservation reservation) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public RunningTask {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(reservation, "reservation");
    }
}
