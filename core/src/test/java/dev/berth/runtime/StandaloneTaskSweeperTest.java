package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.TaskDefinitions;
import dev.berth.cluster.ClusterRecord;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.internal.state.InMemoryStateStore;
import dev.berth.model.ArnScope;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.reconciler.ServiceState;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stopped standalone tasks disappear after the retention, as in ECS; service tasks are left to their controller. */
class StandaloneTaskSweeperTest {

    private static final Duration RETENTION = Duration.ofMinutes(10);

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-26T10:00:00Z"));
    private final InMemoryBackend backend = InMemoryBackend.create(clock);
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final StandaloneTaskSweeper sweeper = new StandaloneTaskSweeper(backend, store, RETENTION, clock);
    private final RegisteredTaskDefinition job = TaskDefinitions.inMemory(clock, ArnScope.local())
            .register(TaskDefinition.builder("job").container(c -> c.name("app").image("busybox:1").memoryMiB(32))
                    .build());

    private String start(String taskId, String group) {
        backend.startTask(new StartTaskRequest("dev", taskId, "i-1", job, group, "berth", List.of()));
        return taskId;
    }

    private Task task(String taskId) {
        return backend.tasks("dev").stream().filter(t -> t.taskId().equals(taskId)).findFirst().orElseThrow();
    }

    @Test
    void aStoppedStandaloneTask_staysForTheRetention_thenIsForgotten_whileServiceTasksAndRunningOnesStay() {
        backend.addInstance("dev", InMemoryBackend.instance("i-1").cpu(4096).memoryMiB(4096));
        store.createCluster(ClusterRecord.create("dev", clock.instant()));
        store.createService(ServiceState.create("dev", ServiceSpec.builder("web", TaskDefinitionRef.latest("job"))
                .desiredCount(1).build(), job, clock.instant()));
        String standalone = start("standalone", "family:job");
        String running = start("running", "family:job");
        String ofService = start("of-service", "service:web");
        backend.stopTask("dev", standalone, StopCode.USER_INITIATED, "done");
        backend.stopTask("dev", ofService, StopCode.SERVICE_SCHEDULER_INITIATED, "scaled in");
        clock.advance(Duration.ofSeconds(30));
        assertThat(task(standalone).lastStatus()).isEqualTo(TaskStatus.STOPPED);

        clock.advance(RETENTION.minusMinutes(1));
        sweeper.sweepOnce();
        assertThat(backend.tasks("dev")).extracting(Task::taskId).contains(standalone);

        clock.advance(Duration.ofMinutes(1));
        sweeper.sweepOnce();
        assertThat(backend.tasks("dev")).extracting(Task::taskId).containsExactlyInAnyOrder(running, ofService);
    }
}
