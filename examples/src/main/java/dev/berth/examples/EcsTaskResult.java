package dev.berth.examples;

import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RunEcsTaskDefinitionLocally} observed, for a test to check.
 *
 * @param taskDefinition the registered revision, e.g. {@code hello-web:1}
 * @param containers each container as printed: name, status, health and published ports
 * @param health the task's health once it ran
 * @param endpoint the URL of the first published port
 * @param httpStatus what a GET there answered
 * @param body the answer's body, stripped
 * @param logs the last log lines of the first container
 * @param stopCode why the task stopped
 * @param tasksLeft the cluster's tasks the backend still lists after the task was removed
 */
public record EcsTaskResult(String taskDefinition, List<String> containers, HealthStatus health, String endpoint,
                            int httpStatus, String body, List<String> logs, Optional<StopCode> stopCode,
                            int tasksLeft) {

    /** @throws NullPointerException if a component is null */
    public EcsTaskResult {
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        containers = List.copyOf(containers);
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(body, "body");
        logs = List.copyOf(logs);
        Objects.requireNonNull(stopCode, "stopCode");
    }
}
