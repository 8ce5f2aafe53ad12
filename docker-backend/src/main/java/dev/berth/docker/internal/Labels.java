package dev.berth.docker.internal;

import dev.berth.model.ContainerDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The labels Berth puts on every container and network it creates. They carry everything needed to find, observe
 * and stop a task from the engine alone, so that a new process re-adopts what an earlier one started.
 */
public final class Labels {

    /** The cluster's name. */
    public static final String CLUSTER = "dev.berth.cluster";
    /** The task's ID. */
    public static final String TASK = "dev.berth.task";
    /** The task definition's ARN, or {@code family:revision}. */
    public static final String TASK_DEFINITION = "dev.berth.task-definition";
    /** The container's name in the task definition (containers only). */
    public static final String CONTAINER = "dev.berth.container";
    /** The task's group, e.g. {@code service:web} or {@code family:web}. */
    public static final String GROUP = "dev.berth.group";
    /** Who started the task, e.g. a deployment id; may be empty. */
    public static final String STARTED_BY = "dev.berth.started-by";
    /** When the task was recorded (PENDING), an ISO-8601 instant. */
    public static final String CREATED_AT = "dev.berth.created-at";
    /** The service the task belongs to (absent for a standalone task). */
    public static final String SERVICE = "dev.berth.service";
    /** The deployment that started the task (absent for a standalone task). */
    public static final String DEPLOYMENT = "dev.berth.deployment";
    /** {@code true} when the container is essential (containers only). */
    public static final String ESSENTIAL = "dev.berth.essential";
    /** The container's stop grace in milliseconds (containers only). */
    public static final String STOP_TIMEOUT_MS = "dev.berth.stop-timeout-ms";
    /** The container's depth in the dependency graph, 0 for none; stopping goes deepest first (containers only). */
    public static final String DEPENDENCY_LEVEL = "dev.berth.dependency-level";
    /**
     * The exit codes that do not restart the container, comma-separated; set with
     * {@link #RESTART_ATTEMPT_PERIOD_MS} on a container with an enabled restartPolicy (containers only).
     */
    public static final String RESTART_IGNORED_EXIT_CODES = "dev.berth.restart-ignored-exit-codes";
    /** The container's restartAttemptPeriod in milliseconds, when it has an enabled restartPolicy (containers only). */
    public static final String RESTART_ATTEMPT_PERIOD_MS = "dev.berth.restart-attempt-period-ms";

    /**
     * The container instance a task was started on, when its engine's configuration names one
     * ({@code DockerBackendConfig.instanceId}); comes with the configuration's labels, so not in {@link #RESERVED}.
     */
    public static final String INSTANCE = "dev.berth.instance";

    /** Keys only Berth may set. */
    public static final Set<String> RESERVED = Set.of(CLUSTER, TASK, TASK_DEFINITION, GROUP, STARTED_BY, CREATED_AT,
            CONTAINER, SERVICE, DEPLOYMENT, ESSENTIAL, STOP_TIMEOUT_MS, DEPENDENCY_LEVEL, RESTART_IGNORED_EXIT_CODES,
            RESTART_ATTEMPT_PERIOD_MS);

    private Labels() {
    }

    /**
     * @param request the task
     * @return the labels of the task's network, also put on each of its containers
     */
    public static Map<String, String> forTask(EngineTask request) {
        Map<String, String> labels = new LinkedHashMap<>(request.extraLabels());
        labels.put(CLUSTER, request.cluster());
        labels.put(TASK, request.taskId());
        labels.put(TASK_DEFINITION, request.taskDefinitionArn());
        labels.put(GROUP, request.group());
        labels.put(STARTED_BY, request.startedBy());
        labels.put(CREATED_AT, request.createdAt().toString());
        request.service().ifPresent(s -> labels.put(SERVICE, s));
        request.deployment().ifPresent(d -> labels.put(DEPLOYMENT, d));
        return labels;
    }

    /**
     * The container's own {@code dockerLabels} first, then Berth's, which win on a clash; with an enabled
     * restartPolicy, its {@link RestartRule}.
     *
     * @param request the task
     * @param container the container
     * @param dependencyLevel the container's depth in the dependency graph
     * @param stopTimeout the container's stop grace
     * @return the labels of the container
     */
    public static Map<String, String> forContainer(EngineTask request, ContainerDefinition container,
                                                   int dependencyLevel, Duration stopTimeout) {
        Map<String, String> labels = new LinkedHashMap<>(container.dockerLabels());
        labels.putAll(forTask(request));
        labels.put(CONTAINER, container.name());
        labels.put(ESSENTIAL, Boolean.toString(container.essential()));
        labels.put(STOP_TIMEOUT_MS, Long.toString(stopTimeout.toMillis()));
        labels.put(DEPENDENCY_LEVEL, Integer.toString(dependencyLevel));
        container.restartPolicy().flatMap(RestartRule::of).ifPresent(rule -> labels.putAll(rule.toLabels()));
        return labels;
    }

    /**
     * @param key a label key
     * @param value its value
     * @return a Docker label filter, {@code key=value}
     */
    public static String filter(String key, String value) {
        return key + "=" + value;
    }
}
