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

    /**
     * @param accepts whether a task's port accepts a connection now: a routed task that died since it was routed
     *     refuses, and the connection goes to the next one, as on Berth's real balancer
     * @return the task a caller's new connection goes to, counted; empty when the name routes to no task that
     *     accepts
     */
    Optional<String> connect(java.util.function.Predicate<String> accepts) {
        List<String> candidates = new ArrayList<>(routed.keySet());
        if (closed || candidates.isEmpty()) {
            return Optional.empty();
        }
        int first = Math.floorMod(nextRoute++, candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            String taskId = candidates.get((first + i) % candidates.size());
            if (accepts.test(taskId)) {
                connections.merge(taskId, 1, Integer::sum);
                return Optional.of(taskId);
            }
        }
        return Optional.empty();
    }

    void disconnect(String taskId) {
        connections.computeIfPresent(taskId, (k, n) -> n > 1 ? n - 1 : null);
    }
}
