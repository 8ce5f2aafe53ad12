package dev.berth.model;

import java.util.Objects;

/**
 * The volumes of another container of the task mounted into this one, at the same paths ({@code volumesFrom}).
 *
 * @param sourceContainer another container of the task definition
 * @param readOnly whether this container can only read them (ECS's default: read-write)
 */
public record VolumeFrom(String sourceContainer, boolean readOnly) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public VolumeFrom {
        Objects.requireNonNull(sourceContainer, "sourceContainer");
    }
}
