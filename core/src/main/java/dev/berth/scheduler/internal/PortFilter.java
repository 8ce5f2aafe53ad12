package dev.berth.scheduler.internal;

import dev.berth.model.HostPorts;
import dev.berth.model.Protocol;
import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Every static host port the task needs is free on the instance, per protocol. */
final class PortFilter implements FeasibilityFilter {

    private final HostPorts needed;

    PortFilter(HostPorts needed) {
        this.needed = needed;
    }

    @Override
    public boolean accepts(Slot slot) {
        for (Protocol protocol : Protocol.values()) {
            for (int port : needed.ports(protocol)) {
                if (slot.portInUse(protocol, port)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public Rejection rejection(Slot slot) {
        String taken = List.of(Protocol.values()).stream()
                .flatMap(protocol -> new TreeSet<>(needed.ports(protocol)).stream()
                        .filter(port -> slot.portInUse(protocol, port))
                        .map(port -> port + "/" + protocol.ecsName()))
                .collect(Collectors.joining(", "));
        return new Rejection(RejectionReason.RESOURCE_PORTS, "host ports in use: " + taken);
    }
}
