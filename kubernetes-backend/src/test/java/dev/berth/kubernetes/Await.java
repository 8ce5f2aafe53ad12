package dev.berth.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition of the real control plane until it holds, or fails the test at a deadline. */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(200);

    private Await() {
    }

    /**
     * @param what the condition, for the failure message
     * @param timeout how long it may take
     * @param condition checked at once, then every 200 ms
     * @throws AssertionError naming {@code what} if it does not hold in time
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }

    /**
     * @param what the condition, for the failure message
     * @param timeout how long it may take
     * @param condition checked at once, then every 200 ms
     * @param state what was last seen, for the failure message
     * @throws AssertionError naming {@code what} and the state if the condition does not hold in time
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<Object> state) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + ". Last seen: "
                        + state.get());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
