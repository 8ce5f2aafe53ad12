package dev.berth.task;

import java.util.Collection;

/** Health of a container or of a task. UNKNOWN while being evaluated or when there is no health check. */
public enum HealthStatus {
    /** Every health check passes. */
    HEALTHY,
    /** A health check failed its retries. */
    UNHEALTHY,
    /** Not known yet (still in the start period or evaluating), or there is no health check. */
    UNKNOWN;

    /**
     * Folds the health of a task's essential containers the way ECS does: any UNHEALTHY makes the task
     * UNHEALTHY, else any UNKNOWN makes it UNKNOWN, else it is HEALTHY. A task without essential health checks
     * is UNKNOWN; non-essential containers never count.
     *
     * @param essentialContainers health of each essential container that has a health check
     * @return the task's health
     */
    public static HealthStatus foldEssential(Collection<HealthStatus> essentialContainers) {
        if (essentialContainers.isEmpty()) {
            return UNKNOWN;
        }
        if (essentialContainers.contains(UNHEALTHY)) {
            return UNHEALTHY;
        }
        return essentialContainers.contains(UNKNOWN) ? UNKNOWN : HEALTHY;
    }
}
