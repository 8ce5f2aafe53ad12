package dev.berth.service;

/** Progress of a deployment. */
public enum RolloutState {
    IN_PROGRESS, COMPLETED, FAILED
}
