package dev.berth.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Backs off launches of a service whose tasks keep failing before they reach RUNNING (ECS's "service
 * throttle logic"). ECS publishes the 15-minute cap but not the curve; Berth waits
 * {@code min(15 min, 10 s × 2^(failures − 1))} after each consecutive failure. A task reaching RUNNING or a
 * new deployment resets it. Tasks that ran and then died are not throttled.
 *
 * @param consecutiveFailures tasks in a row that failed to start
 * @param nextLaunchAt no launch before this time
 */
public record RestartThrottle(int consecutiveFailures, Optional<Instant> nextLaunchAt) {

    /** ECS's cap on the delay between launch attempts. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** Berth's first delay. */
    public static final Duration FIRST_DELAY = Duration.ofSeconds(10);

    private static final RestartThrottle OPEN = new RestartThrottle(0, Optional.empty());

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public RestartThrottle {
        Objects.requireNonNull(nextLaunchAt, "nextLaunchAt");
    }

    /** @return a throttle that delays nothing */
    public static RestartThrottle open() {
        return OPEN;
    }

    /**
     * @param now when the start failed
     * @return the throttle after one more task failed to start at {@code now}
     */
    public RestartThrottle afterFailedStart(Instant now) {
        int failures = consecutiveFailures + 1;
        return new RestartThrottle(failures, Optional.of(now.plus(delayAfter(failures))));
    }

    /**
     * @param now the time of the launch
     * @return whether launches may happen at {@code now}
     */
    public boolean allowsLaunchAt(Instant now) {
        return nextLaunchAt.map(next -> !now.isBefore(next)).orElse(true);
    }

    /** @return the delay after {@code failures} consecutive failures */
    static Duration delayAfter(int failures) {
        if (failures >= 8) {
            return MAX_DELAY;
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << (failures - 1));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
