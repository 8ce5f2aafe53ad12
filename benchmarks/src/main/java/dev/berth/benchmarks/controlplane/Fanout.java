package dev.berth.benchmarks.controlplane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/** Sends a phase's requests from a few threads at once, and waits for the phase's goal. */
final class Fanout {

    private static final Duration POLL = Duration.ofMillis(50);

    private Fanout() {
    }

    /**
     * Calls {@code request} for 0 to {@code count - 1} from {@code threads} threads and waits for all calls.
     *
     * @param count how many requests
     * @param threads how many threads send them
     * @param request sends request {@code i}
     * @throws IllegalStateException with the first request's failure
     */
    static void send(int count, int threads, IntConsumer request) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> sent = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                sent.add(pool.submit(() -> request.accept(index)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a request failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending requests", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Polls {@code goal} every 50 ms until it holds.
     *
     * @param what the goal's description, for the timeout's message
     * @param goal whether the goal is reached
     * @param timeout how long to wait at most
     * @param progress what has been reached so far, for the timeout's message
     * @throws TimeoutException if the goal is not reached in time
     */
    static void await(String what, BooleanSupplier goal, Duration timeout, Supplier<String> progress)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!goal.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(what + " not reached within " + timeout.toSeconds() + " s: "
                        + progress.get());
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
    }
}
