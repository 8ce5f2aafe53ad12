package dev.berth.service;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a service, with ECS's message text.
 *
 * @param createdAt when it happened
 * @param kind what kind of event it is; duplicates are suppressed per kind
 * @param message ECS's text, e.g. {@code service (web) has reached a steady state.}
 */
public record ServiceEvent(Instant createdAt, Kind kind, String message) {

    /** Kinds of service events, named after ECS's EventBridge detail types where one exists. */
    public enum Kind {
        SERVICE_STEADY_STATE,
        SERVICE_TASK_PLACEMENT_FAILURE,
        SERVICE_TASK_START_IMPAIRED,
        SERVICE_DEPLOYMENT_IN_PROGRESS,
        SERVICE_DEPLOYMENT_COMPLETED,
        SERVICE_DEPLOYMENT_FAILED,
        SERVICE_DEPLOYMENT_STUCK,
        TASKS_STARTED,
        TASKS_STOPPED
    }

    public ServiceEvent {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
