package dev.berth.runtime.network;

import dev.berth.task.StopCode;
import java.util.Objects;

/**
 * A stop whose drain is over: the task may now be signalled.
 *
 * @param taskId the task
 * @param stopCode why, as ECS codes it
 * @param reason why, in words
 */
public record StopRequest(String taskId, StopCode stopCode, String reason) {
    /**
     * @throws NullPointerException if a component is null
     */
    public StopRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(stopCode, "stopCode");
        Objects.requireNonNull(reason, "reason");
    }
}
