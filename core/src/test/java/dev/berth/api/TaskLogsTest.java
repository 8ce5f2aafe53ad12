package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.ResourceNotFoundException;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.spi.Subscription;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.Task;
import dev.berth.testing.ManualScheduledExecutor;
import dev.berth.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Tasks#logs} and {@link Tasks#followLogs} on the in-memory backend. */
class TaskLogsTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-26T10:00:00Z"));
    private final InMemoryBackend backend = InMemoryBackend.create(clock);
    private final ManualScheduledExecutor executor = new ManualScheduledExecutor();
    private Berth berth;
    private Tasks tasks;
    private String taskId;

    @BeforeEach
    void setUp() {
        backend.addInstance("dev", InMemoryBackend.instance("i-1"));
        berth = Berth.builder(backend).clock(clock).executor(executor).build();
        tasks = berth.clusters().create("dev").tasks();
        berth.taskDefinitions().register(TaskDefinition.builder("job")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64))
                .container(c -> c.name("sidecar").image("busybox:stable").memoryMiB(64).essential(false))
                .build());
        Task started = tasks.run(RunTaskRequest.builder(TaskDefinitionRef.latest("job")).build()).tasks().get(0);
        taskId = started.taskId();
    }

    @AfterEach
    void tearDown() {
        berth.close();
        executor.shutdownNow();
    }

    @Test
    void logs_returnTheLastLinesOfTheContainer_oldestFirst() {
        for (int i = 1; i <= 5; i++) {
            backend.appendLog("dev", taskId, "app", "app line " + i);
        }
        backend.appendLog("dev", taskId, "sidecar", "sidecar line");

        assertThat(tasks.logs(taskId, "app", 2)).containsExactly("app line 4", "app line 5");
        assertThat(tasks.logs(taskId, "app", 100)).hasSize(5);
        assertThat(tasks.logs(taskId, "sidecar", 10)).containsExactly("sidecar line");
    }

    @Test
    void followLogs_deliversNewLinesOnly_untilClosed() {
        backend.appendLog("dev", taskId, "app", "before");
        List<String> received = new ArrayList<>();

        Subscription follow = tasks.followLogs(taskId, "app", received::add);
        backend.appendLog("dev", taskId, "app", "during 1");
        backend.appendLog("dev", taskId, "sidecar", "elsewhere");
        backend.appendLog("dev", taskId, "app", "during 2");
        follow.close();
        backend.appendLog("dev", taskId, "app", "after");

        assertThat(received).containsExactly("during 1", "during 2");
    }

    @Test
    void followLogs_endsWhenTheContainerStops() {
        List<String> received = new ArrayList<>();
        tasks.followLogs(taskId, "sidecar", received::add);
        backend.appendLog("dev", taskId, "sidecar", "running");

        backend.exitContainer("dev", taskId, "sidecar", 0);

        assertThat(received).containsExactly("running");
        assertThat(tasks.logs(taskId, "sidecar", 10)).containsExactly("running");
        List<String> late = new ArrayList<>();
        tasks.followLogs(taskId, "sidecar", late::add).close();
        assertThat(late).isEmpty();
    }

    @Test
    void logs_ofAnUnknownTaskOrContainer_orWithoutLines_areRefused() {
        assertThatThrownBy(() -> tasks.logs("no-such-task", "app", 10))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("no-such-task");
        assertThatThrownBy(() -> tasks.followLogs("no-such-task", "app", line -> { }))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("no-such-task");
        assertThatThrownBy(() -> tasks.logs(taskId, "db", 10))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("has no container db").hasMessageContaining("app, sidecar");
        assertThatThrownBy(() -> tasks.followLogs(taskId, "db", line -> { }))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("db");
        assertThatThrownBy(() -> tasks.logs(taskId, "app", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
