package dev.berth.runtime;

import dev.berth.exception.BerthException;
import dev.berth.exception.WaitTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Blocks a caller until a condition holds or a deadline passes. The condition is checked when something may
 * have changed ({@link #signal()}, e.g. after every reconcile pass) and at least every poll interval, so that
 * changes nobody signals (a task the backend started) are seen too. A wait that times out says what it awaited,
 * its deadline and the state it last observed.
 */
public final class Waiter {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Duration pollInterval;
    private final Clock clock;

    /**
     * @param pollInterval the longest time between two checks
     * @param clock tells the deadline in timeout messages; the wait itself is timed by the monotonic
     *     {@link System#nanoTime()}, so that a test's frozen clock cannot make it wait forever
     * @throws IllegalArgumentException if the poll interval is not positive
     */
    public Waiter(Duration pollInterval, Clock clock) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        this.pollInterval = pollInterval;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Wakes every waiting caller to check its condition again. */
    public void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Checks the condition until it holds or the timeout passes.
     *
     * @param <T> what the check returns once the condition holds
     * @param what the condition, for the timeout message, e.g. {@code tasks [a] in cluster dev to be RUNNING}
     * @param timeout the deadline, from now
     * @param check returns the result once the condition holds
     * @param observed describes the current state, for the timeout message; called once, at the deadline
     * @return the result of the first successful check
     * @throws WaitTimeoutException if the condition does not hold in time
     * @throws BerthException if the calling thread is interrupted (its interrupt flag stays set)
     */
    public <T> T await(String what, Duration timeout, Supplier<Optional<T>> check, Supplier<String> observed) {
        Instant deadlineByClock = clock.instant().plus(timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        int checks = 0;
        while (true) {
            checks++;
            Optional<T> result = check.get();
            if (result.isPresent()) {
                return result.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new WaitTimeoutException(what, timeout, deadlineByClock, checks, observed.get());
            }
            lock.lock();
            try {
                changed.await(Math.min(left, pollInterval.toNanos()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BerthException("Interrupted while waiting for " + what, e);
            } finally {
                lock.unlock();
            }
        }
    }
}
