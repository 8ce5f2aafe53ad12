package dev.berth.spi;

import dev.berth.task.ContainerState;
import dev.berth.task.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ComputeBackend#onTaskChange} for a backend whose peer does not push task changes to its clients (ECS
 * publishes them to EventBridge; a Swarm manager's event stream has no task states): while someone listens, the
 * watched clusters' tasks are read every interval and a cluster is signalled when the status, health or containers
 * of its tasks differ from the previous read. Best effort, as the SPI allows: a failed read is skipped, and changes
 * Berth itself made are signalled too.
 */
public final class TaskChangePoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskChangePoller.class);

    private final String threadName;
    private final Function<String, List<Task>> tasks;
    private final Duration interval;
    private final Set<String> clusters = ConcurrentHashMap.newKeySet();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> lastRead = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    /**
     * @param threadName the name of the thread that reads, e.g. {@code berth-ecs-task-changes}
     * @param tasks reads a cluster's tasks
     * @param interval pause between two reads
     */
    public TaskChangePoller(String threadName, Function<String, List<Task>> tasks, Duration interval) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** @param cluster a cluster whose tasks are watched from now on */
    public void watch(String cluster) {
        clusters.add(cluster);
    }

    /**
     * @param listener receives the name of a cluster whose tasks changed; must not block
     * @return the handle that unregisters it; polling stops when nobody listens
     */
    public synchronized Subscription subscribe(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, threadName);
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::pollOnce, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return () -> unsubscribe(listener);
    }

    /** Reads every watched cluster once and signals those whose tasks changed since the previous read. */
    public void pollOnce() {
        for (String cluster : clusters) {
            Map<String, String> now;
            try {
                now = fingerprint(tasks.apply(cluster));
            } catch (RuntimeException e) {
                LOG.debug("Reading tasks for change signals failed cluster={}: {}", cluster, e.getMessage());
                continue;
            }
            Map<String, String> before = lastRead.put(cluster, now);
            if (before != null && !before.equals(now)) {
                listeners.forEach(listener -> listener.accept(cluster));
            }
        }
    }

    @Override
    public synchronized void close() {
        listeners.clear();
        stop();
    }

    private synchronized void unsubscribe(Consumer<String> listener) {
        listeners.remove(listener);
        if (listeners.isEmpty()) {
            stop();
        }
    }

    private void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private static Map<String, String> fingerprint(List<Task> tasks) {
        return tasks.stream().collect(Collectors.toMap(Task::taskId, t -> t.lastStatus() + "/" + t.desiredStatus()
                + "/" + t.healthStatus() + t.containers().stream().map(TaskChangePoller::state).toList(),
                (a, b) -> a));
    }

    private static String state(ContainerState c) {
        return c.name() + ":" + c.lastStatus() + ":" + c.health() + ":" + c.exitCode();
    }
}
