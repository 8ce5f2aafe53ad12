package dev.berth.model;

import java.util.Objects;

/**
 * A start-up dependency of one container on another container of the same task (shutdown is the reverse).
 *
 * @param containerName the container depended upon
 * @param condition when the dependency counts as satisfied
 */
public record ContainerDependency(String containerName, DependencyCondition condition) {
    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public ContainerDependency {
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(condition, "condition");
    }
}
