package dev.berth.docker.internal;

import dev.berth.task.StopCode;
import java.util.Objects;

/**
 * Why Berth stopped a task, as kept on the engine for a process that re-adopts the task.
 *
 * @param code the stop code
 * @param reason the stopped reason
 */
public record RecordedStop(StopCode code, String reason) {

    /** @throws NullPointerException if a component is null */
    public RecordedStop {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }
}
