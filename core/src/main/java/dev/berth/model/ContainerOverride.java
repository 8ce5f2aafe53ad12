package dev.berth.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * RunTask's per-container overrides.
 *
 * @param containerName the container they apply to
 * @param command replaces the container's command, when present
 * @param environment added to the container's environment, replacing variables of the same name
 */
public record ContainerOverride(String containerName, Optional<List<String>> command,
                                List<EnvironmentVariable> environment) {
    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @throws NullPointerException if a required component is null
     */
    public ContainerOverride {
        Objects.requireNonNull(containerName, "containerName");
        command = command.map(List::copyOf);
        environment = List.copyOf(environment);
    }
}
