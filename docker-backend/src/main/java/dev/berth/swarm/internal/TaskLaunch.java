package dev.berth.swarm.internal;

import dev.berth.docker.internal.EngineTask;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.ContainerOverride;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Berth task to start on the swarm: each of its containers becomes a Swarm service of its own, on the node Berth
 * chose, or (a standalone task in managed mode) on the node Swarm chooses for the first container.
 *
 * @param cluster the cluster
 * @param taskId the task's id
 * @param revision what it runs
 * @param group its group
 * @param startedBy who starts it
 * @param overrides RunTask's per-container overrides
 * @param createdAt when it was recorded
 * @param node the node Berth chose; empty for Swarm to choose
 * @param placement where Swarm may place the first container when no node is chosen
 * @param extraLabels the configured labels every Swarm object of the backend carries
 */
public record TaskLaunch(String cluster, String taskId, RegisteredTaskDefinition revision, String group,
                         String startedBy, List<ContainerOverride> overrides, Instant createdAt,
                         Optional<String> node, SwarmPlacement placement, Map<String, String> extraLabels) {

    public TaskLaunch {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(startedBy, "startedBy");
        overrides = List.copyOf(overrides);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(placement, "placement");
        extraLabels = Map.copyOf(extraLabels);
    }

    /** @return the same task as the Docker backend's request, for its labels */
    EngineTask asEngineTask() {
        return new EngineTask(taskId, cluster, revision.definition(), revision.arn(), group, startedBy, createdAt,
                overrides, extraLabels);
    }

    /** @return the labels that find the task's Swarm services */
    Map<String, String> selector() {
        return Selectors.task(extraLabels, cluster, taskId);
    }
}
