package dev.berth.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one engine's event stream for the container events that change a task by itself ({@code start},
 * {@code die}, {@code kill}, {@code oom}, {@code health_status}) on containers with Berth's cluster label and the
 * backend's own labels, and hands each one's container ID, action and cluster to a listener on the stream's thread.
 *
 * <p>The stream has no read deadline. When it fails or the engine ends it, it is opened again after a backoff
 * that doubles from {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF} and resets once the engine answers; a reopened
 * stream asks for the events since the last one seen, so a short outage loses nothing. {@link #close()} ends it
 * for good. Only the engine's endpoint and the failure's message are logged: never labels, environment or other
 * container configuration.
 */
final class EngineEvents implements AutoCloseable {

    /** Wait before the first reopening. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    /** Longest wait between two reopenings. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(EngineEvents.class);
    private static final String[] ACTIONS = {"start", "die", "kill", "oom", "health_status"};

    private final DockerClients clients;
    private final String engine;
    private final List<String> labelFilters = new ArrayList<>();
    private final Listener containerChanged;
    private final ScheduledExecutorService reconnects;
    private Duration backoff = FIRST_BACKOFF;
    private volatile long lastEventSeconds;
    private Stream current;
    private boolean closed;

    /**
     * @param clients the engine's clients; the stream uses {@link DockerClients#streams()}
     * @param engine the engine's endpoint, for log messages
     * @param labels the backend's own labels: only containers that carry them too are watched
     * @param containerChanged receives each event's container ID, action and cluster label
     */
    EngineEvents(DockerClients clients, String engine, Map<String, String> labels, Listener containerChanged) {
        this.clients = clients;
        this.engine = engine;
        this.containerChanged = containerChanged;
        labelFilters.add(Labels.CLUSTER);
        labels.forEach((k, v) -> labelFilters.add(k + "=" + v));
        reconnects = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-docker-events");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the stream now; later failures reopen it by themselves. Does nothing once closed. */
    synchronized void start() {
        if (closed || current != null) {
            return;
        }
        open();
    }

    /** Ends the stream for good; nothing is delivered once this returns. */
    @Override
    public void close() {
        Stream stream;
        synchronized (this) {
            closed = true;
            stream = current;
            current = null;
        }
        reconnects.shutdownNow();
        if (stream != null) {
            stream.end();
        }
    }

    private synchronized void open() {
        if (closed) {
            return;
        }
        Stream stream = new Stream();
        current = stream;
        try {
            var command = clients.streams().eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                    .withEventFilter(ACTIONS).withLabelFilter(labelFilters.toArray(String[]::new));
            if (lastEventSeconds > 0) {
                command = command.withSince(Long.toString(lastEventSeconds));
            }
            var finalCommand = command;
            clients.run("watch the engine's events", () -> finalCommand.exec(stream));
        } catch (RuntimeException e) {
            reopenLater(stream, String.valueOf(e.getMessage()));
        }
    }

    private synchronized void reopenLater(Stream failed, String why) {
        if (closed || current != failed) {
            return;
        }
        current = null;
        LOG.info("event stream of Docker engine {} ended ({}); reopening in {} ms", engine, why, backoff.toMillis());
        reconnects.schedule(this::open, backoff.toMillis(), TimeUnit.MILLISECONDS);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    private synchronized void answered() {
        backoff = FIRST_BACKOFF;
    }

    /** Receives the events on the stream's thread. */
    @FunctionalInterface
    interface Listener {
        /**
         * @param containerId the event's container
         * @param action what happened, e.g. {@code die} or {@code health_status: healthy}
         * @param cluster the container's cluster label
         */
        void accept(String containerId, String action, String cluster);
    }

    /** One opening of the stream. */
    private final class Stream extends ResultCallback.Adapter<Event> {
        private volatile boolean ended;

        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            answered();
        }

        @Override
        public void onNext(Event event) {
            if (ended) {
                return;
            }
            if (event.getTime() != null) {
                lastEventSeconds = Math.max(lastEventSeconds, event.getTime());
            }
            Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
            String cluster = attributes == null ? null : attributes.get(Labels.CLUSTER);
            if (cluster == null) {
                return;
            }
            try {
                containerChanged.accept(event.getActor().getId(), String.valueOf(event.getAction()), cluster);
            } catch (RuntimeException e) {
                LOG.warn("a task-change listener failed for cluster {}", cluster, e);
            }
        }

        @Override
        public void onError(Throwable failure) {
            super.onError(failure);
            if (!ended) {
                reopenLater(this, failure.toString());
            }
        }

        @Override
        public void onComplete() {
            super.onComplete();
            if (!ended) {
                reopenLater(this, "the engine closed it");
            }
        }

        void end() {
            ended = true;
            try {
                close();
            } catch (IOException e) {
                LOG.debug("closing the event stream of Docker engine {} failed: {}", engine, e.toString());
            }
        }
    }
}
