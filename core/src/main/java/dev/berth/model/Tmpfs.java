package dev.berth.model;

import java.util.List;
import java.util.Objects;

/**
 * A tmpfs mount of a container ({@code linuxParameters.tmpfs}), as {@code docker run --tmpfs}.
 *
 * @param containerPath where it is mounted, an absolute path
 * @param sizeMiB its maximum size
 * @param mountOptions mount options such as {@code noexec} or {@code mode=1777}
 */
public record Tmpfs(String containerPath, int sizeMiB, List<String> mountOptions) {

    /**
     * Checks that every component is present and copies the collections.
     *
     * @throws NullPointerException if a component is null
     */
    public Tmpfs {
        Objects.requireNonNull(containerPath, "containerPath");
        mountOptions = List.copyOf(mountOptions);
    }
}
