package dev.berth.spi;

import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceStatus;
import java.util.List;
import java.util.Objects;

/**
 * A backend-managed service as its backend reports it ({@code DescribeServices}).
 *
 * @param status ACTIVE or DRAINING
 * @param desiredCount the tasks it should run
 * @param runningCount its RUNNING tasks, all deployments
 * @param pendingCount its tasks not yet RUNNING, all deployments
 * @param deployments PRIMARY first, then ACTIVE ones
 * @param events the latest events, newest first
 */
public record ManagedServiceStatus(ServiceStatus status, int desiredCount, int runningCount, int pendingCount,
                                   List<ManagedDeployment> deployments, List<ServiceEvent> events) {
    public ManagedServiceStatus {
        Objects.requireNonNull(status, "status");
        deployments = List.copyOf(deployments);
        events = List.copyOf(events);
        if (desiredCount < 0 || runningCount < 0 || pendingCount < 0) {
            throw new IllegalArgumentException("task counts cannot be negative: desired " + desiredCount
                    + ", running " + runningCount + ", pending " + pendingCount);
        }
    }
}
