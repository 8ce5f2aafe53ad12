package dev.berth.task;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Observed state of one container of a task.
 *
 * @param name the container's name in the task definition
 * @param lastStatus PENDING, RUNNING or STOPPED
 * @param exitCode the exit code once it stopped
 * @param health its health-check status; UNKNOWN without a health check
 * @param reason why it stopped, if known (at most 1,024 characters)
 * @param networkBindings its published ports
 */
public record ContainerState(String name, TaskStatus lastStatus, OptionalInt exitCode, HealthStatus health,
                             Optional<String> reason, List<NetworkBinding> networkBindings) {
    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @throws NullPointerException if a required component is null
     */
    public ContainerState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastStatus, "lastStatus");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(reason, "reason");
        networkBindings = List.copyOf(networkBindings);
    }
}
