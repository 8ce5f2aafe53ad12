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
 */
public record ReconcilerSettings(Duration healthyAfterRunning, Duration busyRequeue, Duration idleResync) {

    public ReconcilerSettings {
        Objects.requireNonNull(healthyAfterRunning, "healthyAfterRunning");
        Objects.requireNonNull(busyRequeue, "busyRequeue");
        Objects.requireNonNull(idleResync, "idleResync");
    }

    /** @return ECS's 40 s health rule, a 1 s busy requeue and a 30 s resync */
    public static ReconcilerSettings ecsDefaults() {
        return new ReconcilerSettings(Duration.ofSeconds(40), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
}
