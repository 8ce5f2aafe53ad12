package dev.berth.spi.balancer;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in tests for what another thread does: polls a condition until it holds or the deadline passes. */
final class Eventually {

    private Eventually() {
    }

    /**
     * @param deadline the longest wait
     * @param condition what must come true
     * @throws AssertionError if it did not within the deadline
     */
    static void within(Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + deadline);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
