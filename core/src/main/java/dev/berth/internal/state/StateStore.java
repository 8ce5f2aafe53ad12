package dev.berth.internal.state;

import dev.berth.cluster.ClusterRecord;
import dev.berth.network.TargetGroup;
import dev.berth.reconciler.ServiceState;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Berth's desired state: clusters, services and target groups. Writes are atomic per record; {@code update} methods apply a
 * change to the current record under the store's lock, so concurrent writers never lose each other's changes.
 */
public interface StateStore {

    /**
     * @param name the cluster's name
     * @return the cluster, if it exists
     */
    Optional<ClusterRecord> cluster(String name);

    /** @return every cluster, by name */
    List<ClusterRecord> clusters();

    /**
     * Stores a new cluster.
     *
     * @param cluster the new cluster
     * @return whether it was stored; {@code false} if a cluster of that name exists
     */
    boolean createCluster(ClusterRecord cluster);

    /**
     * @param name the cluster's name
     * @param change from the stored cluster to the new one, applied atomically
     * @return the changed cluster, or empty if it does not exist
     */
    Optional<ClusterRecord> updateCluster(String name, UnaryOperator<ClusterRecord> change);

    /**
     * Removes a cluster record.
     *
     * @param name the cluster's name
     */
    void removeCluster(String name);

    /**
     * @param cluster the cluster's name
     * @param name the service's name
     * @return the service, if it exists
     */
    Optional<ServiceState> service(String cluster, String name);

    /**
     * @param cluster the cluster's name
     * @return the cluster's services, by name
     */
    List<ServiceState> services(String cluster);

    /**
     * Stores a new service.
     *
     * @param service the new service
     * @return whether it was stored; {@code false} if the cluster has a service of that name
     */
    boolean createService(ServiceState service);

    /**
     * @param cluster the cluster's name
     * @param name the service's name
     * @param change from the stored service to the new one, applied atomically
     * @return the changed service, or empty if it does not exist
     */
    Optional<ServiceState> updateService(String cluster, String name, UnaryOperator<ServiceState> change);

    /**
     * Removes a service record.
     *
     * @param cluster the cluster's name
     * @param name the service's name
     */
    void removeService(String cluster, String name);

    /** @return every target group, by name */
    List<TargetGroup> targetGroups();

    /**
     * Stores a new target group.
     *
     * @param group the new group
     * @return whether it was stored; {@code false} if a group of that name exists
     */
    boolean createTargetGroup(TargetGroup group);

    /**
     * Removes a target group record; an unknown ARN is ignored.
     *
     * @param arn the group's ARN
     */
    void removeTargetGroup(String arn);
}
