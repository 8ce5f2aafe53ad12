package dev.berth.service;

import dev.berth.model.RegisteredTaskDefinition;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployment of a service: the task-definition revision its tasks run, and how far its rollout got.
 *
 * @param id {@code ecs-svc/<number>}, unique within the service; tasks carry it as {@code startedBy}
 * @param taskDefinition the revision the deployment's tasks run
 * @param status PRIMARY (newest), ACTIVE (older, still has tasks) or INACTIVE
 * @param rolloutState IN_PROGRESS until it reaches the desired count healthy (COMPLETED) or trips the breaker
 * @param rolloutStateReason why it is in that state, as an event would say it
 * @param failedTasks tasks of this deployment counted by the circuit breaker
 * @param rollbackOf the deployment this one rolls back, if it is a rollback
 * @param createdAt when it was created
 * @param updatedAt when its status or rollout state last changed
 */
public record Deployment(String id, RegisteredTaskDefinition taskDefinition, DeploymentStatus status,
                         RolloutState rolloutState, String rolloutStateReason, int failedTasks,
                         Optional<String> rollbackOf, Instant createdAt, Instant updatedAt) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rolloutState, "rolloutState");
        Objects.requireNonNull(rolloutStateReason, "rolloutStateReason");
        Objects.requireNonNull(rollbackOf, "rollbackOf");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * @param id {@code ecs-svc/<number>}
     * @param taskDefinition the revision its tasks run
     * @param now when it starts
     * @return a new PRIMARY deployment, IN_PROGRESS
     */
    public static Deployment start(String id, RegisteredTaskDefinition taskDefinition, Instant now) {
        return new Deployment(id, taskDefinition, DeploymentStatus.PRIMARY, RolloutState.IN_PROGRESS,
                "ECS deployment " + id + " in progress.", 0, Optional.empty(), now, now);
    }

    /**
     * @param newStatus the new status
     * @param now when it changes
     * @return a copy with another status
     */
    public Deployment withStatus(DeploymentStatus newStatus, Instant now) {
        return new Deployment(id, taskDefinition, newStatus, rolloutState, rolloutStateReason, failedTasks,
                rollbackOf, createdAt, now);
    }

    /**
     * @param newState the new rollout state
     * @param reason why, as an event would say it
     * @param now when it changes
     * @return a copy with another rollout state and its reason
     */
    public Deployment withRollout(RolloutState newState, String reason, Instant now) {
        return new Deployment(id, taskDefinition, status, newState, reason, failedTasks, rollbackOf, createdAt, now);
    }

    /**
     * @param count how many more tasks failed
     * @return a copy with {@code count} more failed tasks
     */
    public Deployment withMoreFailedTasks(int count) {
        return new Deployment(id, taskDefinition, status, rolloutState, rolloutStateReason, failedTasks + count,
                rollbackOf, createdAt, updatedAt);
    }

    /**
     * @param failedDeploymentId the id of the deployment that failed
     * @return a copy marked as the rollback of {@code failedDeploymentId}
     */
    public Deployment asRollbackOf(String failedDeploymentId) {
        return new Deployment(id, taskDefinition, status, rolloutState,
                "ECS deployment " + id + " in progress (rollback of " + failedDeploymentId + ").", failedTasks,
                Optional.of(failedDeploymentId), createdAt, updatedAt);
    }
}
