package dev.berth.swarm.internal;

import dev.berth.model.HostPorts;
import dev.berth.spi.ContainerInstance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Swarm nodes as container instances (pure): the node's id; its agent connected while Swarm reports it ready; its
 * CPUs (1,024 units each) and memory, less what the tasks there that are not the cluster's own reserve (the
 * cluster's own tasks Berth counts itself); ECS's default reserved ports; the attributes of
 * {@link NodeAttributes}; when it joined; its engine's version as the agent version. A node whose availability is
 * drain or pause is drained by the backend: the cluster sees it DRAINING, since Swarm places nothing new there (ECS
 * has no status for pause, which keeps the tasks that run there; Berth's services then move theirs away).
 */
public final class NodeInstances {

    private static final Pattern VERSION_NUMBERS = Pattern.compile("^\\d+(\\.\\d+)*");
    private static final long NANOS_PER_CPU = 1_000_000_000L;
    private static final long MIB = 1024L * 1024L;

    private NodeInstances() {
    }

    /**
     * @param node the node
     * @param othersTasks the live Swarm tasks on it that are not the cluster's
     * @return the instance
     */
    public static ContainerInstance of(SwarmNode node, List<SwarmTask> othersTasks) {
        long nanos = node.nanoCpus() - othersTasks.stream().mapToLong(SwarmTask::reservedNanoCpus).sum();
        long bytes = node.memoryBytes() - othersTasks.stream().mapToLong(SwarmTask::reservedMemoryBytes).sum();
        Map<String, String> attributes = NodeAttributes.of(node);
        return new ContainerInstance(node.id(), node.ready(), (int) Math.max(0, nanos * 1024 / NANOS_PER_CPU),
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, bytes / MIB)), HostPorts.ECS_DEFAULT_RESERVED,
                attributes, node.createdAt(), agentVersion(node.engineVersion()), Optional.empty(),
                drainedBySwarm(node));
    }

    /** @return whether Swarm places nothing new on the node: availability drain or pause */
    public static boolean drainedBySwarm(SwarmNode node) {
        return !node.availability().equals("active");
    }

    private static String agentVersion(String engineVersion) {
        Matcher m = VERSION_NUMBERS.matcher(engineVersion);
        return m.find() ? m.group() : "0";
    }
}
