package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backend's change signal gets the cluster's services a pass at once, long before their idle resync: Berth's own
 * threads, the real clock, an in-memory backend whose knobs signal.
 */
class TaskChangeSignalTest {

    private static final ReconcilerSettings SLOW_RESYNC = new ReconcilerSettings(Duration.ofMillis(100),
            Duration.ofMillis(100), Duration.ofHours(1), Duration.ofMinutes(10));

    private final InMemoryBackend backend = InMemoryBackend.create(Clock.systemUTC());
    private Berth berth;

    @BeforeEach
    void setUp() {
        backend.addInstance("dev", InMemoryBackend.instance("i-1"));
        berth = Berth.builder(backend).reconcilerSettings(SLOW_RESYNC).build();
    }

    @AfterEach
    void tearDown() {
        berth.close();
    }

    @Test
    void anExitedEssentialContainer_isReplacedWithoutWaitingForTheResync() throws InterruptedException {
        berth.taskDefinitions().register(TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)).build());
        berth.clusters().create("dev").services()
                .create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web")).desiredCount(1).build())
                .awaitSteady(Duration.ofSeconds(10));
        Thread.sleep(300); // the controller is idle now: its next look is an hour away
        Task victim = running().get(0);

        backend.exitContainer("dev", victim.taskId(), "app", 1);

        Instant deadline = Instant.now().plusSeconds(2);
        while (running().stream().noneMatch(t -> !t.taskId().equals(victim.taskId()))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(running()).extracting(Task::taskId).isNotEmpty().doesNotContain(victim.taskId());
    }

    private List<Task> running() {
        return backend.tasks("dev").stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).toList();
    }
}
