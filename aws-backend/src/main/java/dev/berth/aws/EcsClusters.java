package dev.berth.aws;

import dev.berth.aws.internal.EcsErrors;
import dev.berth.aws.internal.EcsTaskCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * ECS's clusters as ECS reports them: ListClusters and DescribeClusters. A Berth cluster is the ECS cluster of the same
 * name, and Berth's {@code clusters().create/delete} are CreateCluster and DeleteCluster; this view shows what ECS
 * holds besides, such as clusters other tools created, and ECS's own counts.
 */
public final class EcsClusters {

    private static final int MAX_DESCRIBE = 100;

    private final EcsClient ecs;

    EcsClusters(EcsClient ecs) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
    }

    /**
     * A cluster as DescribeClusters reports it.
     *
     * @param name the cluster's name
     * @param arn its ARN
     * @param status ACTIVE, PROVISIONING, DEPROVISIONING, FAILED or INACTIVE (deleted, still described for a while)
     * @param registeredContainerInstances container instances registered to it
     * @param runningTasks tasks in the RUNNING state
     * @param pendingTasks tasks in the PENDING state
     * @param activeServices services in the ACTIVE state
     */
    public record EcsCluster(String name, String arn, String status, int registeredContainerInstances,
                             int runningTasks, int pendingTasks, int activeServices) {
        /**
         * @throws NullPointerException if a required component is null
         */
        public EcsCluster {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arn, "arn");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * @return the ARNs of every cluster of the account in the client's region, all pages (ListClusters)
     * @throws dev.berth.exception.BackendUnavailableException if ECS cannot be reached or refuses the caller
     */
    public List<String> list() {
        return EcsErrors.call("ListClusters", () -> ecs.listClustersPaginator(b -> { }).clusterArns().stream()
                .toList());
    }

    /**
     * @param clusters names or ARNs, any number
     * @return the clusters ECS knows, INACTIVE ones included, in calls of at most 100; unknown ones are left out
     * @throws dev.berth.exception.BackendUnavailableException if ECS cannot be reached or refuses the caller
     */
    public List<EcsCluster> describe(List<String> clusters) {
        List<EcsCluster> described = new ArrayList<>();
        for (List<String> batch : EcsTaskCalls.batches(clusters, MAX_DESCRIBE)) {
            EcsErrors.call("DescribeClusters", () -> ecs.describeClusters(b -> b.clusters(batch))).clusters()
                    .forEach(c -> described.add(new EcsCluster(c.clusterName(), c.clusterArn(), c.status(),
                            zeroIfNull(c.registeredContainerInstancesCount()), zeroIfNull(c.runningTasksCount()),
                            zeroIfNull(c.pendingTasksCount()), zeroIfNull(c.activeServicesCount()))));
        }
        return described;
    }

    /**
     * @param cluster a name or ARN
     * @return the cluster, if ECS knows it (INACTIVE included)
     * @throws dev.berth.exception.BackendUnavailableException if ECS cannot be reached or refuses the caller
     */
    public Optional<EcsCluster> describe(String cluster) {
        return describe(List.of(cluster)).stream().findFirst();
    }

    private static int zeroIfNull(Integer count) {
        return count == null ? 0 : count;
    }
}
