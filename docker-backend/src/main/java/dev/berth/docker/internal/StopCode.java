package dev.berth.docker.internal;

import java.util.Locale;

/** Why a task stopped, with ECS's {@code stopCode} spelling ({@link #ecsName()}). */
public enum StopCode {
    /** The task never reached RUNNING: image, secret, create, start or dependency failure. */
    TASK_FAILED_TO_START,
    /** An essential container exited. */
    ESSENTIAL_CONTAINER_EXITED,
    /** A user stopped it. */
    USER_INITIATED,
    /** The service scheduler stopped it (scale-in, deployment, unhealthy replacement). */
    SERVICE_SCHEDULER_INITIATED;

    /** @return ECS's spelling, e.g. {@code EssentialContainerExited} */
    public String ecsName() {
        StringBuilder out = new StringBuilder();
        for (String part : name().split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
