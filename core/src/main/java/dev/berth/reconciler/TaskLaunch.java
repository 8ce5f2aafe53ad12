package dev.berth.reconciler;

import dev.berth.model.RegisteredTaskDefinition;
import java.util.Objects;

/**
 * Start {@code count} tasks of a deployment; the scheduler chooses their instances.
 *
 * @param deploymentId the deployment, set as the tasks' {@code startedBy}
 * @param taskDefinition the revision to run
 * @param group the tasks' group, {@code service:<name>}
 * @param count how many
 */
public record TaskLaunch(String deploymentId, RegisteredTaskDefinition taskDefinition, String group, int count) {
    public TaskLaunch {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        Objects.requireNonNull(group, "group");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
    }
}
