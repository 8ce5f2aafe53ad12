package dev.berth.internal.state;

import dev.berth.cluster.ClusterRecord;
import dev.berth.service.ServiceState;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Berth's desired state: clusters and services. Writes are atomic per record; {@code update} methods apply a
 * change to the current record under the store's lock, so concurrent writers never lose each other's changes.
 */
public interface StateStore {

    /** @return the cluster, if it exists */
    Optional<ClusterRecord> cluster(String name);

    /** @return every cluster, by name */
    List<ClusterRecord> clusters();

    /**
     * Stores a new cluster.
     *
     * @return whether it was stored; {@code false} if a cluster of that name exists
     */
    boolean createCluster(ClusterRecord cluster);

    /** @return the changed cluster, or empty if it does not exist */
    Optional<ClusterRecord> updateCluster(String name, UnaryOperator<ClusterRecord> change);

    /** Removes a cluster record. */
    void removeCluster(String name);

    /** @return the service, if it exists */
    Optional<ServiceState> service(String cluster, String name);

    /** @return the cluster's services, by name */
    List<ServiceState> services(String cluster);

    /**
     * Stores a new service.
     *
     * @return whether it was stored; {@code false} if the cluster has a service of that name
     */
    boolean createService(ServiceState service);

    /** @return the changed service, or empty if it does not exist */
    Optional<ServiceState> updateService(String cluster, String name, UnaryOperator<ServiceState> change);

    /** Removes a service record. */
    void removeService(String cluster, String name);
}
