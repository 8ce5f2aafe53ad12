package dev.berth.model;

import java.util.Objects;

/**
 * A {@link Volume} of the task mounted into a container ({@code mountPoints}).
 *
 * @param sourceVolume the name of a volume of the task definition
 * @param containerPath where the volume is mounted in the container, an absolute path
 * @param readOnly whether the container can only read the volume (ECS's default: read-write)
 */
public record MountPoint(String sourceVolume, String containerPath, boolean readOnly) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public MountPoint {
        Objects.requireNonNull(sourceVolume, "sourceVolume");
        Objects.requireNonNull(containerPath, "containerPath");
    }

    /**
     * @param sourceVolume the name of a volume of the task definition
     * @param containerPath where it is mounted
     * @return a read-write mount
     */
    public static MountPoint of(String sourceVolume, String containerPath) {
        return new MountPoint(sourceVolume, containerPath, false);
    }
}
