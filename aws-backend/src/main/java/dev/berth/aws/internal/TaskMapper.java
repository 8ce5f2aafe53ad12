package dev.berth.aws.internal;

import dev.berth.model.Protocol;
import dev.berth.task.ContainerState;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.ecs.model.Container;

/** An ECS task, as DescribeTasks reports it, to Berth's {@link Task}. */
public final class TaskMapper {

    /** The instance id of a task without container instance (Fargate). */
    public static final String NO_INSTANCE = "fargate";

    private TaskMapper() {
    }

    /**
     * @param task the ECS task, described with its tags
     * @param taskId Berth's id of the task
     * @param cluster the cluster's name
     * @param taskDefinitionArn the Berth revision it runs
     * @param firstSeen when this backend first saw it: its createdAt if ECS reports none
     * @param requestedStop the stop code Berth asked for, which ECS reports as UserInitiated for every StopTask
     * @return Berth's view of it
     */
    public static Task toBerth(software.amazon.awssdk.services.ecs.model.Task task, String taskId, String cluster,
                               String taskDefinitionArn, Instant firstSeen, Optional<StopCode> requestedStop) {
        TaskStatus lastStatus = status(task.lastStatus());
        Optional<StopCode> reported = Optional.ofNullable(task.stopCodeAsString()).flatMap(TaskMapper::stopCode);
        boolean stopping = "STOPPED".equals(task.desiredStatus()) || lastStatus == TaskStatus.STOPPED;
        // StopTask always yields UserInitiated: what Berth asked for (e.g. its scheduler's stop) says more.
        Optional<StopCode> stopCode = reported.isEmpty() || reported.get() == StopCode.USER_INITIATED
                ? requestedStop.filter(code -> stopping).or(() -> reported)
                : reported;
        return new Task(taskId, cluster, taskDefinitionArn,
                Optional.ofNullable(task.containerInstanceArn()).orElse(NO_INSTANCE),
                Optional.ofNullable(task.group()).orElse(""),
                Optional.ofNullable(task.startedBy()).orElse(""),
                lastStatus,
                "STOPPED".equals(task.desiredStatus()) ? DesiredStatus.STOPPED : DesiredStatus.RUNNING,
                health(task.healthStatusAsString()),
                task.containers().stream().map(TaskMapper::container).toList(),
                Optional.ofNullable(task.createdAt()).orElse(firstSeen),
                Optional.ofNullable(task.startedAt()),
                Optional.ofNullable(task.stoppedAt()),
                stopCode,
                Optional.ofNullable(task.stoppedReason()));
    }

    private static ContainerState container(Container c) {
        return new ContainerState(c.name(), containerStatus(c.lastStatus()),
                c.exitCode() == null ? OptionalInt.empty() : OptionalInt.of(c.exitCode()),
                health(c.healthStatusAsString()),
                Optional.ofNullable(c.reason()),
                c.networkBindings().stream()
                        .filter(b -> b.containerPort() != null && b.hostPort() != null)
                        .map(b -> new NetworkBinding(b.containerPort(), b.hostPort(),
                                "udp".equalsIgnoreCase(b.protocolAsString()) ? Protocol.UDP : Protocol.TCP,
                                Optional.ofNullable(b.bindIP()).orElse("0.0.0.0")))
                        .toList());
    }

    /**
     * @param ecs ECS's task lastStatus, or null before ECS reports one
     * @return Berth's status; DELETED (transient, after STOPPED) counts as STOPPED
     */
    public static TaskStatus status(String ecs) {
        if (ecs == null) {
            return TaskStatus.PENDING;
        }
        if (ecs.equals("DELETED")) {
            return TaskStatus.STOPPED;
        }
        return Arrays.stream(TaskStatus.values()).filter(s -> s.name().equals(ecs)).findFirst()
                .orElse(TaskStatus.PENDING);
    }

    /** Containers report PENDING, RUNNING or STOPPED; anything else has not run yet. */
    private static TaskStatus containerStatus(String ecs) {
        TaskStatus status = status(ecs);
        return status == TaskStatus.RUNNING || status == TaskStatus.STOPPED ? status : TaskStatus.PENDING;
    }

    private static HealthStatus health(String ecs) {
        if (ecs == null) {
            return HealthStatus.UNKNOWN;
        }
        return switch (ecs.toUpperCase(Locale.ROOT)) {
            case "HEALTHY" -> HealthStatus.HEALTHY;
            case "UNHEALTHY" -> HealthStatus.UNHEALTHY;
            default -> HealthStatus.UNKNOWN;
        };
    }

    /** ECS codes Berth has no meaning for (SpotInterruption, TerminationNotice, ...) are left to stoppedReason. */
    static Optional<StopCode> stopCode(String ecs) {
        return Arrays.stream(StopCode.values()).filter(c -> c.ecsName().equals(ecs)).findFirst();
    }
}
