package dev.berth.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A container port, or a range of them, published on the host.
 *
 * @param containerPort port inside the container; {@code 0} for a range mapping
 * @param hostPort port on the host; {@code 0} (or omitted in ECS JSON) asks for a dynamic port in bridge mode
 * @param protocol tcp (ECS's default) or udp
 * @param name optional name of the mapping (used by Service Connect in ECS)
 * @param appProtocol optional application protocol ({@code http}, {@code http2}, {@code grpc})
 * @param containerPortRange a range of container ports such as {@code 8000-8010}, each published on a host port
 *     the engine picks, instead of one {@code containerPort}
 */
public record PortMapping(int containerPort, int hostPort, Protocol protocol, Optional<String> name,
                          Optional<String> appProtocol, Optional<String> containerPortRange) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public PortMapping {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(appProtocol, "appProtocol");
        Objects.requireNonNull(containerPortRange, "containerPortRange");
    }

    /**
     * A mapping of one container port, not a range.
     *
     * @param containerPort port inside the container
     * @param hostPort port on the host; {@code 0} asks for a dynamic port in bridge mode
     * @param protocol tcp or udp
     * @param name optional name of the mapping
     * @param appProtocol optional application protocol
     */
    public PortMapping(int containerPort, int hostPort, Protocol protocol, Optional<String> name,
                       Optional<String> appProtocol) {
        this(containerPort, hostPort, protocol, name, appProtocol, Optional.empty());
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

    /**
     * @param range e.g. {@code 8000-8010}
     * @return a tcp mapping of every port of {@code range}, each to a host port the engine picks
     */
    public static PortMapping ofRange(String range) {
        return new PortMapping(0, 0, Protocol.TCP, Optional.empty(), Optional.empty(), Optional.of(range));
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
        return new PortMapping(containerPort, hostPort, newProtocol, name, appProtocol, containerPortRange);
    }

    /**
     * @param newName the mapping's name
     * @return a copy with the given mapping name
     */
    public PortMapping withName(String newName) {
        return new PortMapping(containerPort, hostPort, protocol, Optional.of(newName), appProtocol,
                containerPortRange);
    }
}
