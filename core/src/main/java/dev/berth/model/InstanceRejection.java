package dev.berth.model;

import java.util.List;
import java.util.Objects;

/**
 * Why one instance could not take a task. An INACTIVE, DRAINING or disconnected instance gets only that reason;
 * otherwise every unmet requirement is listed.
 *
 * @param instanceId the instance
 * @param rejections at least one reason
 */
public record InstanceRejection(String instanceId, List<Rejection> rejections) {

    /**
     * @throws IllegalArgumentException if there is no reason
     */
    public InstanceRejection {
        Objects.requireNonNull(instanceId, "instanceId");
        rejections = List.copyOf(rejections);
        if (rejections.isEmpty()) {
            throw new IllegalArgumentException(instanceId + ": a rejection needs a reason");
        }
    }
}
