package dev.berth.junit;

import dev.berth.spi.ComputeBackend;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services on any {@link ComputeBackend} a {@link ComputeBackendFactory} opens. Clean-up goes through the backend's
 * own calls: stop every task of the scope's cluster, wait until they are STOPPED, forget them.
 */
final class CustomPlatform implements Platform {

    private static final Logger LOG = LoggerFactory.getLogger(CustomPlatform.class);
    /** How long clean-up waits for the scope's tasks to stop before it gives up on forgetting them. */
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final ComputeBackendFactory factory;

    CustomPlatform(ComputeBackendFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public Optional<String> unavailability() {
        return Optional.empty();
    }

    @Override
    public Scope open(String cluster) {
        ComputeBackend backend = Objects.requireNonNull(factory.open(cluster),
                "the ComputeBackendFactory returned no backend");
        return new CustomScope(backend, cluster);
    }

    @Override
    public String toString() {
        return "custom backend";
    }

    private record CustomScope(ComputeBackend backend, String cluster) implements Scope {

        @Override
        public void removeAllAndClose() {
            try {
                for (Task task : backend.tasks(cluster)) {
                    if (task.lastStatus() != TaskStatus.STOPPED) {
                        backend.stopTask(cluster, task.taskId(), StopCode.USER_INITIATED, "The test ended");
                    }
                }
                List<Task> stopped = awaitAllStopped();
                stopped.forEach(task -> backend.forgetTask(cluster, task.taskId()));
            } finally {
                backend.close();
            }
        }

        private List<Task> awaitAllStopped() {
            Instant deadline = Instant.now().plus(STOP_DEADLINE);
            List<Task> tasks = backend.tasks(cluster);
            while (tasks.stream().anyMatch(t -> t.lastStatus() != TaskStatus.STOPPED)
                    && Instant.now().isBefore(deadline)) {
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                tasks = backend.tasks(cluster);
            }
            List<Task> stopped = tasks.stream().filter(t -> t.lastStatus() == TaskStatus.STOPPED).toList();
            if (stopped.size() < tasks.size()) {
                LOG.warn("{} tasks of cluster={} still not stopped after {}; left to the backend",
                        tasks.size() - stopped.size(), cluster, STOP_DEADLINE);
            }
            return stopped;
        }
    }
}
