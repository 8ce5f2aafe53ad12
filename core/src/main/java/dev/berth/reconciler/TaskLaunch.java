package dev.berth.reconciler;

import dev.berth.model.RegisteredTaskDefinition;
import java.util.Objects;
import java.util.Optional;

/**
 * Start {@code count} tasks of a deployment: on the given instance (a DAEMON service's), or where the scheduler
 * chooses.
 *
 * @param deploymentId the deployment, set as the tasks' {@code startedBy}
 * @param taskDefinition the revision to run
 * @param group the tasks' group, {@code service:<name>}
 * @param count how many
 * @param instanceId the instance to start on; empty = the scheduler chooses
 */
public record TaskLaunch(String deploymentId, RegisteredTaskDefinition taskDefinition, String group, int count,
                         Optional<String> instanceId) {
    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a component is out of its range; the message names it
     * @throws NullPointerException if a required component is null
     */
    public TaskLaunch {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(instanceId, "instanceId");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
    }
}
