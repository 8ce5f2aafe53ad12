package dev.berth.exception;

import java.util.Objects;

/**
 * A wait gave up before its deadline because what it waited for cannot happen without a change: a task's image cannot
 * be pulled, the tasks keep failing to start or exiting, a health check keeps failing, the deployment FAILED or was
 * rolled back, a standalone task stopped. The message's first line is the cause, as the backend reported it, e.g.
 * <pre>
 * CannotPullContainerError: Docker engine could not pull image 127.0.0.1:1/missing:1: ... connection refused
 * Gave up after 1.2 s waiting for service web in cluster dev to reach a steady state: the image cannot be pulled.
 * task 4b1f...: STOPPED, TaskFailedToStart (CannotPullContainerError: ...)
 * Last observed: ACTIVE, 0 of 1 tasks running, 0 pending; ...
 * </pre>
 * then why Berth gave up, the failed tasks (each container's exit code, last health check and last log lines) and
 * the last state observed.
 */
public class WaitFailedException extends BerthException {

    /** The cause, as the backend reported it: the message's first line. */
    private final String failure;
    /** The condition waited for. */
    private final String awaited;
    /** The state seen at the last check. */
    private final String lastObserved;

    /**
     * @param failure the cause, one line, e.g. {@code CannotPullContainerError: ...}
     * @param awaited the condition waited for, e.g. {@code service web in cluster dev to reach a steady state}
     * @param verdict why it cannot hold, e.g. {@code 3 tasks of deployment ecs-svc/1 (web:1) failed} and how long
     *     the wait ran
     * @param details the failed tasks, one or more lines; empty if none
     * @param lastObserved the state seen at the last check
     */
    public WaitFailedException(String failure, String awaited, String verdict, String details, String lastObserved) {
        super(Objects.requireNonNull(failure, "failure") + "\n" + verdict + "\n"
                + (details.isEmpty() ? "" : details.strip() + "\n") + "Last observed: " + lastObserved);
        this.failure = failure;
        this.awaited = Objects.requireNonNull(awaited, "awaited");
        this.lastObserved = Objects.requireNonNull(lastObserved, "lastObserved");
    }

    /** @return the cause as the backend reported it: the message's first line */
    public String failure() {
        return failure;
    }

    /** @return the condition waited for, e.g. {@code service web in cluster dev to reach a steady state} */
    public String awaited() {
        return awaited;
    }

    /** @return the state seen at the last check */
    public String lastObserved() {
        return lastObserved;
    }
}
