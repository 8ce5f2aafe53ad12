package dev.berth.network;

/**
 * How a target group's listener forwards: Berth's balancer forwards connections, as a Network Load Balancer does,
 * for both; the protocol decides the health check's default and what a client gets when no target is healthy.
 */
public enum TargetGroupProtocol {
    /** HTTP traffic: health checks default to HTTP; without a healthy target a client gets {@code 503}. */
    HTTP,
    /** Any TCP traffic: health checks default to a TCP connect; without a healthy target a connection is closed. */
    TCP
}
