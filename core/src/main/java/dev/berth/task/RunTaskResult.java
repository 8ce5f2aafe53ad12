package dev.berth.task;

import dev.berth.model.PlacementFailure;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code RunTask} started, and why the rest could not be placed.
 *
 * @param tasks the started tasks, PENDING or later
 * @param failure why some tasks were not placed, per instance
 */
public record RunTaskResult(List<Task> tasks, Optional<PlacementFailure> failure) {
    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @throws NullPointerException if a required component is null
     */
    public RunTaskResult {
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(failure, "failure");
    }
}
