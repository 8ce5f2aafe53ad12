package dev.berth.kubernetes.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.Protocol;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.task.ContainerState;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A pod as a Berth task, in ECS's shapes: PROVISIONING until a node is chosen, PENDING until every regular
 * container runs, RUNNING, STOPPING while it is deleted or after an essential container exited, STOPPED once the
 * pod finished or is gone. A container waiting because its image cannot be pulled or its container cannot be made
 * means the task failed to start, as ECS's CannotPullContainerError does. A pod-network port is bound on the pod's
 * address at the container port (as in ECS's awsvpc mode); a host port on the node's address.
 */
public final class PodTasks {

    /** Waiting reasons after which the kubelet will not start the container without a change: a failed start. */
    static final Set<String> START_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");
    /** ECS's text for a stop caused by an essential container. */
    public static final String ESSENTIAL_EXITED = "Essential container in task exited";

    private PodTasks() {
    }

    /**
     * A stop Berth asked for, remembered because Kubernetes records no reason with a deletion.
     *
     * @param code why, as ECS codes it
     * @param reason why, in words
     * @param at when it was asked
     */
    public record RequestedStop(StopCode code, String reason, Instant at) {
        public RequestedStop {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * @param pod the pod, last observed
     * @return the task id it stands for: its annotation, else the pod's name
     */
    public static String taskId(Pod pod) {
        return annotation(pod, BerthLabels.TASK_ID).orElse(pod.getMetadata().getName());
    }

    /**
     * @param pod the pod, as last observed
     * @param revision the revision it runs, for which containers are essential
     * @param cluster the Berth cluster
     * @param stop the stop Berth asked for, if it did
     * @param gone whether the pod no longer exists (then it is STOPPED)
     * @param goneAt when it was noticed gone, for stoppedAt when nothing better is known
     * @return the task
     */
    public static Task toBerth(Pod pod, RegisteredTaskDefinition revision, String cluster,
                               Optional<RequestedStop> stop, boolean gone, Instant goneAt) {
        Map<String, ContainerStatus> statuses = new HashMap<>();
        if (pod.getStatus() != null) {
            Stream.concat(list(pod.getStatus().getContainerStatuses()).stream(),
                            list(pod.getStatus().getInitContainerStatuses()).stream())
                    .forEach(s -> statuses.put(s.getName(), s));
        }
        Map<String, Container> specs = new HashMap<>();
        Stream.concat(pod.getSpec().getContainers().stream(), list(pod.getSpec().getInitContainers()).stream())
                .forEach(c -> specs.put(c.getName(), c));
        boolean restartsInPlace = "Always".equals(pod.getSpec().getRestartPolicy());
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
                : pod.getStatus().getPhase();
        boolean finished = gone || phase.equals("Succeeded") || phase.equals("Failed");
        String podIp = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        String hostIp = pod.getStatus() == null ? null : pod.getStatus().getHostIP();

        List<ContainerState> containers = new ArrayList<>();
        List<HealthStatus> essentialHealth = new ArrayList<>();
        boolean essentialExited = false;
        Optional<String> startFailure = Optional.empty();
        boolean allRegularStarted = true;
        Instant startedAt = null;
        Instant lastFinished = null;
        for (ContainerDefinition definition : revision.definition().containerDefinitions()) {
            String name = PodTemplates.containerName(definition.name());
            Container spec = specs.get(name);
            ContainerStatus status = statuses.get(name);
            boolean regular = pod.getSpec().getContainers().stream().anyMatch(c -> c.getName().equals(name));
            ContainerStateTerminated terminated = status == null || status.getState() == null ? null
                    : status.getState().getTerminated();
            ContainerStateWaiting waiting = status == null || status.getState() == null ? null
                    : status.getState().getWaiting();
            boolean running = status != null && status.getState() != null && status.getState().getRunning() != null;
            Instant containerStarted = running ? instant(status.getState().getRunning().getStartedAt())
                    : terminated != null ? instant(terminated.getStartedAt()) : null;
            if (regular) {
                if (containerStarted == null) {
                    allRegularStarted = false;
                } else if (startedAt == null || containerStarted.isAfter(startedAt)) {
                    startedAt = containerStarted;
                }
            }
            if (terminated != null) {
                Instant at = instant(terminated.getFinishedAt());
                if (at != null && (lastFinished == null || at.isAfter(lastFinished))) {
                    lastFinished = at;
                }
                if (definition.essential() && !restartsInPlace) {
                    essentialExited = true;
                }
            }
            if (waiting != null && START_FAILURES.contains(waiting.getReason())) {
                startFailure = Optional.of(startFailureReason(waiting));
            }
            TaskStatus containerStatus = terminated != null || (finished && !running) || gone ? TaskStatus.STOPPED
                    : running ? TaskStatus.RUNNING : TaskStatus.PENDING;
            HealthStatus health = health(spec, status, running);
            if (definition.essential() && definition.healthCheck().isPresent()) {
                essentialHealth.add(health);
            }
            OptionalInt exitCode = terminated == null || terminated.getExitCode() == null
                    ? OptionalInt.empty() : OptionalInt.of(terminated.getExitCode());
            Optional<String> reason = terminated != null
                    ? Optional.ofNullable(terminated.getReason())
                    .map(r -> terminated.getMessage() == null ? r : r + ": " + terminated.getMessage())
                    : waiting != null ? Optional.ofNullable(waiting.getReason()) : Optional.empty();
            containers.add(new ContainerState(definition.name(), containerStatus, exitCode, health,
                    reason.map(r -> r.length() > 1024 ? r.substring(0, 1024) : r),
                    bindings(spec, podIp, hostIp, containerStatus)));
        }

        TaskStatus lastStatus;
        DesiredStatus desired = DesiredStatus.STOPPED;
        Optional<StopCode> stopCode = stop.map(RequestedStop::code);
        Optional<String> stoppedReason = stop.map(RequestedStop::reason);
        if (finished) {
            lastStatus = TaskStatus.STOPPED;
        } else if (pod.getMetadata().getDeletionTimestamp() != null || stop.isPresent() || essentialExited
                || startFailure.isPresent()) {
            lastStatus = TaskStatus.STOPPING;
        } else {
            desired = DesiredStatus.RUNNING;
            lastStatus = pod.getSpec().getNodeName() == null ? TaskStatus.PROVISIONING
                    : phase.equals("Running") && allRegularStarted ? TaskStatus.RUNNING : TaskStatus.PENDING;
        }
        if (stop.isEmpty() && desired == DesiredStatus.STOPPED) {
            if (startFailure.isPresent() || (finished && !allRegularStarted && !essentialExited)) {
                stopCode = Optional.of(StopCode.TASK_FAILED_TO_START);
                stoppedReason = Optional.of(startFailure.orElse(podReason(pod).orElse("Task failed to start")));
            } else if (essentialExited || phase.equals("Succeeded") || phase.equals("Failed")) {
                stopCode = Optional.of(StopCode.ESSENTIAL_CONTAINER_EXITED);
                stoppedReason = Optional.of(ESSENTIAL_EXITED);
            } else {
                boolean controlled = pod.getMetadata().getOwnerReferences() != null
                        && !pod.getMetadata().getOwnerReferences().isEmpty();
                stopCode = Optional.of(controlled ? StopCode.SERVICE_SCHEDULER_INITIATED : StopCode.USER_INITIATED);
                stoppedReason = Optional.of(podReason(pod).orElse("Pod deleted in Kubernetes"));
            }
        }
        boolean started = allRegularStarted && startedAt != null && startFailure.isEmpty();
        Optional<Instant> stoppedAt = lastStatus != TaskStatus.STOPPED ? Optional.empty()
                : Optional.of(latest(lastFinished, stop.map(RequestedStop::at).orElse(null), goneAt,
                        started ? startedAt : null));
        Instant createdAt = Optional.ofNullable(instant(pod.getMetadata().getCreationTimestamp())).orElse(goneAt);
        return new Task(taskId(pod), cluster, revision.arn(),
                Optional.ofNullable(pod.getSpec().getNodeName()).orElse(""),
                annotation(pod, BerthLabels.GROUP).orElse("family:" + revision.family()),
                annotation(pod, BerthLabels.STARTED_BY).orElse(""),
                lastStatus, desired, HealthStatus.foldEssential(essentialHealth), containers, createdAt,
                started ? Optional.of(startedAt.isBefore(createdAt) ? createdAt : startedAt) : Optional.empty(),
                stoppedAt, stopCode, stoppedReason);
    }

    /**
     * @param task a task as {@link #toBerth} read it
     * @return whether it must be stopped now: Berth restarts nothing in place, so an exited essential
     *     container or a container that cannot start ends it, as on ECS
     */
    public static boolean needsStop(Task task) {
        return task.lastStatus() == TaskStatus.STOPPING && task.stopCode().isPresent();
    }

    private static HealthStatus health(Container spec, ContainerStatus status, boolean running) {
        if (spec == null || spec.getReadinessProbe() == null || status == null) {
            return HealthStatus.UNKNOWN;
        }
        if (running && Boolean.TRUE.equals(status.getReady())) {
            return HealthStatus.HEALTHY;
        }
        // The liveness probe (the same check) failed its retries: the kubelet killed the container.
        boolean killedByProbe = status.getRestartCount() != null && status.getRestartCount() > 0
                || status.getState() != null && status.getState().getTerminated() != null
                && Integer.valueOf(137).equals(status.getState().getTerminated().getExitCode());
        return killedByProbe ? HealthStatus.UNHEALTHY : HealthStatus.UNKNOWN;
    }

    private static List<NetworkBinding> bindings(Container spec, String podIp, String hostIp, TaskStatus status) {
        if (spec == null || spec.getPorts() == null || status != TaskStatus.RUNNING) {
            return List.of();
        }
        List<NetworkBinding> bindings = new ArrayList<>();
        for (ContainerPort port : spec.getPorts()) {
            Protocol protocol = "UDP".equals(port.getProtocol()) ? Protocol.UDP : Protocol.TCP;
            if (port.getHostPort() != null && port.getHostPort() > 0) {
                bindings.add(new NetworkBinding(port.getContainerPort(), port.getHostPort(), protocol,
                        hostIp == null ? "0.0.0.0" : hostIp));
            } else if (podIp != null) {
                bindings.add(new NetworkBinding(port.getContainerPort(), port.getContainerPort(), protocol, podIp));
            }
        }
        return bindings;
    }

    private static String startFailureReason(ContainerStateWaiting waiting) {
        String message = waiting.getMessage() == null ? waiting.getReason()
                : waiting.getReason() + ": " + waiting.getMessage();
        return waiting.getReason().contains("Image") ? "CannotPullContainerError: " + message
                : "CannotStartContainerError: " + message;
    }

    private static Optional<String> podReason(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getReason() == null) {
            return Optional.empty();
        }
        String message = pod.getStatus().getMessage();
        return Optional.of(pod.getStatus().getReason() + (message == null ? "" : ": " + message));
    }

    private static Optional<String> annotation(Pod pod, String key) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations == null ? Optional.empty() : Optional.ofNullable(annotations.get(key));
    }

    private static Instant latest(Instant... candidates) {
        Instant latest = null;
        for (Instant candidate : candidates) {
            if (candidate != null && (latest == null || candidate.isAfter(latest))) {
                latest = candidate;
            }
        }
        return latest;
    }

    private static Instant instant(String timestamp) {
        return timestamp == null || timestamp.isEmpty() ? null : Instant.parse(timestamp);
    }

    private static <T> List<T> list(List<T> maybe) {
        return maybe == null ? List.of() : maybe;
    }
}
