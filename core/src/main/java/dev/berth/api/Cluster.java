package dev.berth.api;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.ResourceNotFoundException;

/** A handle on one cluster: its services, tasks and container instances. */
public final class Cluster {

    private final Context context;
    private final String name;

    Cluster(Context context, String name) {
        this.context = context;
        this.name = name;
    }

    /** @return the cluster's name */
    public String name() {
        return name;
    }

    /** @return the cluster's services */
    public Services services() {
        return new Services(context, name);
    }

    /** @return the cluster's tasks */
    public Tasks tasks() {
        return new Tasks(context, name);
    }

    /** @return the cluster's container instances */
    public Instances instances() {
        return new Instances(context, name);
    }

    /**
     * @return the cluster as stored
     * @throws ResourceNotFoundException if it was deleted
     */
    public ClusterRecord describe() {
        return context.store().cluster(name)
                .orElseThrow(() -> new ResourceNotFoundException("Cluster " + name + " does not exist."));
    }

    @Override
    public String toString() {
        return "Cluster[" + name + "]";
    }
}
