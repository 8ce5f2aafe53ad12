package dev.berth.service;

/** How a service decides how many tasks to run. */
public enum SchedulingStrategy {
    /** Keep {@code desiredCount} tasks across the cluster. */
    REPLICA,
    /** Keep exactly one task on every ACTIVE instance that satisfies the service's constraints. */
    DAEMON
}
