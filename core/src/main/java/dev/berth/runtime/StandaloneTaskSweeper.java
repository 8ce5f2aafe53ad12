package dev.berth.runtime;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.BerthException;
import dev.berth.internal.state.StateStore;
import dev.berth.spi.ComputeBackend;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets stopped standalone tasks (those of no service) disappear after the retention, as ECS shows stopped tasks for
 * a while and then forgets them; the backend removes what is left of them (containers, networks). Service tasks are
 * the service controller's to forget.
 */
final class StandaloneTaskSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneTaskSweeper.class);

    private final ComputeBackend backend;
    private final StateStore store;
    private final Duration retention;
    private final Clock clock;

    StandaloneTaskSweeper(ComputeBackend backend, StateStore store, Duration retention, Clock clock) {
        this.backend = backend;
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    /** Forgets every standalone task stopped at least the retention ago, in every cluster; a failure waits a turn. */
    void sweepOnce() {
        Instant now = clock.instant();
        for (ClusterRecord cluster : store.clusters()) {
            try {
                sweep(cluster.name(), now);
            } catch (BerthException e) {
                LOG.debug("Stopped standalone tasks stay until the next sweep cluster={}: {}", cluster.name(),
                        e.getMessage());
            }
        }
    }

    private void sweep(String cluster, Instant now) {
        Set<String> serviceGroups = store.services(cluster).stream()
                .map(service -> service.spec().taskGroup())
                .collect(Collectors.toSet());
        for (Task task : backend.tasks(cluster)) {
            boolean expired = task.lastStatus() == TaskStatus.STOPPED && !serviceGroups.contains(task.group())
                    && task.stoppedAt().map(at -> !now.isBefore(at.plus(retention))).orElse(false);
            if (expired) {
                backend.forgetTask(cluster, task.taskId());
            }
        }
    }
}
