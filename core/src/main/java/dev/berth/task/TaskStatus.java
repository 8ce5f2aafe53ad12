package dev.berth.task;

/**
 * A task's {@code lastStatus}, in lifecycle order. Berth's backends use PENDING, RUNNING, STOPPING and STOPPED;
 * the others exist so that states reported by ECS map one to one.
 */
public enum TaskStatus {
    PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED;

    /** @return whether the task holds (or is about to hold) resources on its instance: not yet STOPPED */
    public boolean isLive() {
        return this != STOPPED;
    }

    /** @return whether the task has not reached RUNNING yet */
    public boolean isBeforeRunning() {
        return compareTo(RUNNING) < 0;
    }
}
