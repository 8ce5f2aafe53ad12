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
        /** The service has reached a steady state. */
        SERVICE_STEADY_STATE,
        /** A task could not be placed: no instance met all of its requirements (the reasons follow). */
        SERVICE_TASK_PLACEMENT_FAILURE,
        /** Tasks keep failing to start; restarts are throttled. */
        SERVICE_TASK_START_IMPAIRED,
        /** A deployment started, or a rollback of a failed one. */
        SERVICE_DEPLOYMENT_IN_PROGRESS,
        /** A deployment reached its desired count healthy with no older task left. */
        SERVICE_DEPLOYMENT_COMPLETED,
        /** A deployment's circuit breaker tripped. */
        SERVICE_DEPLOYMENT_FAILED,
        /** A deployment can neither stop nor start tasks within its minimumHealthyPercent and maximumPercent. */
        SERVICE_DEPLOYMENT_STUCK,
        /** The service started tasks. */
        TASKS_STARTED,
        /** The service stopped tasks. */
        TASKS_STOPPED,
        /**
         * Berth's own, not ECS's: a reconcile pass of the service failed unexpectedly (a bug in Berth or its
         * backend); it is retried with backoff, and the log has the stack trace.
         */
        SERVICE_RECONCILE_ERROR
    }

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public ServiceEvent {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
