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
 * @param healthChecks the last runs of its health check, oldest first, as the backend last read them (the Docker
 *     engine keeps five; its backend reads them again at most 5 s apart while the container is starting or
 *     unhealthy, and not once it is healthy); empty without a health check, before its first run, or where the
 *     backend cannot tell
 */
public record ContainerState(String name, TaskStatus lastStatus, OptionalInt exitCode, HealthStatus health,
                             Optional<String> reason, List<NetworkBinding> networkBindings,
                             List<HealthCheckRun> healthChecks) {
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
        healthChecks = List.copyOf(healthChecks);
    }

    /**
     * A container whose health checks' runs the backend does not report.
     *
     * @param name the container's name in the task definition
     * @param lastStatus PENDING, RUNNING or STOPPED
     * @param exitCode the exit code once it stopped
     * @param health its health-check status; UNKNOWN without a health check
     * @param reason why it stopped, if known (at most 1,024 characters)
     * @param networkBindings its published ports
     */
    public ContainerState(String name, TaskStatus lastStatus, OptionalInt exitCode, HealthStatus health,
                          Optional<String> reason, List<NetworkBinding> networkBindings) {
        this(name, lastStatus, exitCode, health, reason, networkBindings, List.of());
    }

    /** @return the latest run of its health check, if the backend reported one */
    public Optional<HealthCheckRun> lastHealthCheck() {
        return healthChecks.isEmpty() ? Optional.empty() : Optional.of(healthChecks.get(healthChecks.size() - 1));
    }

    /**
     * @return its health with the latest health check's result where there is one, e.g. {@code UNKNOWN, last health
     *     check exit 127: "/bin/sh: curl: not found"}, for failure messages
     */
    public String healthSummary() {
        return health + lastHealthCheck().map(run -> ", last health check " + run.summary()).orElse("");
    }
}
