package dev.berth.benchmarks.swarm;

import java.time.Duration;

/** Sleeping in a loop that ends when its thread is interrupted. */
final class Pause {

    private Pause() {
    }

    /**
     * @param d how long to sleep
     * @return false if the thread was interrupted meanwhile (its interrupt flag is set again), so the loop should end
     */
    static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
