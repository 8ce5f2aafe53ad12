package dev.berth.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Polled change signals: a cluster is signalled when its tasks read differently than the time before. */
class TaskChangePollerTest {

    private final Map<String, List<Task>> observed = new ConcurrentHashMap<>();
    private final TaskChangePoller poller = new TaskChangePoller("test-task-changes", c -> observed.getOrDefault(c, List.of()),
            Duration.ofHours(1));
    private final List<String> signalled = new CopyOnWriteArrayList<>();

    private static Task task(String id, TaskStatus status) {
        return new Task(id, "c", "td", "i", "g", "s", status, DesiredStatus.RUNNING, HealthStatus.UNKNOWN, List.of(),
                Instant.EPOCH, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aChangedTask_signalsItsClusterOnly() {
        try (Subscription ignored = poller.subscribe(signalled::add)) {
            poller.watch("c");
            poller.watch("other");
            observed.put("c", List.of(task("t", TaskStatus.RUNNING)));
            observed.put("other", List.of(task("u", TaskStatus.RUNNING)));
            poller.pollOnce();
            poller.pollOnce();
            assertThat(signalled).as("the first read and an unchanged one").isEmpty();

            observed.put("c", List.of(task("t", TaskStatus.STOPPED)));
            poller.pollOnce();

            assertThat(signalled).containsExactly("c");
        }
    }

    @Test
    void afterUnsubscribing_nothingIsSignalled() {
        poller.watch("c");
        poller.subscribe(signalled::add).close();
        poller.pollOnce();
        observed.put("c", List.of(task("t", TaskStatus.RUNNING)));

        poller.pollOnce();

        assertThat(signalled).isEmpty();
    }

    @Test
    void aFailedRead_isSkipped() {
        TaskChangePoller failing = new TaskChangePoller("test-task-changes", c -> {
            throw new IllegalStateException("ECS unreachable");
        }, Duration.ofHours(1));
        failing.watch("c");
        try (Subscription ignored = failing.subscribe(signalled::add)) {
            failing.pollOnce();
        }
        assertThat(signalled).isEmpty();
    }
}
