package dev.berth.service;

/** Lifecycle of a service. */
public enum ServiceStatus {
    /** Kept at its desired count. */
    ACTIVE,
    /** Deleted: its tasks are stopping; it is gone once none is left. */
    DRAINING,
    /** Deleted and without tasks. */
    INACTIVE
}
