package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.docker.internal.Labels;
import dev.berth.docker.internal.Pause;
import dev.berth.swarm.SwarmBackendConfig;
import dev.berth.task.StopCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a task's containers in reverse dependency order, deepest first, each level's containers together, and keeps
 * their Swarm services so that exit codes stay readable until the task is forgotten. Swarm has no call that stops
 * one task, so each container's service is updated: the stop's code and reason go on its labels, and its placement
 * is made to match no node. Swarm then shuts its task down (SIGTERM, then SIGKILL after the service's stop grace
 * period, the container's stopTimeout) and keeps it in the service's history with its exit code. A service that
 * Swarm placed itself (a managed RunTask) gets a replacement task that can never be placed; it is ignored.
 */
final class TaskStopper {

    private static final Logger LOG = LoggerFactory.getLogger(TaskStopper.class);
    /** A constraint no node satisfies. */
    static final String NOWHERE = "node.id==stopped-by-berth";

    private final SwarmApi api;
    private final SwarmBackendConfig config;

    TaskStopper(SwarmApi api, SwarmBackendConfig config) {
        this.api = api;
        this.config = config;
    }

    /**
     * @param runs reads the task's containers again (to wait for each level)
     * @param nodes the swarm's nodes by id: a container on a node that is not ready is not waited for
     * @param code the stop code recorded on the task
     * @param reason the reason recorded on the task
     */
    void stop(Supplier<List<ContainerRun>> runs, Supplier<Map<String, SwarmNode>> nodes, StopCode code,
              String reason) {
        TreeMap<Integer, List<ContainerRun>> levels = runs.get().stream()
                .collect(Collectors.groupingBy(ContainerRun::dependencyLevel,
                        () -> new TreeMap<>(Comparator.reverseOrder()), Collectors.toList()));
        for (Map.Entry<Integer, List<ContainerRun>> level : levels.entrySet()) {
            Duration grace = Duration.ZERO;
            for (ContainerRun r : level.getValue()) {
                boolean running = r.run().map(t -> !t.isFinal()).orElse(true);
                ServiceUpdates.update(api, r.service().id(), spec -> recordStop(spec, code, reason, running),
                        Optional.empty());
                long ms = Long.parseLong(r.service().labels().getOrDefault(Labels.STOP_TIMEOUT_MS,
                        Long.toString(config.manager().defaultStopTimeout().toMillis())));
                grace = grace.compareTo(Duration.ofMillis(ms)) < 0 ? Duration.ofMillis(ms) : grace;
            }
            List<String> names = level.getValue().stream().map(ContainerRun::name).toList();
            awaitFinal(runs, nodes, names, grace.plus(config.manager().timeouts().call()));
        }
    }

    /** @return the spec with the stop recorded, and (for a container that still runs) placed nowhere */
    static ObjectNode recordStop(ObjectNode spec, StopCode code, String reason, boolean shutDown) {
        ObjectNode labels = spec.has("Labels") ? (ObjectNode) spec.get("Labels") : spec.putObject("Labels");
        if (!labels.has(SwarmLabels.STOP_CODE)) {
            labels.put(SwarmLabels.STOP_CODE, code.ecsName());
            labels.put(SwarmLabels.STOP_REASON, reason);
        }
        return shutDown ? placeNowhere(spec) : spec;
    }

    /** @return the spec placed on no node, so that Swarm shuts its tasks down and starts none */
    static ObjectNode placeNowhere(ObjectNode spec) {
        ObjectNode template = (ObjectNode) spec.path("TaskTemplate");
        ObjectNode placement = template.has("Placement") ? (ObjectNode) template.get("Placement")
                : template.putObject("Placement");
        ArrayNode constraints = placement.putArray("Constraints");
        constraints.add(NOWHERE);
        placement.remove("Preferences");
        return spec;
    }

    private void awaitFinal(Supplier<List<ContainerRun>> runs, Supplier<Map<String, SwarmNode>> nodes,
                            List<String> names, Duration timeout) {
        Instant deadline = config.manager().clock().instant().plus(timeout);
        while (true) {
            Map<String, SwarmNode> known = nodes.get();
            boolean done = runs.get().stream().filter(r -> names.contains(r.name()))
                    .allMatch(r -> r.run().map(t -> t.isFinal() || t.nodeId().isEmpty()
                            || !Optional.ofNullable(known.get(t.nodeId())).map(SwarmNode::ready).orElse(false))
                            .orElse(true));
            if (done) {
                return;
            }
            if (config.manager().clock().instant().isAfter(deadline)) {
                LOG.warn("containers {} did not stop within {}; Swarm stops them when their node can", names,
                        timeout);
                return;
            }
            Pause.sleep(config.manager().pollInterval(), "containers " + names + " to stop");
        }
    }
}
