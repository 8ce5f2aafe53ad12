package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.ConflictException;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.scheduler.InstanceState;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import dev.berth.testing.ManualScheduledExecutor;
import dev.berth.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Berth with a state directory, closed and opened again on the same directory and backend, as after a restart. */
class BerthRestartTest {

    @TempDir
    Path stateDirectory;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-26T10:00:00Z"));
    private final InMemoryBackend backend = InMemoryBackend.create(clock);
    private final ManualScheduledExecutor executor = new ManualScheduledExecutor();
    private final AtomicInteger ids = new AtomicInteger();
    /** Every task id handed out, i.e. every task any Berth started. */
    private final List<String> started = new ArrayList<>();
    private Berth berth;

    @BeforeEach
    void setUp() {
        for (String zone : List.of("a", "b", "c")) {
            backend.addInstance("dev", InMemoryBackend.instance("i-" + zone).cpu(4096).memoryMiB(4096)
                    .attribute(InstanceAttributes.AVAILABILITY_ZONE, "eu-west-1" + zone));
        }
        berth = open();
    }

    @AfterEach
    void tearDown() {
        berth.close();
        executor.shutdownNow();
    }

    private Berth open() {
        return Berth.builder(backend).clock(clock).executor(executor).closeBackend(false)
                .stateDirectory(stateDirectory)
                .taskIds(() -> {
                    String id = "t" + ids.incrementAndGet();
                    synchronized (started) {
                        started.add(id);
                    }
                    return id;
                })
                .build();
    }

    private void restart() {
        berth.close();
        berth = open();
    }

    private RegisteredTaskDefinition register(int memoryMiB) {
        return berth.taskDefinitions().register(TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(memoryMiB).portMapping(8080))
                .build());
    }

    private void run(int seconds) {
        for (int i = 0; i < seconds; i++) {
            berth.reconcileNow("dev", "web");
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private Service web() {
        return berth.clusters().get("dev").orElseThrow().services().get("web").orElseThrow();
    }

    @Test
    void restart_whenServiceIsSteady_startsNothingAndStaysSteady() {
        register(256);
        berth.clusters().create("dev").services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(3).build());
        run(45);
        List<String> before = web().tasks().stream().map(Task::taskId).toList();
        List<ServiceEvent> eventsBefore = web().events();
        assertThat(before).hasSize(3);

        restart();
        run(120);

        assertThat(web().describe().isStable()).isTrue();
        assertThat(web().tasks()).extracting(Task::taskId).containsExactlyInAnyOrderElementsOf(before);
        assertThat(started).as("tasks started by either Berth").hasSize(3);
        assertThat(web().events()).as("the event log, with its suppression of repeats, carries on")
                .containsExactlyElementsOf(eventsBefore);
        assertThat(berth.taskDefinitions().register(TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)).build()).revision())
                .isEqualTo(2);
    }

    @Test
    void restart_midDeployment_finishesTheRollWithinBoundsAndWithoutDuplicates() {
        register(256);
        berth.clusters().create("dev").services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(3).build());
        run(45);
        RegisteredTaskDefinition second = register(128);
        web().deploy(second.ref());
        run(3);
        assertThat(web().describe().isStable()).as("the roll is under way").isFalse();

        restart();
        for (int i = 0; i < 120; i++) {
            run(1);
            List<Task> live = web().tasks();
            assertThat(live.size()).as("tasks during the roll (maximumPercent 200)").isLessThanOrEqualTo(6);
            assertThat(live.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count())
                    .as("running tasks during the roll (minimumHealthyPercent 100)").isGreaterThanOrEqualTo(3);
        }

        assertThat(web().describe().isStable()).isTrue();
        assertThat(web().tasks()).hasSize(3).extracting(Task::taskDefinitionArn).containsOnly(second.arn());
        assertThat(started).as("three tasks of each revision, none twice").hasSize(6);
        assertThat(backend.tasks("dev").stream().map(Task::taskId).distinct().count())
                .isEqualTo(backend.tasks("dev").size());
    }

    @Test
    void build_withStoredServices_reconcilesThemWithoutBeingAsked() {
        InMemoryBackend realTime = InMemoryBackend.create(Clock.systemUTC());
        realTime.addInstance("dev", InMemoryBackend.instance("i-a").cpu(4096).memoryMiB(4096));
        Path directory = stateDirectory.resolve("real-time");
        try (Berth first = Berth.builder(realTime).closeBackend(false).stateDirectory(directory).build()) {
            first.taskDefinitions().register(TaskDefinition.builder("web")
                    .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)).build());
            first.clusters().create("dev").services().create(ServiceSpec.builder("web",
                    TaskDefinitionRef.latest("web")).desiredCount(2).build()).awaitSteady(Duration.ofSeconds(30));
        }
        Task killed = realTime.tasks("dev").get(0);
        realTime.stopTask("dev", killed.taskId(), StopCode.USER_INITIATED, "killed while no Berth ran");

        try (Berth second = Berth.builder(realTime).closeBackend(false).stateDirectory(directory).build()) {
            Service web = second.clusters().get("dev").orElseThrow().services().get("web").orElseThrow();

            assertThat(web.awaitSteady(Duration.ofSeconds(30)).runningCount()).isEqualTo(2);
            assertThat(web.tasks()).extracting(Task::taskId).doesNotContain(killed.taskId());
        }
    }

    @Test
    void build_whileAnotherBerthHoldsTheDirectory_isRefused() {
        assertThatThrownBy(() -> Berth.builder(backend).clock(clock).executor(executor).closeBackend(false)
                .stateDirectory(stateDirectory).build())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already in use");

        berth.close();
        berth = open();
        assertThat(berth.clusters().list()).isEmpty();
    }
}
