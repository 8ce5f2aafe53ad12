package dev.berth.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code host} of a {@link Volume}: with a {@code sourcePath}, a bind mount of that path on the container
 * instance (created by the engine when it does not exist); without one, a volume of the task's own.
 *
 * @param sourcePath the path on the container instance; empty for a task-scoped volume
 */
public record HostVolume(Optional<String> sourcePath) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public HostVolume {
        Objects.requireNonNull(sourcePath, "sourcePath");
    }
}
