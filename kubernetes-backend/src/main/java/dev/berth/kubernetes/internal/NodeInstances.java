package dev.berth.kubernetes.internal;

import dev.berth.model.HostPorts;
import dev.berth.spi.ContainerInstance;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Kubernetes node as a Berth container instance: what it offers Berth is its allocatable CPU (1,024 units per CPU)
 * and memory less what other pods there request (Berth's scheduler subtracts Berth's own tasks itself); its labels
 * are its attributes, with ECS's built-in names added for zone, architecture, OS and instance type; a node whose
 * Ready condition is not True has its agent disconnected, and a cordoned node is DRAINING.
 */
public final class NodeInstances {

    /** ECS's attribute names and the node labels they are read from, first label found wins. */
    private static final Map<String, List<String>> ECS_ATTRIBUTES = Map.of(
            "ecs.availability-zone", List.of("topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"),
            "ecs.cpu-architecture", List.of("kubernetes.io/arch", "beta.kubernetes.io/arch"),
            "ecs.os-type", List.of("kubernetes.io/os", "beta.kubernetes.io/os"),
            "ecs.instance-type", List.of("node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type"));
    private static final Pattern EC2_INSTANCE = Pattern.compile("^aws:///[^/]*/(i-[0-9a-f]+)$");
    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)*)");
    private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);
    private static final BigDecimal UNITS_PER_CPU = BigDecimal.valueOf(1024);

    private NodeInstances() {
    }

    /**
     * @param node the node as the API server reports it
     * @param otherPods the pods on it that are not the cluster's Berth tasks, not yet finished
     * @return the instance as Berth's scheduler sees it
     */
    public static ContainerInstance toBerth(Node node, List<Pod> otherPods) {
        Map<String, Quantity> allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null
                ? Map.of() : node.getStatus().getAllocatable();
        int cpu = cpuUnits(allocatable.get("cpu"));
        int memory = memoryMiB(allocatable.get("memory"));
        Set<Integer> tcp = new HashSet<>();
        Set<Integer> udp = new HashSet<>();
        for (Pod pod : otherPods) {
            for (Container container : requesting(pod).toList()) {
                Map<String, Quantity> requests = container.getResources() == null
                        || container.getResources().getRequests() == null
                        ? Map.of() : container.getResources().getRequests();
                cpu -= cpuUnits(requests.get("cpu"));
                memory -= memoryMiB(requests.get("memory"));
                for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                    if (port.getHostPort() != null && port.getHostPort() > 0) {
                        ("UDP".equals(port.getProtocol()) ? udp : tcp).add(port.getHostPort());
                    }
                }
            }
        }
        String created = node.getMetadata().getCreationTimestamp();
        return new ContainerInstance(node.getMetadata().getName(), isReady(node), Math.max(0, cpu),
                Math.max(0, memory), new HostPorts(tcp, udp), attributes(node),
                created == null ? Instant.EPOCH : Instant.parse(created), agentVersion(node), ec2InstanceId(node),
                node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()));
    }

    /** @return the containers whose requests hold a node's resources: regular ones and native sidecars */
    private static Stream<Container> requesting(Pod pod) {
        Stream<Container> sidecars = pod.getSpec().getInitContainers() == null ? Stream.empty()
                : pod.getSpec().getInitContainers().stream().filter(c -> "Always".equals(c.getRestartPolicy()));
        return Stream.concat(pod.getSpec().getContainers().stream(), sidecars);
    }

    /**
     * @param node a node
     * @return whether its Ready condition is True: its kubelet reports in and takes pods
     */
    public static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * @param node a node
     * @return its labels, and ECS's built-in attributes read from the well-known ones
     */
    public static Map<String, String> attributes(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Map<String, String> attributes = new LinkedHashMap<>(labels);
        ECS_ATTRIBUTES.forEach((ecsName, labelNames) -> labelNames.stream()
                .map(labels::get).filter(v -> v != null && !v.isEmpty()).findFirst()
                .ifPresent(value -> attributes.put(ecsName,
                        ecsName.equals("ecs.cpu-architecture") ? ecsArchitecture(value) : value)));
        return attributes;
    }

    /** @return ECS's spelling of a Go architecture name: x86_64 for amd64, the others as they are */
    static String ecsArchitecture(String goArch) {
        return goArch.equals("amd64") ? "x86_64" : goArch;
    }

    /**
     * @param quantity a CPU quantity, e.g. {@code 2} or {@code 500m}; null for none
     * @return ECS's CPU units, 1,024 per CPU, rounded down
     */
    public static int cpuUnits(Quantity quantity) {
        if (quantity == null) {
            return 0;
        }
        return quantity.getNumericalAmount().multiply(UNITS_PER_CPU).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    /**
     * @param quantity a memory quantity, e.g. {@code 4Gi}; null for none
     * @return whole MiB, rounded down
     */
    public static int memoryMiB(Quantity quantity) {
        if (quantity == null) {
            return 0;
        }
        return quantity.getNumericalAmount().divide(MIB, 0, RoundingMode.FLOOR).min(BigDecimal.valueOf(Integer.MAX_VALUE))
                .intValueExact();
    }

    private static String agentVersion(Node node) {
        String kubelet = node.getStatus() == null || node.getStatus().getNodeInfo() == null
                ? null : node.getStatus().getNodeInfo().getKubeletVersion();
        if (kubelet == null) {
            return "0";
        }
        Matcher version = VERSION.matcher(kubelet);
        return version.find() ? version.group(1) : "0";
    }

    private static Optional<String> ec2InstanceId(Node node) {
        String provider = node.getSpec() == null ? null : node.getSpec().getProviderID();
        if (provider == null) {
            return Optional.empty();
        }
        Matcher ec2 = EC2_INSTANCE.matcher(provider);
        return ec2.matches() ? Optional.of(ec2.group(1)) : Optional.empty();
    }
}
