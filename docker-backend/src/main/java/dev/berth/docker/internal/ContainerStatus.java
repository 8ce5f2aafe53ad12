package dev.berth.docker.internal;

/** A container's {@code lastStatus}, as ECS reports it. */
public enum ContainerStatus {
    /** Created, not started yet. */
    PENDING,
    /** Running (or restarting in place). */
    RUNNING,
    /** Exited. */
    STOPPED
}
