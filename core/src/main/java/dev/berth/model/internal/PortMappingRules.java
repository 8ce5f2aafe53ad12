package dev.berth.model.internal;

import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ECS's rules for port mappings per network mode and for container port ranges
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html), plus one of Berth's: a static host
 * port (with its protocol) may be used once per task, because a task needing it twice could never be placed.
 *
 * <p>One instance checks all containers of one task definition, in order, and remembers the host ports taken.
 */
final class PortMappingRules {

    private static final int MAX_PORT = 65535;
    /** ECS's rule for a port mapping's name, which Service Connect's {@code portName} refers to. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,63}");
    private static final int MAX_RANGES = 100;
    private static final Pattern RANGE = Pattern.compile("([0-9]{1,5})-([0-9]{1,5})");

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
        List<Ports> ranges = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            PortMapping mapping = mappings.get(i);
            String mappingPath = Problems.element(path, i);
            if (mapping.containerPortRange().isPresent()) {
                checkRange(mappingPath, mapping, problems).ifPresent(ranges::add);
                continue;
            }
            boolean containerPortValid = checkContainerPort(mappingPath, mapping, problems);
            boolean hostPortValid = checkHostPort(mappingPath, mapping, problems);
            mapping.name().filter(name -> !NAME.matcher(name).matches())
                    .ifPresent(name -> problems.add(mappingPath + ".name", Rule.PORT_NAME_PATTERN, name));
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
                ranges.add(new Ports(mappingPath, mapping.containerPort(), mapping.containerPort()));
            }
        }
        long rangeCount = mappings.stream().filter(m -> m.containerPortRange().isPresent()).count();
        if (rangeCount > MAX_RANGES) {
            problems.add(path, Rule.PORT_RANGE_TOO_MANY, rangeCount, rangeCount);
        }
        checkOverlaps(ranges, problems);
    }

    /** Container ports {@code first..last} of the mapping at {@code path}. */
    private record Ports(String path, int first, int last) {
        boolean isRange() {
            return path.endsWith("containerPortRange");
        }
    }

    private Optional<Ports> checkRange(String path, PortMapping mapping, Problems problems) {
        String rangePath = path + ".containerPortRange";
        String range = mapping.containerPortRange().orElseThrow();
        if (mapping.containerPort() != 0 || mapping.hostPort() != 0) {
            problems.add(rangePath, Rule.PORT_RANGE_WITH_PORT, range);
        }
        if (networkMode != NetworkMode.BRIDGE && networkMode != NetworkMode.AWSVPC) {
            problems.add(rangePath, Rule.PORT_RANGE_NETWORK_MODE, range, networkMode.ecsName());
        }
        Matcher m = RANGE.matcher(range);
        if (m.matches()) {
            int first = Integer.parseInt(m.group(1));
            int last = Integer.parseInt(m.group(2));
            if (first >= 1 && first < last && last <= MAX_PORT) {
                return Optional.of(new Ports(rangePath, first, last));
            }
        }
        problems.add(rangePath, Rule.PORT_RANGE_FORMAT, range, range);
        return Optional.empty();
    }

    /** ECS: a port may be in one mapping of a container only, and ranges must not overlap. */
    private static void checkOverlaps(List<Ports> ports, Problems problems) {
        for (int i = 0; i < ports.size(); i++) {
            Ports later = ports.get(i);
            if (!later.isRange()) {
                continue;
            }
            for (int j = 0; j < ports.size(); j++) {
                Ports other = ports.get(j);
                boolean earlier = !other.isRange() || j < i;
                if (earlier && j != i && other.first() <= later.last() && later.first() <= other.last()) {
                    String shared = Math.max(other.first(), later.first()) + "-"
                            + Math.min(other.last(), later.last());
                    problems.add(later.path(), Rule.PORT_RANGE_OVERLAP, shared, shared, other.path());
                    break;
                }
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
