package dev.berth.exception;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A waiter's condition did not hold before its deadline. The message says what was awaited, for how long, and
 * what was last observed, e.g. {@code Timed out after PT1M (deadline 2026-11-26T10:01:00Z, 240 checks) waiting
 * for service web in cluster dev to reach a steady state. Last observed: ACTIVE, 2 of 3 tasks running, ...}.
 */
public class WaitTimeoutException extends BerthException {

    /** The condition waited for. */
    private final String awaited;
    /** How long was waited. */
    private final Duration timeout;
    /** When the wait gave up; null when the waiter reported none (a plain field keeps it serializable). */
    private final Instant deadline;
    /** How often the condition was checked. */
    private final int checks;
    /** The state seen at the last check. */
    private final String lastObserved;

    /**
     * @param what the condition waited for, e.g. {@code service web in cluster dev to reach a steady state}
     * @param timeout how long was waited
     * @param checks how often the condition was checked
     * @param lastObserved the state seen at the last check
     */
    public WaitTimeoutException(String what, Duration timeout, int checks, String lastObserved) {
        this(what, timeout, Optional.empty(), checks, lastObserved);
    }

    /**
     * @param what the condition waited for, e.g. {@code service web in cluster dev to reach a steady state}
     * @param timeout how long was waited
     * @param deadline when the wait gave up, by the waiter's clock
     * @param checks how often the condition was checked
     * @param lastObserved the state seen at the last check
     */
    public WaitTimeoutException(String what, Duration timeout, Instant deadline, int checks, String lastObserved) {
        this(what, timeout, Optional.of(deadline), checks, lastObserved);
    }

    private WaitTimeoutException(String what, Duration timeout, Optional<Instant> deadline, int checks,
                                 String lastObserved) {
        super("Timed out after " + timeout + deadline.map(d -> " (deadline " + d + ", ").orElse(" (") + checks
                + (checks == 1 ? " check)" : " checks)") + " waiting for " + what + ". Last observed: "
                + lastObserved);
        this.awaited = Objects.requireNonNull(what, "what");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.deadline = deadline.orElse(null);
        this.checks = checks;
        this.lastObserved = Objects.requireNonNull(lastObserved, "lastObserved");
    }

    /** @return the condition waited for, e.g. {@code service web in cluster dev to reach a steady state} */
    public String awaited() {
        return awaited;
    }

    /** @return how long was waited */
    public Duration timeout() {
        return timeout;
    }

    /** @return when the wait gave up, by the waiter's clock, if the waiter reported it */
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** @return how often the condition was checked */
    public int checks() {
        return checks;
    }

    /** @return the state seen at the last check */
    public String lastObserved() {
        return lastObserved;
    }
}
