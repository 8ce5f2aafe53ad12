package dev.berth.model.internal;

import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ECS's rules for port mappings per network mode
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html), plus one of Berth's: a static host
 * port (with its protocol) may be used once per task, because a task needing it twice could never be placed.
 *
 * <p>One instance checks all containers of one task definition, in order, and remembers the host ports taken.
 */
final class PortMappingRules {

    private static final int MAX_PORT = 65535;

    private final NetworkMode networkMode;
    private final Map<String, String> takenHostPorts = new HashMap<>();

    PortMappingRules(NetworkMode networkMode) {
        this.networkMode = networkMode;
    }

    void check(String containerPath, List<PortMapping> mappings, Problems problems) {
        String path = containerPath + ".portMappings";
        if (mappings.isEmpty()) {
            return;
        }
        if (networkMode == NetworkMode.NONE) {
            problems.add(path, Rule.PORTS_WITH_NETWORK_MODE_NONE, networkMode.ecsName());
            return;
        }
        Map<Integer, Integer> firstByContainerPort = new HashMap<>();
        for (int i = 0; i < mappings.size(); i++) {
            PortMapping mapping = mappings.get(i);
            String mappingPath = Problems.element(path, i);
            boolean containerPortValid = checkContainerPort(mappingPath, mapping, problems);
            boolean hostPortValid = checkHostPort(mappingPath, mapping, problems);
            if (containerPortValid) {
                Integer first = firstByContainerPort.putIfAbsent(mapping.containerPort(), i);
                if (first != null && mappings.get(first).protocol() != mapping.protocol()) {
                    problems.add(mappingPath + ".protocol", Rule.PORT_PROTOCOL_CONFLICT,
                            mapping.protocol().ecsName(), mapping.containerPort(),
                            mappings.get(first).protocol().ecsName(), first);
                }
            }
            if (containerPortValid && hostPortValid) {
                takeStaticHostPort(mappingPath, mapping, problems);
            }
        }
    }

    private static boolean checkContainerPort(String path, PortMapping mapping, Problems problems) {
        if (mapping.containerPort() < 1 || mapping.containerPort() > MAX_PORT) {
            problems.add(path + ".containerPort", Rule.PORT_CONTAINER_PORT_RANGE, mapping.containerPort());
            return false;
        }
        return true;
    }

    private boolean checkHostPort(String path, PortMapping mapping, Problems problems) {
        if (mapping.hostPort() < 0 || mapping.hostPort() > MAX_PORT) {
            problems.add(path + ".hostPort", Rule.PORT_HOST_PORT_RANGE, mapping.hostPort());
            return false;
        }
        if (networkMode != NetworkMode.BRIDGE && !mapping.isDynamic()
                && mapping.hostPort() != mapping.containerPort()) {
            problems.add(path + ".hostPort", Rule.PORT_HOST_PORT_NETWORK_MODE, mapping.hostPort(),
                    networkMode.ecsName(), mapping.containerPort());
            return false;
        }
        return true;
    }

    /** In awsvpc and host mode an omitted host port is the container port, so it is static too. */
    private void takeStaticHostPort(String path, PortMapping mapping, Problems problems) {
        int hostPort = mapping.isDynamic() && networkMode != NetworkMode.BRIDGE
                ? mapping.containerPort()
                : mapping.hostPort();
        if (hostPort == 0) {
            return;
        }
        Protocol protocol = mapping.protocol();
        String owner = takenHostPorts.putIfAbsent(hostPort + "/" + protocol.ecsName(), path);
        if (owner != null) {
            problems.add(path + ".hostPort", Rule.PORT_HOST_PORT_DUPLICATE, hostPort, hostPort, protocol.ecsName(),
                    owner);
        }
    }
}
