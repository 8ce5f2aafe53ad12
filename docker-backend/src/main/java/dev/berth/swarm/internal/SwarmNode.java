package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One node of the swarm as the manager reports it ({@code GET /nodes}).
 *
 * @param id the node's id
 * @param version its version index, for updates
 * @param hostname its host name
 * @param role {@code manager} or {@code worker}
 * @param availability {@code active}, {@code pause} or {@code drain}
 * @param state {@code ready}, {@code down}, {@code unknown} or {@code disconnected}
 * @param address the address it is reached at
 * @param nanoCpus its CPUs in billionths
 * @param memoryBytes its memory
 * @param os its operating system, e.g. {@code linux}
 * @param architecture its CPU architecture as the engine reports it, e.g. {@code x86_64} or {@code aarch64}
 * @param engineVersion its engine's version, e.g. {@code 20.10.24+dfsg1}
 * @param nodeLabels the node's labels (set through the swarm)
 * @param engineLabels the engine's labels (set in the engine's configuration)
 * @param createdAt when it joined
 * @param spec its spec as read, for updates
 */
public record SwarmNode(String id, long version, String hostname, String role, String availability, String state,
                        String address, long nanoCpus, long memoryBytes, String os, String architecture,
                        String engineVersion, Map<String, String> nodeLabels, Map<String, String> engineLabels,
                        Instant createdAt, ObjectNode spec) {

    public SwarmNode {
        Objects.requireNonNull(id, "id");
        nodeLabels = Map.copyOf(nodeLabels);
        engineLabels = Map.copyOf(engineLabels);
        Objects.requireNonNull(createdAt, "createdAt");
        spec = spec.deepCopy();
    }

    static SwarmNode of(JsonNode node) {
        JsonNode description = node.path("Description");
        return new SwarmNode(node.path("ID").asText(), node.path("Version").path("Index").asLong(),
                description.path("Hostname").asText(""), node.path("Spec").path("Role").asText("worker"),
                node.path("Spec").path("Availability").asText("active"), node.path("Status").path("State").asText(""),
                node.path("Status").path("Addr").asText(""),
                description.path("Resources").path("NanoCPUs").asLong(),
                description.path("Resources").path("MemoryBytes").asLong(),
                description.path("Platform").path("OS").asText(""),
                description.path("Platform").path("Architecture").asText(""),
                description.path("Engine").path("EngineVersion").asText(""),
                Json.strings(node.path("Spec").path("Labels")),
                Json.strings(description.path("Engine").path("Labels")),
                Json.instant(node.path("CreatedAt")).orElse(Instant.EPOCH),
                node.path("Spec").isObject() ? (ObjectNode) node.path("Spec") : SwarmApi.object());
    }

    /** @return whether the node's agent is connected and can run tasks */
    public boolean ready() {
        return state.equals("ready");
    }

    /** @return whether the node takes no new tasks and has its tasks moved away ({@code drain}) */
    public boolean draining() {
        return availability.equals("drain");
    }
}
