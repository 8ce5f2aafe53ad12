package dev.berth.service;

/** Role of a deployment within its service. */
public enum DeploymentStatus {
    /** The newest deployment: the one the service converges to. */
    PRIMARY,
    /** An older deployment that still has tasks. */
    ACTIVE,
    /** Fully replaced. */
    INACTIVE
}
