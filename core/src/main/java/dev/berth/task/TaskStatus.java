package dev.berth.task;

/**
 * A task's {@code lastStatus}, in lifecycle order. Berth's backends use PENDING, RUNNING, STOPPING and STOPPED;
 * the others exist so that states reported by ECS map one to one.
 */
public enum TaskStatus {
    /** ECS is preparing resources such as the task's network interface (awsvpc). */
    PROVISIONING,
    /** Recorded and placed; its containers are being pulled, created and started. */
    PENDING,
    /** ECS finishes setup, e.g. registers the task with load balancers. */
    ACTIVATING,
    /** Every essential container has started. */
    RUNNING,
    /** ECS undoes setup before stopping, e.g. deregisters the task from load balancers. */
    DEACTIVATING,
    /** Its containers are being stopped (stop signal, stopTimeout, then SIGKILL). */
    STOPPING,
    /** ECS releases resources such as the task's network interface. */
    DEPROVISIONING,
    /** Every container has exited; the task keeps its stop code and reason. */
    STOPPED;

    /** @return whether the task holds (or is about to hold) resources on its instance: not yet STOPPED */
    public boolean isLive() {
        return this != STOPPED;
    }

    /** @return whether the task has not reached RUNNING yet */
    public boolean isBeforeRunning() {
        return compareTo(RUNNING) < 0;
    }
}
