package dev.berth.docker.internal;

import dev.berth.model.TaskDefinition;
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
 * @param service the service the task belongs to, if any
 * @param deployment the service deployment that started it, if any
 * @param extraLabels more labels for every container and the network (e.g. a test session); keys must not be one
 *     of Berth's own ({@link Labels#RESERVED})
 */
public record TaskRunRequest(String taskId, String cluster, TaskDefinition definition, String taskDefinitionArn,
                             Optional<String> service, Optional<String> deployment,
                             Map<String, String> extraLabels) {

    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /**
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the task ID or cluster is malformed or an extra label is reserved
     */
    public TaskRunRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(deployment, "deployment");
        extraLabels = Map.copyOf(extraLabels);
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
     * @return a request for a standalone task (no service) of {@code definition} as revision
     *     {@code family:revision}
     */
    public static TaskRunRequest standalone(String taskId, String cluster, TaskDefinition definition, int revision,
                                            Map<String, String> extraLabels) {
        return new TaskRunRequest(taskId, cluster, definition, definition.family() + ":" + revision,
                Optional.empty(), Optional.empty(), extraLabels);
    }
}
