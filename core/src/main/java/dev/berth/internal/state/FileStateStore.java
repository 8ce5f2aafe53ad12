package dev.berth.internal.state;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.BerthException;
import dev.berth.network.TargetGroup;
import dev.berth.reconciler.ServiceState;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@link StateStore} kept in a {@link StateDirectory}: one JSON file per cluster ({@code clusters/<cluster>.json}),
 * per service ({@code services/<cluster>/<service>.json}) and per target group ({@code target-groups/<name>.json}), so a write is small and replaces one record
 * atomically. Everything is read into memory when the store opens and served from there; a change is written to
 * its file first and takes effect only once the file holds it, so a failed write (a full disk) fails the call and
 * leaves both the file and the store as they were. A change that leaves a record equal is not written.
 *
 * <p>Writers take one lock; readers don't wait for a write's disk I/O.
 */
public final class FileStateStore implements StateStore {

    static final String CLUSTERS = "clusters";
    static final String SERVICES = "services";
    static final String TARGET_GROUPS = "target-groups";

    private final StateDirectory directory;
    private final StateJson json = new StateJson();
    private final InMemoryStateStore memory = new InMemoryStateStore();

    private FileStateStore(StateDirectory directory) {
        this.directory = directory;
    }

    /**
     * Reads every cluster and service stored in {@code directory}.
     *
     * @param directory a locked state directory; the store writes to it until it is closed
     * @return the store
     * @throws BerthException if a stored record cannot be read (naming the file and its backup): the store never
     *     starts with part of its state missing
     */
    public static FileStateStore open(StateDirectory directory) {
        FileStateStore store = new FileStateStore(Objects.requireNonNull(directory, "directory"));
        for (Path file : directory.records(directory.resolve(CLUSTERS))) {
            ClusterRecord cluster = store.json.read(file, store.json::readCluster);
            StateDirectory.requireStoredAt(file, store.clusterFile(cluster.name()));
            store.memory.createCluster(cluster);
        }
        for (Path folder : directory.folders(directory.resolve(SERVICES))) {
            for (Path file : directory.records(folder)) {
                ServiceState service = store.json.read(file, store.json::readService);
                StateDirectory.requireStoredAt(file, store.serviceFile(service.cluster(), service.spec().name()));
                store.memory.createService(service);
            }
        }
        for (Path file : directory.records(directory.resolve(TARGET_GROUPS))) {
            TargetGroup group = store.json.read(file, store.json::readTargetGroup);
            StateDirectory.requireStoredAt(file, store.targetGroupFile(group.name()));
            store.memory.createTargetGroup(group);
        }
        return store;
    }

    private Path targetGroupFile(String name) {
        return StateDirectory.recordFile(directory.resolve(TARGET_GROUPS), name);
    }

    private Path clusterFile(String cluster) {
        return StateDirectory.recordFile(directory.resolve(CLUSTERS), cluster);
    }

    private Path serviceFile(String cluster, String service) {
        return StateDirectory.recordFile(directory.resolve(SERVICES, StateDirectory.stem(cluster)), service);
    }

    @Override
    public Optional<ClusterRecord> cluster(String name) {
        return memory.cluster(name);
    }

    @Override
    public List<ClusterRecord> clusters() {
        return memory.clusters();
    }

    /** @throws BerthException if it cannot be written; nothing is stored then */
    @Override
    public synchronized boolean createCluster(ClusterRecord cluster) {
        if (memory.cluster(cluster.name()).isPresent()) {
            return false;
        }
        directory.replace(clusterFile(cluster.name()), json.print(json.write(cluster)));
        return memory.createCluster(cluster);
    }

    /**
     * @throws BerthException if it cannot be written; the cluster stays as it was then
     * @throws IllegalArgumentException if the change renames the cluster
     */
    @Override
    public synchronized Optional<ClusterRecord> updateCluster(String name, UnaryOperator<ClusterRecord> change) {
        Optional<ClusterRecord> current = memory.cluster(name);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        ClusterRecord next = change.apply(current.get());
        if (!next.name().equals(name)) {
            throw new IllegalArgumentException("a cluster cannot be renamed, " + name + " became " + next.name());
        }
        if (!next.equals(current.get())) {
            directory.replace(clusterFile(name), json.print(json.write(next)));
        }
        return memory.updateCluster(name, stored -> next);
    }

    /** @throws BerthException if a file cannot be deleted; its record stays then */
    @Override
    public synchronized void removeCluster(String name) {
        for (ServiceState service : memory.services(name)) {
            removeService(name, service.spec().name());
        }
        directory.delete(clusterFile(name));
        memory.removeCluster(name);
    }

    @Override
    public Optional<ServiceState> service(String cluster, String name) {
        return memory.service(cluster, name);
    }

    @Override
    public List<ServiceState> services(String cluster) {
        return memory.services(cluster);
    }

    /** @throws BerthException if it cannot be written; nothing is stored then */
    @Override
    public synchronized boolean createService(ServiceState service) {
        if (memory.service(service.cluster(), service.spec().name()).isPresent()) {
            return false;
        }
        directory.replace(serviceFile(service.cluster(), service.spec().name()), json.print(json.write(service)));
        return memory.createService(service);
    }

    /**
     * @throws BerthException if it cannot be written; the service stays as it was then
     * @throws IllegalArgumentException if the change moves or renames the service
     */
    @Override
    public synchronized Optional<ServiceState> updateService(String cluster, String name,
                                                             UnaryOperator<ServiceState> change) {
        Optional<ServiceState> current = memory.service(cluster, name);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        ServiceState next = change.apply(current.get());
        if (!next.cluster().equals(cluster) || !next.spec().name().equals(name)) {
            throw new IllegalArgumentException("a service cannot be moved or renamed, " + cluster + "/" + name
                    + " became " + next.cluster() + "/" + next.spec().name());
        }
        if (!next.equals(current.get())) {
            directory.replace(serviceFile(cluster, name), json.print(json.write(next)));
        }
        return memory.updateService(cluster, name, stored -> next);
    }

    /** @throws BerthException if the file cannot be deleted; the service stays then */
    @Override
    public synchronized void removeService(String cluster, String name) {
        directory.delete(serviceFile(cluster, name));
        memory.removeService(cluster, name);
    }

    @Override
    public List<TargetGroup> targetGroups() {
        return memory.targetGroups();
    }

    /** @throws BerthException if it cannot be written; nothing is stored then */
    @Override
    public synchronized boolean createTargetGroup(TargetGroup group) {
        if (memory.targetGroups().stream().anyMatch(g -> g.name().equals(group.name()))) {
            return false;
        }
        directory.replace(targetGroupFile(group.name()), json.print(json.write(group)));
        return memory.createTargetGroup(group);
    }

    /** @throws BerthException if the file cannot be deleted; the group stays then */
    @Override
    public synchronized void removeTargetGroup(String arn) {
        for (TargetGroup group : memory.targetGroups()) {
            if (group.arn().equals(arn)) {
                directory.delete(targetGroupFile(group.name()));
                memory.removeTargetGroup(arn);
            }
        }
    }
}
