package dev.berth.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Timings of the reconciler.
 *
 * @param healthyAfterRunning how long a task without an essential health check must run before it counts as
 *     healthy (ECS: 40 s)
 * @param busyRequeue when to look again after a pass that acted
 * @param idleResync when to look again when nothing is in motion, to notice what happened behind Berth's back
 * @param stoppedTaskRetention how long stopped service tasks stay visible before the backend forgets them
 * @param changeCoalescing how long a pass waits after a backend's change signal, so that a burst of changes (a
 *     service's containers starting, becoming healthy or stopping together) costs one pass, and one read of the
 *     backend, rather than one each
 * @param pendingTimeout how long a task may stay PENDING before the reconciler stops it as failed to start
 *     ({@code TaskFailedToStart}), and how long a deployment with work left may go without a task started, stopped
 *     or reaching RUNNING before it records the "unable to stop or start tasks" event even while tasks settle; see
 *     {@link #DEFAULT_PENDING_TIMEOUT}
 */
public record ReconcilerSettings(Duration healthyAfterRunning, Duration busyRequeue, Duration idleResync,
                                 Duration stoppedTaskRetention, Duration changeCoalescing, Duration pendingTimeout) {

    /**
     * 7 minutes: what the ECS container agent allows a container to be created (4 minutes,
     * {@code ECS_CONTAINER_CREATE_TIMEOUT}) plus started (3 minutes on Linux, {@code ECS_CONTAINER_START_TIMEOUT})
     * before it gives up and the task stops with {@code TaskFailedToStart}; see the agent's configuration table,
     * https://github.com/aws/amazon-ecs-agent/blob/master/README.md. An image pull that takes longer than that needs a
     * longer limit.
     */
    public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofMinutes(7);

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if {@code changeCoalescing} is negative or {@code pendingTimeout} not positive
     */
    public ReconcilerSettings {
        Objects.requireNonNull(healthyAfterRunning, "healthyAfterRunning");
        Objects.requireNonNull(busyRequeue, "busyRequeue");
        Objects.requireNonNull(idleResync, "idleResync");
        Objects.requireNonNull(stoppedTaskRetention, "stoppedTaskRetention");
        if (changeCoalescing.isNegative()) {
            throw new IllegalArgumentException("changeCoalescing must not be negative, was " + changeCoalescing);
        }
        if (pendingTimeout.isNegative() || pendingTimeout.isZero()) {
            throw new IllegalArgumentException("pendingTimeout must be positive, was " + pendingTimeout
                    + "; the default is " + DEFAULT_PENDING_TIMEOUT);
        }
    }

    /**
     * Settings with the {@link #DEFAULT_PENDING_TIMEOUT}.
     *
     * @param healthyAfterRunning how long a task without an essential health check must run before it counts as
     *         healthy (ECS: 40 s)
     * @param busyRequeue when to look again after a pass that acted
     * @param idleResync when to look again when nothing is in motion, to notice what happened behind Berth's back
     * @param stoppedTaskRetention how long stopped service tasks stay visible before the backend forgets them
     * @param changeCoalescing how long a pass waits after a backend's change signal
     */
    public ReconcilerSettings(Duration healthyAfterRunning, Duration busyRequeue, Duration idleResync,
                              Duration stoppedTaskRetention, Duration changeCoalescing) {
        this(healthyAfterRunning, busyRequeue, idleResync, stoppedTaskRetention, changeCoalescing,
                DEFAULT_PENDING_TIMEOUT);
    }

    /**
     * Settings whose passes follow a change signal at once.
     *
     * @param healthyAfterRunning how long a task without an essential health check must run before it counts as
     *         healthy (ECS: 40 s)
     * @param busyRequeue when to look again after a pass that acted
     * @param idleResync when to look again when nothing is in motion, to notice what happened behind Berth's back
     * @param stoppedTaskRetention how long stopped service tasks stay visible before the backend forgets them
     */
    public ReconcilerSettings(Duration healthyAfterRunning, Duration busyRequeue, Duration idleResync,
                              Duration stoppedTaskRetention) {
        this(healthyAfterRunning, busyRequeue, idleResync, stoppedTaskRetention, Duration.ZERO,
                DEFAULT_PENDING_TIMEOUT);
    }

    /**
     * @return ECS's 40 s health rule, a 1 s busy requeue, a 30 s resync, 10 minutes of stopped tasks, passes
     *     250 ms after a change signal, and the {@link #DEFAULT_PENDING_TIMEOUT}
     */
    public static ReconcilerSettings ecsDefaults() {
        return new ReconcilerSettings(Duration.ofSeconds(40), Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofMillis(250), DEFAULT_PENDING_TIMEOUT);
    }

    /**
     * @param value how long a pass waits after a backend's change signal; zero = at once
     * @return a copy with that coalescing
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public ReconcilerSettings withChangeCoalescing(Duration value) {
        return new ReconcilerSettings(healthyAfterRunning, busyRequeue, idleResync, stoppedTaskRetention, value,
                pendingTimeout);
    }

    /**
     * @param value how long a task may stay PENDING before it is stopped as failed to start, and a deployment with
     *     work left go without progress before it records the "unable to stop or start tasks" event
     * @return a copy with that limit
     * @throws IllegalArgumentException if {@code value} is not positive
     */
    public ReconcilerSettings withPendingTimeout(Duration value) {
        return new ReconcilerSettings(healthyAfterRunning, busyRequeue, idleResync, stoppedTaskRetention,
                changeCoalescing, value);
    }
}
