package dev.berth.network;

/** How a target group checks a target's health. */
public enum HealthCheckProtocol {
    /** A {@code GET} of the path whose status must match the matcher. */
    HTTP,
    /** A TCP connection that must open within the timeout. */
    TCP
}
