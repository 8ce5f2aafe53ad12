package dev.berth.progress;

import dev.berth.service.RolloutState;
import java.util.Objects;

/**
 * How far a service's newest (PRIMARY) deployment has got, as its controller last observed it. A report is sent
 * whenever one of these numbers or the rollout state changes.
 *
 * @param cluster the cluster's name
 * @param service the service's name
 * @param deploymentId e.g. {@code ecs-svc/2}
 * @param taskDefinition the revision it deploys, e.g. {@code web:3}
 * @param desiredCount tasks the deployment should reach
 * @param runningCount its RUNNING tasks
 * @param healthyCount its tasks that count as healthy (RUNNING and passing health checks, or running long enough
 *     without one)
 * @param pendingCount its tasks not yet RUNNING
 * @param olderTaskCount live tasks of older deployments, still to be replaced
 * @param rolloutState IN_PROGRESS until the deployment completes or fails
 */
public record DeploymentProgress(String cluster, String service, String deploymentId, String taskDefinition,
                                 int desiredCount, int runningCount, int healthyCount, int pendingCount,
                                 int olderTaskCount, RolloutState rolloutState) implements ProgressEvent {

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is negative or more tasks are healthy than run
     */
    public DeploymentProgress {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        Objects.requireNonNull(rolloutState, "rolloutState");
        if (desiredCount < 0 || runningCount < 0 || pendingCount < 0 || olderTaskCount < 0) {
            throw new IllegalArgumentException("task counts must not be negative, were desired=" + desiredCount
                    + " running=" + runningCount + " pending=" + pendingCount + " older=" + olderTaskCount);
        }
        if (healthyCount < 0 || healthyCount > runningCount) {
            throw new IllegalArgumentException("healthyCount must be within 0.." + runningCount + ", was "
                    + healthyCount);
        }
    }

    /**
     * @return whether the deployment is steady as ECS's {@code ServicesStable} sees it: the desired count
     *     RUNNING, nothing pending, no older task left
     */
    public boolean isSteady() {
        return runningCount == desiredCount && pendingCount == 0 && olderTaskCount == 0;
    }

    /**
     * @return e.g. {@code web: deployment ecs-svc/2 (web:3) - 3/5 running, 2/5 healthy, 1 pending, 2 older};
     *     a finished rollout ends with its state, e.g. {@code , COMPLETED}
     */
    @Override
    public String summary() {
        StringBuilder line = new StringBuilder(service).append(": deployment ").append(deploymentId)
                .append(" (").append(taskDefinition).append(") - ")
                .append(runningCount).append('/').append(desiredCount).append(" running, ")
                .append(healthyCount).append('/').append(desiredCount).append(" healthy");
        if (pendingCount > 0) {
            line.append(", ").append(pendingCount).append(" pending");
        }
        if (olderTaskCount > 0) {
            line.append(", ").append(olderTaskCount).append(" older");
        }
        if (rolloutState != RolloutState.IN_PROGRESS) {
            line.append(", ").append(rolloutState);
        }
        return line.toString();
    }

    /** @return whether the deployment is steady or its rollout has completed or failed */
    @Override
    public boolean finished() {
        return isSteady() || rolloutState != RolloutState.IN_PROGRESS;
    }
}
