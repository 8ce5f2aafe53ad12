package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import java.time.Duration;
import java.util.List;

/**
 * ECS's rolling-deployment bounds and circuit breaker as Swarm's {@code UpdateConfig} (pure).
 *
 * <p>Bounds: ECS keeps between minimumHealthyPercent and maximumPercent of the desired count during a deployment;
 * Swarm replaces a fixed number of tasks at a time ({@code Parallelism}), either starting the new ones first or
 * stopping the old ones first ({@code Order}). When maximumPercent leaves room above the desired count, Berth starts
 * first, as many as that room ({@code floor(desired * max / 100) - desired}); otherwise it stops first, as many as
 * minimumHealthyPercent allows to be missing ({@code desired - ceil(desired * min / 100)}; 0, which Swarm reads as
 * "all at once", when the minimum is 0 %). Where Swarm cannot follow ECS exactly:
 * <ul>
 *   <li>ECS may use both margins at once (start above the desired count and stop down to the minimum); Swarm uses
 *       one, so with room above the desired count no task is stopped before its replacement runs: never fewer than
 *       the desired count healthy, stricter than the minimum, and slower;</li>
 *   <li>the margins are computed for the desired count when the service is created or updated, not again while a
 *       deployment runs; for a DAEMON service from the number of ready nodes then;</li>
 *   <li>both 100 %: ECS cannot replace a task either; Berth refuses the combination.</li>
 * </ul>
 *
 * <p>Circuit breaker: enabled with rollback → {@code FailureAction: rollback}, without rollback → {@code pause}
 * (the deployment stops, as a failed ECS deployment does), disabled → {@code continue}. The threshold T (failed
 * tasks that trip it) becomes {@code MaxFailureRatio = (T - 1) / desired}, capped at 1, since Swarm acts when more
 * than that share of the updated tasks failed. Swarm counts a task as failed when it fails before it runs, or within
 * {@code Monitor} after it started; ECS counts tasks that never reach RUNNING (or healthy) and has no such window.
 * A rollback uses the same parallelism and order, and pauses if it fails too.
 *
 * @param parallelism tasks replaced at a time; 0 for all at once
 * @param startFirst whether new tasks start before old ones stop
 * @param failureAction {@code rollback}, {@code pause} or {@code continue}
 * @param maxFailureRatio the share of updated tasks that may fail before the failure action
 * @param monitor how long each new task is watched for failure
 */
public record UpdatePolicy(int parallelism, boolean startFirst, String failureAction, double maxFailureRatio,
                           Duration monitor) {

    /**
     * @param config the service's bounds and breaker
     * @param desired the desired count (for DAEMON, the ready nodes)
     * @param monitor how long Swarm watches each new task
     * @return the policy
     * @throws InvalidSpecException if both bounds are 100 %
     */
    public static UpdatePolicy of(DeploymentConfiguration config, int desired, Duration monitor) {
        int surge = config.upperBound(desired) - desired;
        int missing = desired - config.lowerBound(desired);
        DeploymentCircuitBreaker breaker = config.circuitBreaker();
        String action = !breaker.enabled() ? "continue" : breaker.rollback() ? "rollback" : "pause";
        double ratio = desired == 0 ? 0 : Math.min(1.0,
                (breaker.threshold().failuresToTrip(desired) - 1) / (double) desired);
        if (surge >= 1) {
            return new UpdatePolicy(surge, true, action, ratio, monitor);
        }
        if (config.minimumHealthyPercent() == 0) {
            return new UpdatePolicy(0, false, action, ratio, monitor);
        }
        if (missing >= 1 || desired == 0) {
            return new UpdatePolicy(Math.max(1, missing), false, action, ratio, monitor);
        }
        throw new InvalidSpecException("the service's deployment configuration on Docker Swarm", List.of(
                new SpecProblem("deploymentConfiguration", "swarm.deployment.bounds",
                        config.minimumHealthyPercent() + "/" + config.maximumPercent(),
                        "minimumHealthyPercent " + config.minimumHealthyPercent() + " and maximumPercent "
                                + config.maximumPercent() + " leave no task of " + desired + " to replace at a time;"
                                + " lower the minimum or raise the maximum")));
    }

    /** @return Swarm's {@code UpdateConfig} */
    public ObjectNode updateConfig() {
        return config(failureAction);
    }

    /** @return Swarm's {@code RollbackConfig}: the same pace, and a pause if the rollback fails too */
    public ObjectNode rollbackConfig() {
        return config("pause");
    }

    private ObjectNode config(String action) {
        return SwarmApi.object()
                .put("Parallelism", parallelism)
                .put("Delay", 0)
                .put("FailureAction", action)
                .put("Monitor", monitor.toNanos())
                .put("MaxFailureRatio", maxFailureRatio)
                .put("Order", startFirst ? "start-first" : "stop-first");
    }
}
