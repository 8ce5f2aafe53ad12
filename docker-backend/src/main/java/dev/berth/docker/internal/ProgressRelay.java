package dev.berth.docker.internal;

import dev.berth.progress.ProgressEvent;
import dev.berth.progress.ProgressListener;
import dev.berth.spi.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands progress reports to listeners on a thread of its own, so that a slow listener never holds up the work
 * that reports (a pull's stream is read on). Reports on one subject that pile up while a listener is busy are
 * conflated: only the newest is delivered, so a finished report always arrives last. Thread-safe.
 */
final class ProgressRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressRelay.class);

    private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();
    /** Subjects waiting for delivery, oldest first, each with its newest report. Guarded by this. */
    private final Map<String, ProgressEvent> pending = new LinkedHashMap<>();
    private ExecutorService delivery;
    private boolean draining;
    private boolean closed;

    /**
     * @param listener receives every report from now on, on the relay's thread
     * @return the handle that unregisters it
     */
    Subscription add(ProgressListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** @return whether anyone listens; reporters skip the work of making reports otherwise */
    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /**
     * Queues a report for delivery and returns at once.
     *
     * @param subject what the report is about, e.g. an image reference; a newer report on it replaces a queued one
     * @param event the report
     */
    synchronized void offer(String subject, ProgressEvent event) {
        if (closed || listeners.isEmpty()) {
            return;
        }
        pending.put(subject, event);
        if (!draining) {
            if (delivery == null) {
                delivery = Executors.newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, "berth-docker-progress");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            try {
                delivery.execute(this::drain);
                draining = true;
            } catch (RejectedExecutionException e) {
                pending.clear();
            }
        }
    }

    /** Stops delivering; reports still queued are dropped. */
    @Override
    public synchronized void close() {
        closed = true;
        pending.clear();
        if (delivery != null) {
            delivery.shutdownNow();
        }
    }

    private void drain() {
        while (true) {
            List<ProgressEvent> batch;
            synchronized (this) {
                if (pending.isEmpty() || closed) {
                    draining = false;
                    return;
                }
                batch = new ArrayList<>(pending.values());
                pending.clear();
            }
            for (ProgressEvent event : batch) {
                for (ProgressListener listener : listeners) {
                    try {
                        listener.onProgress(event);
                    } catch (RuntimeException e) {
                        LOG.warn("Progress listener failed on {}: {}", event.summary(), e.toString());
                    }
                }
            }
        }
    }
}
