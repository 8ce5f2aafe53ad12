package dev.berth.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A de-duplicating, delaying work queue: at most one pass per key runs at a time, a key enqueued while its pass
 * runs runs once more afterwards, and a key enqueued many times before it runs runs once, at the earliest
 * requested time. Each pass returns when its key wants to run again, or that it is done; a pass that throws is
 * run again after {@code retryAfterThrow}, so that no key is ever dropped without its pass saying so.
 *
 * @param <K> the key type, e.g. a service's cluster and name
 */
final class WorkQueue<K> {

    private final ScheduledExecutorService executor;
    private final Function<K, PassOutcome> pass;
    private final Duration retryAfterThrow;
    private final Map<K, Entry> entries = new HashMap<>();
    private boolean closed;

    /**
     * @param executor runs the passes
     * @param pass does the work for one key and says whether and when to run it again; it should handle its own
     *     failures
     * @param retryAfterThrow when to run a key again whose pass threw nevertheless
     */
    WorkQueue(ScheduledExecutorService executor, Function<K, PassOutcome> pass, Duration retryAfterThrow) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.pass = Objects.requireNonNull(pass, "pass");
        this.retryAfterThrow = Objects.requireNonNull(retryAfterThrow, "retryAfterThrow");
    }

    /** Runs the key's pass after {@code delay}, or sooner if it is already due sooner. */
    synchronized void enqueue(K key, Duration delay) {
        if (closed) {
            return;
        }
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        if (entry.running) {
            entry.again = entry.again == null || delay.compareTo(entry.again) < 0 ? delay : entry.again;
            return;
        }
        if (entry.scheduled != null) {
            if (entry.scheduled.getDelay(TimeUnit.NANOSECONDS) <= delay.toNanos()) {
                return;
            }
            entry.scheduled.cancel(false);
        }
        try {
            entry.scheduled = executor.schedule(() -> run(key), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            entries.remove(key);
        }
    }

    /** Forgets a key: a scheduled pass is cancelled; a running one finishes but is not repeated. */
    synchronized void remove(K key) {
        Entry entry = entries.remove(key);
        if (entry != null && entry.scheduled != null) {
            entry.scheduled.cancel(false);
        }
    }

    /** Stops scheduling; passes that run finish. */
    synchronized void close() {
        closed = true;
        entries.values().forEach(e -> {
            if (e.scheduled != null) {
                e.scheduled.cancel(false);
            }
        });
        entries.clear();
    }

    private void run(K key) {
        synchronized (this) {
            Entry entry = entries.get(key);
            if (entry == null || closed) {
                return;
            }
            entry.scheduled = null;
            entry.running = true;
        }
        Duration next = retryAfterThrow;
        try {
            PassOutcome outcome = pass.apply(key);
            next = outcome instanceof PassOutcome.Again again ? again.delay() : null;
        } finally {
            synchronized (this) {
                Entry entry = entries.get(key);
                if (entry != null) {
                    entry.running = false;
                    Duration again = entry.again;
                    entry.again = null;
                    Duration delay = again != null && (next == null || again.compareTo(next) < 0) ? again : next;
                    if (delay != null) {
                        enqueue(key, delay);
                    } else {
                        entries.remove(key);
                    }
                }
            }
        }
    }

    /** Scheduling state of one key. */
    private static final class Entry {
        private ScheduledFuture<?> scheduled;
        private boolean running;
        private Duration again;
    }
}
