package dev.berth.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A container port published on the host.
 *
 * @param containerPort port inside the container
 * @param hostPort port on the host; {@code 0} (or omitted in ECS JSON) asks for a dynamic port in bridge mode
 * @param protocol tcp (ECS's default) or udp
 * @param name optional name of the mapping (used by Service Connect in ECS)
 * @param appProtocol optional application protocol ({@code http}, {@code http2}, {@code grpc})
 */
public record PortMapping(int containerPort, int hostPort, Protocol protocol, Optional<String> name,
                          Optional<String> appProtocol) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public PortMapping {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(appProtocol, "appProtocol");
    }

    /**
     * @param containerPort the port the container listens on
     * @return a tcp mapping of {@code containerPort} to a dynamic host port
     */
    public static PortMapping of(int containerPort) {
        return new PortMapping(containerPort, 0, Protocol.TCP, Optional.empty(), Optional.empty());
    }

    /**
     * @param containerPort the port the container listens on
     * @param hostPort the host port it is published on
     * @return a tcp mapping of {@code containerPort} to the static {@code hostPort}
     */
    public static PortMapping of(int containerPort, int hostPort) {
        return new PortMapping(containerPort, hostPort, Protocol.TCP, Optional.empty(), Optional.empty());
    }

    /** @return whether the host port is chosen at task start */
    public boolean isDynamic() {
        return hostPort == 0;
    }

    /**
     * @param newProtocol tcp or udp
     * @return a copy with the given protocol
     */
    public PortMapping withProtocol(Protocol newProtocol) {
        return new PortMapping(containerPort, hostPort, newProtocol, name, appProtocol);
    }

    /**
     * @param newName the mapping's name
     * @return a copy with the given mapping name
     */
    public PortMapping withName(String newName) {
        return new PortMapping(containerPort, hostPort, protocol, Optional.of(newName), appProtocol);
    }
}
