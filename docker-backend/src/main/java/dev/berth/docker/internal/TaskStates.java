package dev.berth.docker.internal;

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
        boolean allStopped = containers.stream().allMatch(c -> c.status() == ContainerStatus.STOPPED);
        boolean anyPending = containers.stream().anyMatch(c -> c.status() == ContainerStatus.PENDING);
        boolean essentialExited = containers.stream()
                .anyMatch(c -> c.essential() && c.status() == ContainerStatus.STOPPED);
        TaskStatus last = allStopped ? TaskStatus.STOPPED : anyPending ? TaskStatus.PENDING : TaskStatus.RUNNING;
        TaskStatus desired = essentialExited || allStopped ? TaskStatus.STOPPED : TaskStatus.RUNNING;
        Optional<StopCode> code = essentialExited ? Optional.of(StopCode.ESSENTIAL_CONTAINER_EXITED) : Optional.empty();
        Optional<String> reason = code.map(c -> ESSENTIAL_EXITED_REASON);
        return new TaskObservation(taskLabels.getOrDefault(Labels.TASK, ""),
                taskLabels.getOrDefault(Labels.CLUSTER, ""), taskLabels.getOrDefault(Labels.TASK_DEFINITION, ""),
                Optional.ofNullable(taskLabels.get(Labels.SERVICE)),
                Optional.ofNullable(taskLabels.get(Labels.DEPLOYMENT)), last, desired, health(containers), code,
                reason, containers);
    }

    /**
     * @param containers a task's containers
     * @return UNHEALTHY if an essential container with a health check is unhealthy, else UNKNOWN if one is unknown
     *     or none has a health check, else HEALTHY
     */
    public static HealthStatus health(List<ContainerObservation> containers) {
        List<HealthStatus> checked = containers.stream().filter(c -> c.essential() && c.hasHealthCheck())
                .map(ContainerObservation::health).toList();
        if (checked.contains(HealthStatus.UNHEALTHY)) {
            return HealthStatus.UNHEALTHY;
        }
        if (checked.isEmpty() || checked.contains(HealthStatus.UNKNOWN)) {
            return HealthStatus.UNKNOWN;
        }
        return HealthStatus.HEALTHY;
    }
}
