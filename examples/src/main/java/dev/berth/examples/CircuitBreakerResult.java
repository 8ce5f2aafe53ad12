package dev.berth.examples;

import dev.berth.service.RolloutState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CircuitBreakerRollback} observed, for a test to check.
 *
 * @param goodRevision the revision the service ran first, e.g. {@code checkout:1}
 * @param brokenRevision the revision deployed next, e.g. {@code checkout:2}
 * @param brokenDeploymentId the deployment of the broken revision, e.g. {@code ecs-svc/2}
 * @param failedTasks the broken deployment's tasks that stopped
 * @param failure their stop codes and reasons, each distinct one once
 * @param rollbackDeploymentId the deployment created by the rollback
 * @param rollbackOf the deployment the rollback replaced
 * @param finalRevision the revision of the service's PRIMARY deployment at the end
 * @param finalRollout that deployment's rollout state
 * @param onlyGoodTasksLeft whether every live task of the service ran the good revision at the end
 * @param events the service events as they happened
 */
public record CircuitBreakerResult(String goodRevision, String brokenRevision, String brokenDeploymentId,
                                   int failedTasks, String failure, String rollbackDeploymentId,
                                   Optional<String> rollbackOf, String finalRevision, RolloutState finalRollout,
                                   boolean onlyGoodTasksLeft, List<String> events) {

    /** @throws NullPointerException if a component is null */
    public CircuitBreakerResult {
        Objects.requireNonNull(goodRevision, "goodRevision");
        Objects.requireNonNull(brokenRevision, "brokenRevision");
        Objects.requireNonNull(brokenDeploymentId, "brokenDeploymentId");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(rollbackDeploymentId, "rollbackDeploymentId");
        Objects.requireNonNull(rollbackOf, "rollbackOf");
        Objects.requireNonNull(finalRevision, "finalRevision");
        Objects.requireNonNull(finalRollout, "finalRollout");
        events = List.copyOf(events);
    }
}
