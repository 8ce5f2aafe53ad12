package dev.berth.api;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.task.Task;
import java.util.List;
import java.util.Optional;

/** All clusters of one {@link Berth}. */
public final class Clusters {

    private final Context context;

    Clusters(Context context) {
        this.context = context;
    }

    /**
     * @param name up to 255 letters, digits, underscores and hyphens
     * @return the new cluster
     * @throws ConflictException if a cluster of that name exists
     * @throws IllegalArgumentException if the name breaks ECS's rule
     */
    public Cluster create(String name) {
        if (!context.store().createCluster(ClusterRecord.create(name, context.clock().instant()))) {
            throw new ConflictException("Cluster " + name + " already exists; use get(\"" + name + "\").");
        }
        createInBackend(name);
        return new Cluster(context, name);
    }

    /**
     * @param name the cluster's name
     * @return the cluster, if it exists
     */
    public Optional<Cluster> get(String name) {
        return context.store().cluster(name).map(c -> new Cluster(context, name));
    }

    /**
     * @param name the cluster's name
     * @return the existing cluster, or a new one
     */
    public Cluster getOrCreate(String name) {
        if (context.store().createCluster(ClusterRecord.create(name, context.clock().instant()))) {
            createInBackend(name);
        }
        return new Cluster(context, name);
    }

    /** @return every cluster, by name */
    public List<Cluster> list() {
        return context.store().clusters().stream().map(c -> new Cluster(context, c.name())).toList();
    }

    /**
     * Deletes an empty cluster.
     *
     * @param name the cluster's name
     * @throws ResourceNotFoundException if it does not exist
     * @throws ConflictException if it still has services or running tasks, as ECS refuses too
     */
    public void delete(String name) {
        context.store().cluster(name)
                .orElseThrow(() -> new ResourceNotFoundException("Cluster " + name + " does not exist."));
        if (!context.store().services(name).isEmpty()) {
            throw new ConflictException("Cluster " + name + " still has services; delete them first.");
        }
        if (context.backend().tasks(name).stream().anyMatch(Task::isLive)) {
            throw new ConflictException("Cluster " + name + " still has running tasks; stop them first.");
        }
        context.backend().deleteCluster(name);
        context.store().removeCluster(name);
        context.runtime().snapshots().forget(name);
    }

    /** A cluster the backend cannot create is not kept: Berth and the backend agree on which clusters exist. */
    private void createInBackend(String name) {
        try {
            context.backend().createCluster(name);
        } catch (RuntimeException e) {
            context.store().removeCluster(name);
            throw e;
        }
    }
}
