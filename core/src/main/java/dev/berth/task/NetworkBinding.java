package dev.berth.task;

import dev.berth.model.Protocol;
import java.util.Objects;

/**
 * A container port as it is reachable on its instance.
 *
 * @param containerPort port inside the container
 * @param hostPort port on the host, the chosen one for dynamic mappings
 * @param protocol tcp or udp
 * @param bindIp host address the port is published on, e.g. {@code 127.0.0.1}
 */
public record NetworkBinding(int containerPort, int hostPort, Protocol protocol, String bindIp) {
    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public NetworkBinding {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(bindIp, "bindIp");
    }
}
