package dev.berth.spi;

import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.RolloutState;
import java.time.Instant;
import java.util.Objects;

/**
 * One deployment of a backend-managed service, as its backend reports it.
 *
 * @param id the backend's deployment id, e.g. {@code ecs-svc/1234567890123456789}
 * @param taskDefinition the revision its tasks run: the Berth revision the backend was given, or, for one it does
 *     not know (started elsewhere or before a restart), the backend's own revision in Berth's model
 * @param status PRIMARY or ACTIVE
 * @param rolloutState IN_PROGRESS, COMPLETED or FAILED
 * @param rolloutStateReason the backend's words for that state; empty if it gave none
 * @param failedTasks tasks counted by the circuit breaker
 * @param runningCount its RUNNING tasks
 * @param pendingCount its tasks not yet RUNNING
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record ManagedDeployment(String id, RegisteredTaskDefinition taskDefinition, DeploymentStatus status,
                                RolloutState rolloutState, String rolloutStateReason, int failedTasks,
                                int runningCount, int pendingCount, Instant createdAt, Instant updatedAt) {
    public ManagedDeployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rolloutState, "rolloutState");
        Objects.requireNonNull(rolloutStateReason, "rolloutStateReason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
