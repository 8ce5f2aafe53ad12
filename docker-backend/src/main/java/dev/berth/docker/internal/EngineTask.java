package dev.berth.docker.internal;

import dev.berth.model.ContainerOverride;
import dev.berth.model.TaskDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to run: one task of a task definition, with the identity the labels carry.
 *
 * @param taskId the task's ID, unique on the engine: 1-64 letters, digits, {@code _}, {@code .} or {@code -}
 * @param cluster the cluster the task belongs to
 * @param definition the task definition
 * @param taskDefinitionArn the registered revision's ARN, or {@code family:revision}
 * @param group the task's group: {@code service:<name>} for a service's tasks, {@code family:<family>} otherwise
 * @param startedBy who started it: the deployment id for a service's tasks; may be empty
 * @param createdAt when the task was recorded (PENDING), kept on the engine so that every observer agrees
 * @param overrides per-container command and environment overrides (RunTask's)
 * @param extraLabels more labels for every container and the network (e.g. a test session); keys must not be one
 *     of Berth's own ({@link Labels#RESERVED})
 * @param hostEntries names every container of the task resolves, to addresses ({@code /etc/hosts} entries): the
 *     Service Connect endpoints of the task's namespace
 */
public record EngineTask(String taskId, String cluster, TaskDefinition definition, String taskDefinitionArn,
                             String group, String startedBy, Instant createdAt, List<ContainerOverride> overrides,
                             Map<String, String> extraLabels, Map<String, String> hostEntries) {

    /** The prefix of a service task's group. */
    public static final String SERVICE_GROUP_PREFIX = "service:";

    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /**
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the task ID or cluster is malformed or an extra label is reserved
     */
    public EngineTask {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        overrides = List.copyOf(overrides);
        extraLabels = Map.copyOf(extraLabels);
        hostEntries = Map.copyOf(hostEntries);
        if (!TASK_ID.matcher(taskId).matches()) {
            throw new IllegalArgumentException("taskId must be 1-64 letters, digits, '_', '.' or '-' and start with"
                    + " a letter or digit, was '" + taskId + "'");
        }
        if (cluster.isBlank()) {
            throw new IllegalArgumentException("cluster must not be blank");
        }
        for (String key : extraLabels.keySet()) {
            if (Labels.RESERVED.contains(key)) {
                throw new IllegalArgumentException("label " + key + " is set by Berth and cannot be an extra label");
            }
        }
    }

    /**
     * A task without host entries of its own.
     *
     * @param taskId the task's ID
     * @param cluster the cluster the task belongs to
     * @param definition the task definition
     * @param taskDefinitionArn the registered revision's ARN, or {@code family:revision}
     * @param group the task's group
     * @param startedBy who started it
     * @param createdAt when the task was recorded (PENDING)
     * @param overrides per-container command and environment overrides
     * @param extraLabels more labels for every container and the network
     */
    public EngineTask(String taskId, String cluster, TaskDefinition definition, String taskDefinitionArn,
                      String group, String startedBy, Instant createdAt, List<ContainerOverride> overrides,
                      Map<String, String> extraLabels) {
        this(taskId, cluster, definition, taskDefinitionArn, group, startedBy, createdAt, overrides, extraLabels,
                Map.of());
    }

    /**
     * @param taskId the task's id
     * @param cluster the cluster's name
     * @param definition what to run
     * @param revision its revision number
     * @param createdAt when the task was created
     * @param extraLabels labels to add to everything the task creates
     * @return a request for a standalone task (group {@code family:<family>}, no overrides) of {@code definition}
     *     as revision {@code family:revision}
     */
    public static EngineTask standalone(String taskId, String cluster, TaskDefinition definition, int revision,
                                            Instant createdAt, Map<String, String> extraLabels) {
        return new EngineTask(taskId, cluster, definition, definition.family() + ":" + revision,
                "family:" + definition.family(), "", createdAt, List.of(), extraLabels);
    }

    /**
     * @param newDefinition the definition to run instead, e.g. with implicit dependencies added
     * @return a copy with the given definition
     */
    public EngineTask withDefinition(TaskDefinition newDefinition) {
        return newDefinition.equals(definition) ? this : new EngineTask(taskId, cluster, newDefinition,
                taskDefinitionArn, group, startedBy, createdAt, overrides, extraLabels);
    }

    /** @return the service the task belongs to, from its group {@code service:<name>} */
    public Optional<String> service() {
        return group.startsWith(SERVICE_GROUP_PREFIX)
                ? Optional.of(group.substring(SERVICE_GROUP_PREFIX.length())) : Optional.empty();
    }

    /** @return the deployment that started a service's task: its {@code startedBy} */
    public Optional<String> deployment() {
        return service().isPresent() && !startedBy.isEmpty() ? Optional.of(startedBy) : Optional.empty();
    }

    /**
     * @param containerName a container of the task definition
     * @return the override for that container, if any
     */
    public Optional<ContainerOverride> override(String containerName) {
        return overrides.stream().filter(o -> o.containerName().equals(containerName)).findFirst();
    }
}
