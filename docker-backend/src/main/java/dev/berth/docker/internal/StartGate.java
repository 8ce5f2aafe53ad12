package dev.berth.docker.internal;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many container creations and starts (and per-task network creations) run at once on one engine.
 * Tasks start on as many threads as there are tasks; without a bound a burst of a hundred would queue a hundred
 * requests at a daemon that does a few starts per second per core, and every one of them would wait as long as the
 * slowest. Only the engine calls hold a slot: a task waiting for its dependencies holds none.
 */
final class StartGate {

    private final Semaphore slots;
    private final int size;
    private final Duration longestWait;

    /**
     * @param size how many calls may run at once, at least 1
     * @param longestWait how long a call may wait for a slot
     */
    StartGate(int size, Duration longestWait) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, was " + size);
        }
        this.slots = new Semaphore(size, true);
        this.size = size;
        this.longestWait = longestWait;
    }

    /**
     * @param what the call, for messages
     * @param call the engine call
     * @return its result
     * @throws BackendUnavailableException (retryable) if no slot freed up within the longest wait
     * @throws BerthException if the thread is interrupted while waiting
     */
    <T> T through(String what, Supplier<T> call) {
        try {
            if (!slots.tryAcquire(longestWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new BackendUnavailableException("Waited " + longestWait + " to " + what + ": all " + size
                        + " start slots of the engine stayed busy (DockerBackendConfig.maxConcurrentStarts)", true);
            }
        } catch (InterruptedException e) {
            throw Pause.interrupted(e, "a start slot to " + what);
        }
        try {
            return call.get();
        } finally {
            slots.release();
        }
    }

    /**
     * @param what the call, for messages
     * @param call the engine call
     * @see #through(String, Supplier)
     */
    void run(String what, Runnable call) {
        through(what, () -> {
            call.run();
            return null;
        });
    }
}
