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

    /**
     * Sets the namespace of this cluster's services whose Service Connect configuration names none (ECS's
     * {@code serviceConnectDefaults} of UpdateCluster). Until set, the local backends use the cluster's name. Tasks
     * already running keep the names they resolve.
     *
     * @param namespace the default namespace's name
     * @return the cluster as stored
     * @throws IllegalArgumentException if the name is blank
     * @throws ResourceNotFoundException if the cluster was deleted
     */
    public ClusterRecord updateServiceConnectDefaults(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("serviceConnectDefaults.namespace must not be blank");
        }
        return context.store().updateCluster(name, c -> c.withServiceConnectNamespace(namespace))
                .orElseThrow(() -> new ResourceNotFoundException("Cluster " + name + " does not exist."));
    }

    @Override
    public String toString() {
        return "Cluster[" + name + "]";
    }
}
