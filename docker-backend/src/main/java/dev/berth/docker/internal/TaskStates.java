package dev.berth.docker.internal;

import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import dev.berth.task.TaskStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Derives a task's status, desired status and health from its containers, with ECS's rules (pure). */
public final class TaskStates {

    /** ECS's stopped reason when an essential container exits. */
    public static final String ESSENTIAL_EXITED_REASON = "Essential container in task exited";

    private TaskStates() {
    }

    /**
     * @param taskLabels the labels of any of the task's containers
     * @param containers the task's containers
     * @return the task as ECS would report it
     */
    public static TaskObservation derive(Map<String, String> taskLabels, List<ContainerObservation> containers) {
        boolean allStopped = containers.stream().allMatch(c -> c.status() == TaskStatus.STOPPED);
        boolean anyPending = containers.stream().anyMatch(c -> c.status() == TaskStatus.PENDING);
        boolean essentialExited = containers.stream()
                .anyMatch(c -> c.essential() && c.status() == TaskStatus.STOPPED);
        TaskStatus last = allStopped ? TaskStatus.STOPPED : anyPending ? TaskStatus.PENDING : TaskStatus.RUNNING;
        DesiredStatus desired = essentialExited || allStopped ? DesiredStatus.STOPPED : DesiredStatus.RUNNING;
        Optional<StopCode> code = essentialExited ? Optional.of(StopCode.ESSENTIAL_CONTAINER_EXITED) : Optional.empty();
        Optional<String> reason = code.map(c -> ESSENTIAL_EXITED_REASON);
        HealthStatus health = HealthStatus.foldEssential(containers.stream()
                .filter(c -> c.essential() && c.hasHealthCheck()).map(ContainerObservation::health).toList());
        return new TaskObservation(taskLabels.getOrDefault(Labels.TASK, ""),
                taskLabels.getOrDefault(Labels.CLUSTER, ""), taskLabels.getOrDefault(Labels.TASK_DEFINITION, ""),
                taskLabels.getOrDefault(Labels.GROUP, ""), taskLabels.getOrDefault(Labels.STARTED_BY, ""),
                createdAt(taskLabels), last, desired, health, code, reason, containers);
    }

    /** @return the task's {@link Labels#CREATED_AT}, or the epoch for containers Berth did not label with it */
    private static Instant createdAt(Map<String, String> taskLabels) {
        try {
            return Instant.parse(taskLabels.getOrDefault(Labels.CREATED_AT, ""));
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
