package dev.berth.internal.state;

import dev.berth.cluster.ClusterRecord;
import dev.berth.network.TargetGroup;
import dev.berth.reconciler.ServiceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** {@link StateStore} in memory, guarded by one lock: writes are rare next to reads of the backend. */
public final class InMemoryStateStore implements StateStore {

    private final Map<String, ClusterRecord> clusters = new TreeMap<>();
    private final Map<String, Map<String, ServiceState>> services = new TreeMap<>();
    private final Map<String, TargetGroup> targetGroups = new TreeMap<>();

    @Override
    public synchronized Optional<ClusterRecord> cluster(String name) {
        return Optional.ofNullable(clusters.get(name));
    }

    @Override
    public synchronized List<ClusterRecord> clusters() {
        return List.copyOf(clusters.values());
    }

    @Override
    public synchronized boolean createCluster(ClusterRecord cluster) {
        return clusters.putIfAbsent(cluster.name(), cluster) == null;
    }

    @Override
    public synchronized Optional<ClusterRecord> updateCluster(String name, UnaryOperator<ClusterRecord> change) {
        return Optional.ofNullable(clusters.computeIfPresent(name, (key, current) -> change.apply(current)));
    }

    @Override
    public synchronized void removeCluster(String name) {
        clusters.remove(name);
        services.remove(name);
    }

    @Override
    public synchronized Optional<ServiceState> service(String cluster, String name) {
        return Optional.ofNullable(services.getOrDefault(cluster, Map.of()).get(name));
    }

    @Override
    public synchronized List<ServiceState> services(String cluster) {
        return new ArrayList<>(services.getOrDefault(cluster, Map.of()).values());
    }

    @Override
    public synchronized boolean createService(ServiceState service) {
        return services.computeIfAbsent(service.cluster(), key -> new TreeMap<>())
                .putIfAbsent(service.spec().name(), service) == null;
    }

    @Override
    public synchronized Optional<ServiceState> updateService(String cluster, String name,
                                                             UnaryOperator<ServiceState> change) {
        Map<String, ServiceState> ofCluster = services.get(cluster);
        if (ofCluster == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(ofCluster.computeIfPresent(name, (key, current) -> change.apply(current)));
    }

    @Override
    public synchronized void removeService(String cluster, String name) {
        Map<String, ServiceState> ofCluster = services.get(cluster);
        if (ofCluster != null) {
            ofCluster.remove(name);
        }
    }

    @Override
    public synchronized List<TargetGroup> targetGroups() {
        return List.copyOf(targetGroups.values());
    }

    @Override
    public synchronized boolean createTargetGroup(TargetGroup group) {
        return targetGroups.putIfAbsent(group.name(), group) == null;
    }

    @Override
    public synchronized void removeTargetGroup(String arn) {
        targetGroups.values().removeIf(g -> g.arn().equals(arn));
    }
}
