package dev.berth.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A host device exposed to a container ({@code linuxParameters.devices}), as {@code docker run --device}.
 *
 * @param hostPath the device on the container instance, e.g. {@code /dev/fuse}
 * @param containerPath where it appears in the container; empty = the host path
 * @param permissions what the container may do with it; empty = read, write and mknod
 */
public record Device(String hostPath, Optional<String> containerPath, List<Permission> permissions) {

    /** A cgroup permission on a device. */
    public enum Permission {
        /** Read. */
        READ,
        /** Write. */
        WRITE,
        /** Create device nodes. */
        MKNOD;

        /** @return ECS's spelling, {@code read}, {@code write} or {@code mknod} */
        public String ecsName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks that every component is present and copies the collections.
     *
     * @throws NullPointerException if a component is null
     */
    public Device {
        Objects.requireNonNull(hostPath, "hostPath");
        Objects.requireNonNull(containerPath, "containerPath");
        permissions = List.copyOf(permissions);
    }

    /**
     * @param hostPath the device on the host, also its path in the container
     * @return the device with every permission
     */
    public static Device of(String hostPath) {
        return new Device(hostPath, Optional.empty(), List.of());
    }
}
