package dev.berth.spi;

import dev.berth.model.PlacementFailure;
import dev.berth.task.Task;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend that places tasks itself started ({@link ManagedTasks}).
 *
 * @param tasks the started tasks, PENDING or later, under the ids the backend lists them by
 * @param failure why the others were not started; present exactly when fewer tasks started than requested
 */
public record TaskRunOutcome(List<Task> tasks, Optional<PlacementFailure> failure) {
    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @throws NullPointerException if a required component is null
     */
    public TaskRunOutcome {
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(failure, "failure");
    }
}
