package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.exception.ResourceNotFoundException;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Changes to a node's spec made through the manager: its availability and its labels. */
public final class NodeUpdates {

    private NodeUpdates() {
    }

    /**
     * @param api the manager
     * @param nodeId the node
     * @param availability {@code active}, {@code pause} or {@code drain}
     * @throws ResourceNotFoundException if the swarm has no such node
     */
    public static void availability(SwarmApi api, String nodeId, String availability) {
        update(api, nodeId, spec -> spec.put("Availability", availability));
    }

    /** Adds or replaces node labels. */
    public static void putLabels(SwarmApi api, String nodeId, Map<String, String> labels) {
        update(api, nodeId, spec -> {
            ObjectNode node = spec.has("Labels") ? (ObjectNode) spec.get("Labels") : spec.putObject("Labels");
            labels.forEach(node::put);
            return spec;
        });
    }

    /** Removes node labels; names the node lacks are ignored. */
    public static void deleteLabels(SwarmApi api, String nodeId, Set<String> names) {
        update(api, nodeId, spec -> {
            if (spec.has("Labels")) {
                ((ObjectNode) spec.get("Labels")).remove(names);
            }
            return spec;
        });
    }

    private static void update(SwarmApi api, String nodeId, UnaryOperator<ObjectNode> change) {
        SwarmNode node = api.nodes().stream().filter(n -> n.id().equals(nodeId)).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("The swarm has no node '" + nodeId + "'"));
        api.updateNode(node.id(), node.version(), change.apply(node.spec().deepCopy()));
    }
}
