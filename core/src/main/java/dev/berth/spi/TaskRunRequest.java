package dev.berth.spi;

import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import java.util.List;
import java.util.Objects;

/**
 * Tasks for a backend to place and start by itself ({@link ManagedTasks}).
 *
 * @param cluster the cluster's name
 * @param taskDefinition the ACTIVE revision to run
 * @param count how many tasks, at least 1
 * @param group the tasks' group
 * @param startedBy who starts them; empty for nobody in particular
 * @param overrides per-container overrides
 * @param placementStrategies how to choose instances; empty = the backend's default
 * @param placementConstraints added to the task definition's
 */
public record TaskRunRequest(String cluster, RegisteredTaskDefinition taskDefinition, int count, String group,
                             String startedBy, List<ContainerOverride> overrides,
                             List<PlacementStrategy> placementStrategies,
                             List<PlacementConstraint> placementConstraints) {
    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @throws IllegalArgumentException if {@code count} is less than 1
     */
    public TaskRunRequest {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(startedBy, "startedBy");
        overrides = List.copyOf(overrides);
        placementStrategies = List.copyOf(placementStrategies);
        placementConstraints = List.copyOf(placementConstraints);
    }
}
