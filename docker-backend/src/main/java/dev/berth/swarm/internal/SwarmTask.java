package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One Swarm task (one container's run) as the manager reports it ({@code GET /tasks}).
 *
 * @param id the task's id
 * @param serviceId its service's id
 * @param nodeId the node it was assigned to; empty while unassigned
 * @param desiredState what Swarm wants: {@code running}, {@code shutdown}, {@code remove}, ...
 * @param state its last reported state: {@code new} ... {@code running}, then {@code complete}, {@code failed},
 *     {@code shutdown}, {@code rejected}, {@code orphaned} or {@code remove}
 * @param message Swarm's last message about it
 * @param error why it failed, if it did
 * @param exitCode its container's exit code, once it is in a final state
 * @param ports the ports it published in host mode
 * @param createdAt when Swarm created it
 * @param statusAt when its state last changed
 * @param containerLabels the labels of its container, from the spec it runs
 * @param healthChecked whether that spec has a health check
 * @param reservedNanoCpus the CPU its spec reserves, in billionths
 * @param reservedMemoryBytes the memory its spec reserves
 * @param template the task template it runs
 */
public record SwarmTask(String id, String serviceId, String nodeId, String desiredState, String state,
                        String message, String error, OptionalInt exitCode, List<PublishedPort> ports,
                        Instant createdAt, Instant statusAt, Map<String, String> containerLabels,
                        boolean healthChecked, long reservedNanoCpus, long reservedMemoryBytes,
                        JsonNode template) {

    /** States after which a task never runs again. */
    private static final Set<String> FINAL = Set.of("complete", "failed", "shutdown", "rejected", "orphaned",
            "remove");
    /** States of a task that is assigned but whose container is not running yet. */
    private static final Set<String> BEFORE_RUNNING = Set.of("new", "pending", "allocated", "assigned", "accepted",
            "preparing", "ready", "starting");

    public SwarmTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serviceId, "serviceId");
        ports = List.copyOf(ports);
        containerLabels = Map.copyOf(containerLabels);
        template = template.deepCopy();
    }

    static SwarmTask of(JsonNode task) {
        JsonNode status = task.path("Status");
        String state = status.path("State").asText("new");
        JsonNode exit = status.path("ContainerStatus").path("ExitCode");
        // The engine writes an exit code of 0 while the container runs: it means something only at the end.
        boolean hadContainer = !status.path("ContainerStatus").path("ContainerID").asText("").isEmpty();
        OptionalInt exitCode = FINAL.contains(state) && exit.isNumber() && hadContainer
                ? OptionalInt.of(exit.asInt()) : OptionalInt.empty();
        Set<PublishedPort> ports = new LinkedHashSet<>(); // the engine may list a port twice
        for (JsonNode p : status.path("PortStatus").path("Ports")) {
            ports.add(new PublishedPort(p.path("TargetPort").asInt(), p.path("PublishedPort").asInt(),
                    p.path("Protocol").asText("tcp"), p.path("PublishMode").asText("host")));
        }
        JsonNode container = task.path("Spec").path("ContainerSpec");
        JsonNode test = container.path("Healthcheck").path("Test");
        boolean checked = test.isArray() && test.size() > 0 && !test.get(0).asText().equals("NONE");
        Instant created = Json.instant(task.path("CreatedAt")).orElse(Instant.EPOCH);
        return new SwarmTask(task.path("ID").asText(), task.path("ServiceID").asText(), task.path("NodeID").asText(""),
                task.path("DesiredState").asText(""), state, status.path("Message").asText(""),
                status.path("Err").asText(""), exitCode, new ArrayList<>(ports), created,
                Json.instant(status.path("Timestamp")).orElse(created), Json.strings(container.path("Labels")),
                checked, task.path("Spec").path("Resources").path("Reservations").path("NanoCPUs").asLong(0),
                task.path("Spec").path("Resources").path("Reservations").path("MemoryBytes").asLong(0),
                task.path("Spec"));
    }

    /** @return whether the task reached a state it never leaves */
    public boolean isFinal() {
        return FINAL.contains(state);
    }

    /** @return whether its container runs */
    public boolean running() {
        return state.equals("running");
    }

    /** @return whether it has not run yet */
    public boolean beforeRunning() {
        return BEFORE_RUNNING.contains(state);
    }

    /** @return whether Swarm no longer wants it to run */
    public boolean shutDownBySwarm() {
        return !desiredState.equals("running") && !desiredState.equals("ready")
                && !desiredState.equals("accepted") && !desiredState.equals("complete");
    }

    /** @return whether it ended without its container ever running: rejected, or failed before it started */
    public boolean neverRan() {
        return state.equals("rejected") || (isFinal() && exitCode.isEmpty() && !state.equals("shutdown"));
    }

    /**
     * A port a task published in host mode.
     *
     * @param targetPort the container's port
     * @param publishedPort the node's port
     * @param protocol {@code tcp}, {@code udp} or {@code sctp}
     * @param mode {@code host} or {@code ingress}
     */
    public record PublishedPort(int targetPort, int publishedPort, String protocol, String mode) {
        public PublishedPort {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(mode, "mode");
        }
    }
}
