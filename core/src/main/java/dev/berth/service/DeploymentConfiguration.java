package dev.berth.service;

import java.util.Objects;

/**
 * Bounds of a rolling deployment: at least {@code ceil(desired × minimumHealthyPercent / 100)} healthy tasks
 * stay, and at most {@code floor(desired × maximumPercent / 100)} tasks exist (RUNNING and PENDING, all
 * deployments together). The same bounds govern replacing tasks on draining instances and unhealthy tasks.
 *
 * @param minimumHealthyPercent 0 to 100
 * @param maximumPercent 100 or more
 * @param circuitBreaker failure detection of deployments
 */
public record DeploymentConfiguration(int minimumHealthyPercent, int maximumPercent,
                                      DeploymentCircuitBreaker circuitBreaker) {

    /**
     * @throws IllegalArgumentException if a percentage is out of range
     */
    public DeploymentConfiguration {
        if (minimumHealthyPercent < 0 || minimumHealthyPercent > 100) {
            throw new IllegalArgumentException(
                    "minimumHealthyPercent must be 0 to 100, was " + minimumHealthyPercent);
        }
        if (maximumPercent < 100) {
            throw new IllegalArgumentException("maximumPercent must be 100 or more, was " + maximumPercent);
        }
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    }

    /** @return ECS's defaults for REPLICA services: 100 % / 200 %, breaker off */
    public static DeploymentConfiguration replicaDefaults() {
        return new DeploymentConfiguration(100, 200, DeploymentCircuitBreaker.disabled());
    }

    /** @return ECS's defaults for DAEMON services: 0 % / 100 %, breaker off */
    public static DeploymentConfiguration daemonDefaults() {
        return new DeploymentConfiguration(0, 100, DeploymentCircuitBreaker.disabled());
    }

    /**
     * @param desiredCount the service's desired count
     * @return the fewest healthy tasks that must remain while tasks are replaced
     */
    public int lowerBound(int desiredCount) {
        return Math.toIntExact(((long) desiredCount * minimumHealthyPercent + 99) / 100);
    }

    /**
     * @param desiredCount the service's desired count
     * @return the most tasks (RUNNING and PENDING) that may exist during a deployment
     */
    public int upperBound(int desiredCount) {
        return Math.toIntExact((long) desiredCount * maximumPercent / 100);
    }

    /**
     * @param breaker the new circuit breaker
     * @return a copy with the given circuit breaker
     */
    public DeploymentConfiguration withCircuitBreaker(DeploymentCircuitBreaker breaker) {
        return new DeploymentConfiguration(minimumHealthyPercent, maximumPercent, breaker);
    }
}
