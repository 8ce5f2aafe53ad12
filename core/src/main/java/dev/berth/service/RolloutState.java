package dev.berth.service;

/** Progress of a deployment. */
public enum RolloutState {
    /** Tasks of the deployment are starting or not yet healthy, or older tasks are still to be replaced. */
    IN_PROGRESS,
    /** The desired count is healthy and no older task is left. */
    COMPLETED,
    /** The circuit breaker tripped: too many tasks failed to start or to stay healthy. */
    FAILED
}
