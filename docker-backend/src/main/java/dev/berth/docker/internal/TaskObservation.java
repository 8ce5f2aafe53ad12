package dev.berth.docker.internal;

import dev.berth.model.Protocol;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.StopCode;
import dev.berth.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A task as the engine reports it, derived from its containers' states and labels only.
 *
 * @param taskId the task's ID
 * @param cluster its cluster
 * @param taskDefinitionArn its task definition's ARN or {@code family:revision}
 * @param group its group, e.g. {@code service:web}
 * @param startedBy who started it; may be empty
 * @param createdAt when it was recorded
 * @param lastStatus what its containers are doing: PENDING, RUNNING or STOPPED
 * @param desiredStatus STOPPED once it has to stop (an essential container exited, or it was stopped)
 * @param health folded over its essential containers with health checks ({@link HealthStatus#foldEssential})
 * @param stopCode why it stopped or has to stop
 * @param stoppedReason the text that goes with the stop code
 * @param containers its containers, in dependency order
 */
public record TaskObservation(String taskId, String cluster, String taskDefinitionArn, String group,
                              String startedBy, Instant createdAt, TaskStatus lastStatus,
                              DesiredStatus desiredStatus, HealthStatus health, Optional<StopCode> stopCode,
                              Optional<String> stoppedReason, List<ContainerObservation> containers) {

    /**
     * @throws NullPointerException if a component is null
     */
    public TaskObservation {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastStatus, "lastStatus");
        Objects.requireNonNull(desiredStatus, "desiredStatus");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(stopCode, "stopCode");
        Objects.requireNonNull(stoppedReason, "stoppedReason");
        containers = List.copyOf(containers);
    }

    /**
     * @param name a container name of the task definition
     * @return that container, if the task has it
     */
    public Optional<ContainerObservation> container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * @param containerName a container of the task
     * @param containerPort a tcp port it publishes
     * @return the host port it is published on, if it is
     */
    public OptionalInt hostPort(String containerName, int containerPort) {
        return container(containerName).stream().flatMap(c -> c.ports().stream())
                .filter(p -> p.containerPort() == containerPort && p.protocol() == Protocol.TCP)
                .mapToInt(NetworkBinding::hostPort).findFirst();
    }

    /** @return whether an essential container has exited while another container still runs */
    public boolean essentialExitedWhileOthersRun() {
        return containers.stream().anyMatch(c -> c.essential() && c.status() == TaskStatus.STOPPED)
                && containers.stream().anyMatch(c -> c.status() != TaskStatus.STOPPED);
    }

    /** @return when its last container started, once every container has started: when it reached RUNNING */
    public Optional<Instant> startedAt() {
        if (containers.isEmpty() || containers.stream().anyMatch(c -> c.startedAt().isEmpty())) {
            return Optional.empty();
        }
        return containers.stream().flatMap(c -> c.startedAt().stream()).max(Instant::compareTo);
    }

    /** @return when its last container exited, once every container has stopped */
    public Optional<Instant> stoppedAt() {
        if (lastStatus != TaskStatus.STOPPED) {
            return Optional.empty();
        }
        return containers.stream().flatMap(c -> c.finishedAt().stream()).max(Instant::compareTo);
    }

    /**
     * @param code the stop code
     * @param reason why, in words
     * @return a copy that records the stop with the given code and reason, and STOPPED as desired status
     */
    public TaskObservation withStop(StopCode code, String reason) {
        return new TaskObservation(taskId, cluster, taskDefinitionArn, group, startedBy, createdAt, lastStatus,
                DesiredStatus.STOPPED, health, Optional.of(code), Optional.of(reason), containers);
    }

    /**
     * @param status the new last status
     * @return a copy with the given last status
     */
    public TaskObservation withLastStatus(TaskStatus status) {
        return new TaskObservation(taskId, cluster, taskDefinitionArn, group, startedBy, createdAt, status,
                desiredStatus, health, stopCode, stoppedReason, containers);
    }
}
