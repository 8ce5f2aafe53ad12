package dev.berth.inmemory;

import dev.berth.network.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Service Connect endpoint as the in-memory backend simulates it: the tasks Berth routes to it, and the
 * connections simulated callers hold open through it. Guarded by the backend's lock.
 *
 * @see InMemoryBackend#connectByName
 */
final class SimulatedEndpoint {

    private final String namespace;
    private final String dnsName;
    private final int port;
    private final String address;
    private Map<String, Endpoint> routed = Map.of();
    private final Map<String, Integer> connections = new HashMap<>();
    private int nextRoute;
    private boolean closed;

    SimulatedEndpoint(String namespace, String dnsName, int port, String address) {
        this.namespace = namespace;
        this.dnsName = dnsName;
        this.port = port;
        this.address = address;
    }

    String namespace() {
        return namespace;
    }

    String dnsName() {
        return dnsName;
    }

    int port() {
        return port;
    }

    String address() {
        return address;
    }

    boolean isOpen() {
        return !closed;
    }

    void close() {
        closed = true;
        routed = Map.of();
    }

    void route(Map<String, Endpoint> targets) {
        routed = new LinkedHashMap<>(targets);
    }

    boolean routes(String taskId) {
        return routed.containsKey(taskId);
    }

    int activeConnections(String taskId) {
        return connections.getOrDefault(taskId, 0);
    }

    void closeConnections(String taskId) {
        connections.remove(taskId);
    }

    /** @return the task a caller's new connection goes to, counted; empty when the name routes to no task */
    Optional<String> connect() {
        List<String> candidates = new ArrayList<>(routed.keySet());
        if (closed || candidates.isEmpty()) {
            return Optional.empty();
        }
        String taskId = candidates.get(Math.floorMod(nextRoute++, candidates.size()));
        connections.merge(taskId, 1, Integer::sum);
        return Optional.of(taskId);
    }

    void disconnect(String taskId) {
        connections.computeIfPresent(taskId, (k, n) -> n > 1 ? n - 1 : null);
    }
}
