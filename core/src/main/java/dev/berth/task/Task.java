package dev.berth.task;

import dev.berth.network.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A task as a backend observes it: one run of a task-definition revision on a container instance.
 *
 * @param taskId unique id within the cluster
 * @param cluster the cluster's name
 * @param taskDefinitionArn the revision it runs
 * @param containerInstanceId the instance it runs on
 * @param group task group: {@code service:<name>} for service tasks, {@code family:<family>} by default
 * @param startedBy who started it: the deployment id ({@code ecs-svc/...}) for service tasks
 * @param lastStatus where it is in its lifecycle
 * @param desiredStatus RUNNING, or STOPPED once a stop was requested or an essential container exited
 * @param healthStatus folded from its essential containers' health checks
 * @param containers state of each container
 * @param createdAt when it entered PENDING
 * @param startedAt when it reached RUNNING
 * @param stoppedAt when it reached STOPPED
 * @param stopCode why it stopped
 * @param stoppedReason why it stopped, in words
 */
public record Task(String taskId, String cluster, String taskDefinitionArn, String containerInstanceId,
                   String group, String startedBy, TaskStatus lastStatus, DesiredStatus desiredStatus,
                   HealthStatus healthStatus, List<ContainerState> containers, Instant createdAt,
                   Optional<Instant> startedAt, Optional<Instant> stoppedAt, Optional<StopCode> stopCode,
                   Optional<String> stoppedReason) {

    /**
     * The start of {@code stoppedReason} of a task whose start a killed Berth process left half done (containers
     * created and not started): the backend stopped it as failed to start ({@link StopCode#TASK_FAILED_TO_START}).
     */
    public static final String ABANDONED_START_REASON = "Task abandoned while starting: the process starting it ended";

    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @throws NullPointerException if a required component is null
     */
    public Task {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(containerInstanceId, "containerInstanceId");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(lastStatus, "lastStatus");
        Objects.requireNonNull(desiredStatus, "desiredStatus");
        Objects.requireNonNull(healthStatus, "healthStatus");
        containers = List.copyOf(containers);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
        Objects.requireNonNull(stopCode, "stopCode");
        Objects.requireNonNull(stoppedReason, "stoppedReason");
    }

    /** @return whether it is wanted and not yet STOPPED: it occupies a slot of its service */
    public boolean isLive() {
        return desiredStatus == DesiredStatus.RUNNING && lastStatus.isLive();
    }

    /**
     * @return its status and health with each checked container's, e.g. {@code task 1a2b RUNNING, health UNKNOWN
     *     (app UNKNOWN, last health check exit 127: "/bin/sh: curl: not found")}, for failure messages
     */
    public String healthSummary() {
        String checked = containers.stream()
                .filter(c -> c.health() != HealthStatus.UNKNOWN || !c.healthChecks().isEmpty())
                .map(c -> c.name() + " " + c.healthSummary()).collect(Collectors.joining("; "));
        return "task " + taskId + " " + lastStatus + ", health " + healthStatus
                + (checked.isEmpty() ? "" : " (" + checked + ")");
    }

    /**
     * Where the caller reaches a port a container of the task publishes: its host port, at the address it is bound
     * to, or at {@code 127.0.0.1} when it is bound to every address of its host (a host on this machine, as the
     * local Docker engine's).
     *
     * @param containerName the container's name in the task definition
     * @param containerPort the container port
     * @return the endpoint; empty while the container does not publish the port (not running yet, or no mapping)
     */
    public Optional<Endpoint> endpoint(String containerName, int containerPort) {
        for (ContainerState container : containers) {
            if (!container.name().equals(containerName)) {
                continue;
            }
            for (NetworkBinding binding : container.networkBindings()) {
                if (binding.containerPort() == containerPort && binding.hostPort() > 0) {
                    String host = binding.bindIp().equals("0.0.0.0") || binding.bindIp().equals("::")
                            || binding.bindIp().isEmpty() ? "127.0.0.1" : binding.bindIp();
                    return Optional.of(new Endpoint(host, binding.hostPort()));
                }
            }
        }
        return Optional.empty();
    }

    /** @return whether it stopped without ever reaching RUNNING */
    public boolean failedToStart() {
        return lastStatus == TaskStatus.STOPPED && startedAt.isEmpty();
    }

    /**
     * @return whether it failed to start because the process starting it was killed ({@link #ABANDONED_START_REASON}):
     *     nothing is known against its revision, so it counts for neither the restart throttle nor the circuit breaker
     */
    public boolean startAbandoned() {
        return failedToStart() && stoppedReason.map(r -> r.startsWith(ABANDONED_START_REASON)).orElse(false);
    }
}
