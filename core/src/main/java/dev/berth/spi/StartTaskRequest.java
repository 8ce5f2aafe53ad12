package dev.berth.spi;

import dev.berth.model.ContainerOverride;
import dev.berth.model.RegisteredTaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Start one task on one instance. The caller chose the id, so that a retried start after a crash finds the task
 * it may already have started instead of starting a second one.
 *
 * @param cluster the cluster's name
 * @param taskId the new task's id, unique in the cluster
 * @param instanceId where to start it
 * @param taskDefinition what to run
 * @param group the task's group
 * @param startedBy who starts it: a deployment id for service tasks
 * @param overrides per-container overrides
 * @param hostEntries names the task's containers resolve to addresses (a host name to an IP address), beside the
 *     backend's own: the Service Connect endpoints of the task's namespace
 */
public record StartTaskRequest(String cluster, String taskId, String instanceId,
                               RegisteredTaskDefinition taskDefinition, String group, String startedBy,
                               List<ContainerOverride> overrides, Map<String, String> hostEntries) {
    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @throws NullPointerException if a required component is null
     */
    public StartTaskRequest {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(startedBy, "startedBy");
        overrides = List.copyOf(overrides);
        hostEntries = Map.copyOf(hostEntries);
    }

    /**
     * A start without host entries of its own.
     *
     * @param cluster the cluster's name
     * @param taskId the new task's id, unique in the cluster
     * @param instanceId where to start it
     * @param taskDefinition what to run
     * @param group the task's group
     * @param startedBy who starts it: a deployment id for service tasks
     * @param overrides per-container overrides
     */
    public StartTaskRequest(String cluster, String taskId, String instanceId, RegisteredTaskDefinition taskDefinition,
                            String group, String startedBy, List<ContainerOverride> overrides) {
        this(cluster, taskId, instanceId, taskDefinition, group, startedBy, overrides, Map.of());
    }
}
