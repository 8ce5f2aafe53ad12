package dev.berth.docker.internal;

/** A task's last or desired status, the subset of ECS's lifecycle the Docker backend distinguishes. */
public enum TaskStatus {
    /** Containers are being created or are waiting for their dependencies. */
    PENDING,
    /** Every container that is meant to run has started. */
    RUNNING,
    /** Every container has exited. */
    STOPPED
}
