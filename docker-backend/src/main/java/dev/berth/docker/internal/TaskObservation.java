package dev.berth.docker.internal;

import dev.berth.model.Protocol;
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
 * @param service its service, if any
 * @param deployment its deployment, if any
 * @param lastStatus what its containers are doing
 * @param desiredStatus {@link TaskStatus#STOPPED} once it has to stop (an essential container exited, or it was
 *     stopped), else {@link TaskStatus#RUNNING}
 * @param health fold over its essential containers with health checks: UNHEALTHY, else UNKNOWN, else HEALTHY;
 *     UNKNOWN when no essential container has one
 * @param stopCode why it stopped or has to stop
 * @param stoppedReason the text that goes with the stop code
 * @param containers its containers, in dependency order
 */
public record TaskObservation(String taskId, String cluster, String taskDefinitionArn, Optional<String> service,
                              Optional<String> deployment, TaskStatus lastStatus, TaskStatus desiredStatus,
                              HealthStatus health, Optional<StopCode> stopCode, Optional<String> stoppedReason,
                              List<ContainerObservation> containers) {

    /** @throws NullPointerException if a component is null */
    public TaskObservation {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(deployment, "deployment");
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
                .mapToInt(BoundPort::hostPort).findFirst();
    }

    /** @return a copy that records the stop with the given code and reason, and STOPPED as desired status */
    public TaskObservation withStop(StopCode code, String reason) {
        return new TaskObservation(taskId, cluster, taskDefinitionArn, service, deployment, lastStatus,
                TaskStatus.STOPPED, health, Optional.of(code), Optional.of(reason), containers);
    }

    /** @return a copy with the given last status */
    public TaskObservation withLastStatus(TaskStatus status) {
        return new TaskObservation(taskId, cluster, taskDefinitionArn, service, deployment, status, desiredStatus,
                health, stopCode, stoppedReason, containers);
    }
}
