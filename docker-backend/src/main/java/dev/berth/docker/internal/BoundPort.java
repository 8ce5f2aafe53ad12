package dev.berth.docker.internal;

import dev.berth.model.Protocol;
import java.util.Objects;

/**
 * A container port as published on the engine's host, read back from the engine (so a dynamic port is known).
 *
 * @param containerPort the port inside the container
 * @param protocol tcp or udp
 * @param hostIp the host address it is bound to, e.g. {@code 127.0.0.1}
 * @param hostPort the host port
 */
public record BoundPort(int containerPort, Protocol protocol, String hostIp, int hostPort) {
    /** @throws NullPointerException if a component is null */
    public BoundPort {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(hostIp, "hostIp");
    }
}
