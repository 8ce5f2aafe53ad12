package dev.berth.service;

import java.util.Objects;

/**
 * Fails a rolling deployment whose tasks keep failing, and optionally rolls back to the last completed one.
 *
 * @param enabled whether failures are counted at all
 * @param rollback whether a failed deployment is replaced by the last COMPLETED one
 * @param threshold failed tasks that trip the breaker
 */
public record DeploymentCircuitBreaker(boolean enabled, boolean rollback, CircuitBreakerThreshold threshold) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public DeploymentCircuitBreaker {
        Objects.requireNonNull(threshold, "threshold");
    }

    /** @return a breaker that never trips (ECS's default) */
    public static DeploymentCircuitBreaker disabled() {
        return new DeploymentCircuitBreaker(false, false, CircuitBreakerThreshold.ecsDefault());
    }

    /**
     * @param rollback whether a tripped breaker rolls back to the last completed deployment
     * @return an enabled breaker with ECS's default threshold that rolls back when {@code rollback}
     */
    public static DeploymentCircuitBreaker enabled(boolean rollback) {
        return new DeploymentCircuitBreaker(true, rollback, CircuitBreakerThreshold.ecsDefault());
    }
}
