package dev.berth.scheduler;

import dev.berth.model.PlacementFailure;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a placement: the tasks placed, in order, and why the rest could not be.
 *
 * @param placements one per placed task
 * @param failure present when fewer tasks were placed than requested
 */
public record PlacementResult(List<TaskPlacement> placements, Optional<PlacementFailure> failure) {

    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @throws NullPointerException if a required component is null
     */
    public PlacementResult {
        placements = List.copyOf(placements);
        Objects.requireNonNull(failure, "failure");
    }

    /** @return whether every requested task was placed */
    public boolean isComplete() {
        return failure.isEmpty();
    }
}
