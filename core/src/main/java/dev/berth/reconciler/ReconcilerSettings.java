package dev.berth.reconciler;

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
 */
public record ReconcilerSettings(Duration healthyAfterRunning, Duration busyRequeue, Duration idleResync,
                                 Duration stoppedTaskRetention, Duration changeCoalescing) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if {@code changeCoalescing} is negative
     */
    public ReconcilerSettings {
        Objects.requireNonNull(healthyAfterRunning, "healthyAfterRunning");
        Objects.requireNonNull(busyRequeue, "busyRequeue");
        Objects.requireNonNull(idleResync, "idleResync");
        Objects.requireNonNull(stoppedTaskRetention, "stoppedTaskRetention");
        if (changeCoalescing.isNegative()) {
            throw new IllegalArgumentException("changeCoalescing must not be negative, was " + changeCoalescing);
        }
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
        this(healthyAfterRunning, busyRequeue, idleResync, stoppedTaskRetention, Duration.ZERO);
    }

    /**
     * @return ECS's 40 s health rule, a 1 s busy requeue, a 30 s resync, 10 minutes of stopped tasks, and passes
     *     250 ms after a change signal
     */
    public static ReconcilerSettings ecsDefaults() {
        return new ReconcilerSettings(Duration.ofSeconds(40), Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofMillis(250));
    }

    /**
     * @param value how long a pass waits after a backend's change signal; zero = at once
     * @return a copy with that coalescing
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public ReconcilerSettings withChangeCoalescing(Duration value) {
        return new ReconcilerSettings(healthyAfterRunning, busyRequeue, idleResync, stoppedTaskRetention, value);
    }
}
