package dev.berth.docker;

import dev.berth.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A client watching a roll from outside: every 100 ms it lists the tasks, records the moments outside the
 * deployment bounds, and (when given a host) sends one HTTP request to each running task's published port.
 */
final class RollWatch implements AutoCloseable {

    private final Supplier<List<Task>> tasks;
    private final String host;
    private final int minRunning;
    private final int maxLive;
    private final AtomicBoolean watching = new AtomicBoolean(true);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger mostLive = new AtomicInteger();
    private final AtomicInteger fewestRunning = new AtomicInteger(Integer.MAX_VALUE);
    private final List<String> violations = new ArrayList<>();
    private final Instant started = Instant.now();
    private final Thread thread;

    /**
     * Starts watching.
     *
     * @param tasks the tasks to watch, listed anew on each round
     * @param host where published ports answer; null to watch the counts only
     * @param minRunning fewest RUNNING tasks allowed (floor of desired x minimumHealthyPercent)
     * @param maxLive most live tasks allowed (floor of desired x maximumPercent)
     */
    RollWatch(Supplier<List<Task>> tasks, String host, int minRunning, int maxLive) {
        this.tasks = tasks;
        this.host = host;
        this.minRunning = minRunning;
        this.maxLive = maxLive;
        this.thread = new Thread(this::watch, "roll-watch");
        thread.start();
    }

    private void watch() {
        while (watching.get()) {
            List<Task> now = tasks.get();
            int live = (int) now.stream().filter(Task::isLive).count();
            List<Task> running = now.stream().filter(WebTasks::running).toList();
            mostLive.accumulateAndGet(live, Math::max);
            fewestRunning.accumulateAndGet(running.size(), Math::min);
            if (live > maxLive || running.size() < minRunning) {
                synchronized (violations) {
                    violations.add(Instant.now() + " live=" + live + " running=" + running.size());
                }
            }
            if (host != null) {
                for (Task t : running) {
                    requests.incrementAndGet();
                    if (WebTasks.get(host, WebTasks.port(t)).isEmpty()) {
                        failed.incrementAndGet();
                    }
                }
            }
            EngineTestBase.sleep(Duration.ofMillis(100));
        }
    }

    /** @return {@link #report()}, once watching stopped and the last round finished */
    String stop() {
        watching.set(false);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the watch", e);
        }
        return report();
    }

    /** Stops watching, if {@link #stop()} did not already. */
    @Override
    public void close() {
        stop();
    }

    /** @return the moments outside the bounds, each with its counts */
    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    int requests() {
        return requests.get();
    }

    int failed() {
        return failed.get();
    }

    /** @return e.g. {@code took 12 s: 480 requests, 0 failed; live tasks at most 10, running at least 5} */
    private String report() {
        return String.format("took %d s: %d requests, %d failed; live tasks at most %d, running at least %d",
                Duration.between(started, Instant.now()).toSeconds(), requests.get(), failed.get(), mostLive.get(),
                fewestRunning.get());
    }
}
