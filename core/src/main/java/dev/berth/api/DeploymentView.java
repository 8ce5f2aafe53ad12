package dev.berth.api;

import dev.berth.service.Deployment;
import java.util.Objects;

/**
 * A deployment with its task counts, as {@code DescribeServices} shows it.
 *
 * @param deployment the deployment
 * @param runningCount its RUNNING tasks
 * @param pendingCount its tasks not yet RUNNING
 */
public record DeploymentView(Deployment deployment, int runningCount, int pendingCount) {
    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public DeploymentView {
        Objects.requireNonNull(deployment, "deployment");
    }
}
