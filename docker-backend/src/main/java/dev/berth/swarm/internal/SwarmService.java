package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Swarm service as the manager reports it ({@code GET /services}).
 *
 * @param id the service's id
 * @param version its version index, for updates
 * @param name its name
 * @param spec its current spec
 * @param previousSpec the spec before the last update, if it was updated
 * @param updateStatus the state of its last update or rollback, if any
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param ingressPorts the ports Swarm published for it through the routing mesh, on every node
 */
public record SwarmService(String id, long version, String name, ObjectNode spec, Optional<ObjectNode> previousSpec,
                           Optional<UpdateStatus> updateStatus, Instant createdAt, Instant updatedAt,
                           List<SwarmTask.PublishedPort> ingressPorts) {

    public SwarmService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        spec = spec.deepCopy();
        previousSpec = previousSpec.map(ObjectNode::deepCopy);
        Objects.requireNonNull(updateStatus, "updateStatus");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        ingressPorts = List.copyOf(ingressPorts);
    }

    static SwarmService of(JsonNode service) {
        JsonNode update = service.path("UpdateStatus");
        Instant created = Json.instant(service.path("CreatedAt")).orElse(Instant.EPOCH);
        return new SwarmService(service.path("ID").asText(), service.path("Version").path("Index").asLong(),
                service.path("Spec").path("Name").asText(), object(service.path("Spec")),
                service.path("PreviousSpec").isObject()
                        ? Optional.of(object(service.path("PreviousSpec"))) : Optional.empty(),
                update.isObject() && update.hasNonNull("State")
                        ? Optional.of(new UpdateStatus(update.path("State").asText(),
                                Json.instant(update.path("StartedAt")), Json.instant(update.path("CompletedAt")),
                                update.path("Message").asText("")))
                        : Optional.empty(),
                created, Json.instant(service.path("UpdatedAt")).orElse(created), ingress(service.path("Endpoint")));
    }

    private static List<SwarmTask.PublishedPort> ingress(JsonNode endpoint) {
        List<SwarmTask.PublishedPort> ports = new ArrayList<>();
        for (JsonNode p : endpoint.path("Ports")) {
            if (p.path("PublishMode").asText("ingress").equals("ingress")) {
                ports.add(new SwarmTask.PublishedPort(p.path("TargetPort").asInt(), p.path("PublishedPort").asInt(),
                        p.path("Protocol").asText("tcp"), "ingress"));
            }
        }
        return ports;
    }

    /** @return the service's labels */
    public Map<String, String> labels() {
        return Json.strings(spec.path("Labels"));
    }

    /** @return the labels of the containers its current spec makes */
    public Map<String, String> containerLabels() {
        return Json.strings(spec.path("TaskTemplate").path("ContainerSpec").path("Labels"));
    }

    /** @return whether it runs a task on every eligible node ({@code global}) rather than a count */
    public boolean global() {
        return spec.path("Mode").has("Global");
    }

    /** @return the replicas a replicated service asks for; 0 for a global one */
    public int replicas() {
        return spec.path("Mode").path("Replicated").path("Replicas").asInt(0);
    }

    private static ObjectNode object(JsonNode node) {
        return node.isObject() ? (ObjectNode) node : SwarmApi.object();
    }

    /**
     * A service's last update or rollback ({@code UpdateStatus}).
     *
     * @param state {@code updating}, {@code paused}, {@code completed}, {@code rollback_started},
     *     {@code rollback_paused} or {@code rollback_completed}
     * @param startedAt when it started
     * @param completedAt when it completed, if it did
     * @param message Swarm's words about it
     */
    public record UpdateStatus(String state, Optional<Instant> startedAt, Optional<Instant> completedAt,
                               String message) {
        public UpdateStatus {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(completedAt, "completedAt");
            Objects.requireNonNull(message, "message");
        }

        /** @return whether Swarm is rolling back, or has rolled back, to the previous spec */
        public boolean rollback() {
            return state.startsWith("rollback");
        }
    }
}
