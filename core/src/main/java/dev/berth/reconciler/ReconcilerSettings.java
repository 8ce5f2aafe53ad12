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
 */
public record ReconcilerSettings(Duration healthyAfterRunning, Duration busyRequeue, Duration idleResync,
                                 Duration stoppedTaskRetention) {

    /**
     * Checks that every component is present.
     *
     * @param healthyAfterRunning how long a task without an essential health check must run before it counts as
     *         healthy (ECS: 40 s)
     * @param busyRequeue when to look again after a pass that acted
     * @param idleResync when to look again when nothing is in motion, to notice what happened behind Berth's back
     * @param stoppedTaskRetention how long stopped service tasks stay visible before the backend forgets them
     * @throws NullPointerException if a required component is null
     */
    public ReconcilerSettings {
        Objects.requireNonNull(healthyAfterRunning, "healthyAfterRunning");
        Objects.requireNonNull(busyRequeue, "busyRequeue");
        Objects.requireNonNull(idleResync, "idleResync");
        Objects.requireNonNull(stoppedTaskRetention, "stoppedTaskRetention");
    }

    /** @return ECS's 40 s health rule, a 1 s busy requeue, a 30 s resync and 10 minutes of stopped tasks */
    public static ReconcilerSettings ecsDefaults() {
        return new ReconcilerSettings(Duration.ofSeconds(40), Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(10));
    }
}
