package dev.berth.reconciler;

import dev.berth.task.StopCode;
import java.util.Objects;

/**
 * Stop one task gracefully (SIGTERM, its containers' stopTimeout, then SIGKILL).
 *
 * @param taskId the task
 * @param stopCode recorded on the task
 * @param reason recorded on the task, e.g. {@code Task failed container health checks.}
 */
public record TaskStop(String taskId, StopCode stopCode, String reason) {
    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public TaskStop {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(stopCode, "stopCode");
        Objects.requireNonNull(reason, "reason");
    }
}
