package dev.berth.model;

/** When a {@link ContainerDependency} is satisfied. */
public enum DependencyCondition {
    /** The dependency has started (or already stopped). */
    START,
    /** The dependency has exited with any exit code. The dependency may not be essential. */
    COMPLETE,
    /** The dependency has exited with code 0. The dependency may not be essential. */
    SUCCESS,
    /** The dependency reports HEALTHY; it needs a health check. */
    HEALTHY
}
