package dev.berth.docker.internal;

import dev.berth.task.ContainerState;
import dev.berth.task.HealthCheckRun;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One container of a task as the engine reports it.
 *
 * @param name the container's name in the task definition
 * @param containerId the engine's container ID
 * @param essential whether the task stops when it exits
 * @param status PENDING (created, not started), RUNNING or STOPPED
 * @param health its health; {@link HealthStatus#UNKNOWN} without a health check
 * @param hasHealthCheck whether it has a health check
 * @param exitCode its exit code once stopped
 * @param reason why it stopped, when the engine says more than an exit code (e.g. out of memory)
 * @param ports its published ports
 * @param startedAt when it last started
 * @param finishedAt when it last exited
 * @param restartRule its enabled restartPolicy, if any
 * @param healthChecks the last runs of its health check, oldest first, as the engine keeps them
 */
public record ContainerObservation(String name, String containerId, boolean essential, TaskStatus status,
                                   HealthStatus health, boolean hasHealthCheck, OptionalInt exitCode,
                                   Optional<String> reason, List<NetworkBinding> ports, Optional<Instant> startedAt,
                                   Optional<Instant> finishedAt, Optional<RestartRule> restartRule,
                                   List<HealthCheckRun> healthChecks) {
    /**
     * @throws NullPointerException if a component is null
     */
    public ContainerObservation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(reason, "reason");
        ports = List.copyOf(ports);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(restartRule, "restartRule");
        healthChecks = List.copyOf(healthChecks);
    }

    /**
     * A container without a restart policy whose health checks have not run; the components are those of the
     * canonical constructor.
     */
    public ContainerObservation(String name, String containerId, boolean essential, TaskStatus status,
                                HealthStatus health, boolean hasHealthCheck, OptionalInt exitCode,
                                Optional<String> reason, List<NetworkBinding> ports, Optional<Instant> startedAt,
                                Optional<Instant> finishedAt) {
        this(name, containerId, essential, status, health, hasHealthCheck, exitCode, reason, ports, startedAt,
                finishedAt, Optional.empty(), List.of());
    }

    /** @return this container with another health */
    ContainerObservation withHealth(HealthStatus newHealth) {
        return new ContainerObservation(name, containerId, essential, status, newHealth, hasHealthCheck, exitCode,
                reason, ports, startedAt, finishedAt, restartRule, healthChecks);
    }

    /** @return the container as core's {@link ContainerState} */
    public ContainerState toState() {
        return new ContainerState(name, status, exitCode, health, reason, ports, healthChecks);
    }
}
