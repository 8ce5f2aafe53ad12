package dev.berth.api;

import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A service as {@code DescribeServices} shows it.
 *
 * @param cluster the cluster's name
 * @param spec what the service should be
 * @param status ACTIVE, DRAINING or INACTIVE
 * @param desiredCount the spec's for REPLICA; for DAEMON, the instances that should run a task now
 * @param runningCount RUNNING tasks of all deployments
 * @param pendingCount tasks of all deployments not yet RUNNING
 * @param deployments PRIMARY first, then ACTIVE ones
 * @param events the latest events, newest first
 * @param createdAt when it was created
 */
public record ServiceDescription(String cluster, ServiceSpec spec, ServiceStatus status, int desiredCount,
                                 int runningCount,
                                 int pendingCount, List<DeploymentView> deployments, List<ServiceEvent> events,
                                 Instant createdAt) {
    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @throws NullPointerException if a required component is null
     */
    public ServiceDescription {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        deployments = List.copyOf(deployments);
        events = List.copyOf(events);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * @return whether it is stable as ECS's {@code ServicesStable} waiter defines it: ACTIVE, one deployment, and
     *     as many RUNNING tasks as desired
     */
    public boolean isStable() {
        return status == ServiceStatus.ACTIVE && deployments.size() == 1 && runningCount == desiredCount
                && pendingCount == 0;
    }

    /** @return e.g. {@code ACTIVE, 2/3 running, 1 pending, 2 deployments} */
    public String summary() {
        return status + ", " + runningCount + "/" + desiredCount + " running, " + pendingCount + " pending, "
                + deployments.size() + (deployments.size() == 1 ? " deployment" : " deployments");
    }
}
