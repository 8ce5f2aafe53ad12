package dev.berth.docker.internal;

/** Health of a container or a task, as ECS reports it. */
public enum HealthStatus {
    /** The health check passes. */
    HEALTHY,
    /** The health check failed {@code retries} times in a row. */
    UNHEALTHY,
    /** Not evaluated yet, or no health check. */
    UNKNOWN
}
