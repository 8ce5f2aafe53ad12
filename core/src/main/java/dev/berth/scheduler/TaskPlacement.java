package dev.berth.scheduler;

import java.util.Objects;

/**
 * One task placed on one instance.
 *
 * @param instanceId where the task goes
 * @param group the task's group
 * @param reservation what it reserved there
 */
public record TaskPlacement(String instanceId, String group, TaskReservation reservation) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public TaskPlacement {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(reservation, "reservation");
    }
}
