package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.api.Tasks;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.Subscription;
import dev.berth.task.DesiredStatus;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's event stream drives Berth: with the idle resync a minute away, a {@code docker kill} behind Berth's
 * back is noticed (and the task replaced) within seconds; and the logs of a real container, tail and follow.
 */
@RequiresDockerEngine
class DockerTaskChangeIT {

    /** Idle services are looked at once a minute only: anything faster comes from the event stream. */
    private static final ReconcilerSettings SLOW_RESYNC = new ReconcilerSettings(Duration.ofSeconds(1),
            Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMinutes(1));
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(2);

    private final String session = "events-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerBackendConfig config;
    private DockerBackend backend;
    private Berth berth;
    private Cluster cluster;

    @BeforeEach
    void setUp() {
        config = DockerBackendConfig.fromEnvironment().toBuilder()
                .pollInterval(Duration.ofMillis(200))
                .label(EngineTestBase.SESSION_LABEL, session)
                .build();
        backend = DockerBackend.create(config);
        berth = Berth.builder(backend).reconcilerSettings(SLOW_RESYNC).waiterPollInterval(Duration.ofMillis(100))
                .build();
        cluster = berth.clusters().create(session);
        berth.taskDefinitions().register(TaskDefinition.builder("ticker")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(2))
                        .command("sh", "-c", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done"))
                .build());
    }

    @AfterEach
    void tearDown() {
        berth.close();
        try (DockerClients clients = DockerClients.open(config)) {
            EngineTestBase.removeAll(clients, Map.of(EngineTestBase.SESSION_LABEL, session));
        }
    }

    @Test
    void dockerKill_withTheResyncAMinuteAway_isNoticedAndReplacedWithinSeconds() {
        Service ticker = cluster.services()
                .create(ServiceSpec.builder("ticker", TaskDefinitionRef.latest("ticker")).desiredCount(1).build());
        ticker.awaitSteady(Duration.ofSeconds(60));
        EngineTestBase.sleep(Duration.ofSeconds(2)); // the service is idle: its next resync is a minute away
        Task victim = running(ticker).get(0);

        Instant killedAt = Instant.now();
        try (DockerClients clients = DockerClients.open(config)) {
            String id = EngineTestBase.containersWith(clients, Map.of(Labels.TASK, victim.taskId())).get(0).getId();
            clients.calls().killContainerCmd(id).exec();
        }
        Instant deadline = killedAt.plus(NOTICED_WITHIN);
        while (replacements(victim).isEmpty() && Instant.now().isBefore(deadline)) {
            EngineTestBase.sleep(Duration.ofMillis(50));
        }

        System.out.printf("docker kill noticed and a replacement started after %d ms (idle resync 60 s)%n",
                Duration.between(killedAt, Instant.now()).toMillis());
        assertThat(replacements(victim)).as("tasks started after the kill, within %s", NOTICED_WITHIN)
                .isNotEmpty();
    }

    @Test
    void onTaskChange_signalsTheClusterOfAKilledContainer_andStopsOnClose() {
        List<String> signalled = new CopyOnWriteArrayList<>();
        Subscription changes = backend.onTaskChange(signalled::add);
        Service ticker = cluster.services()
                .create(ServiceSpec.builder("ticker", TaskDefinitionRef.latest("ticker")).desiredCount(1).build());
        ticker.awaitSteady(Duration.ofSeconds(60));

        assertThat(signalled).contains(session);
        changes.close();
        int afterClose = signalled.size();
        ticker.scale(0);
        ticker.awaitSteady(Duration.ofSeconds(60));
        assertThat(signalled).hasSize(afterClose);
    }

    @Test
    void logs_tailAndFollow_aRunningContainer() {
        Tasks tasks = cluster.tasks();
        Task task = tasks.run(RunTaskRequest.builder(TaskDefinitionRef.latest("ticker")).build()).tasks().get(0);
        tasks.awaitRunning(List.of(task.taskId()), Duration.ofSeconds(60));
        List<String> followed = new CopyOnWriteArrayList<>();

        Subscription follow = tasks.followLogs(task.taskId(), "app", followed::add);
        Instant deadline = Instant.now().plusSeconds(10);
        while (followed.size() < 2 && Instant.now().isBefore(deadline)) {
            EngineTestBase.sleep(Duration.ofMillis(100));
        }
        follow.close();
        List<String> tail = tasks.logs(task.taskId(), "app", 3);

        assertThat(followed).hasSizeGreaterThanOrEqualTo(2).allMatch(l -> l.matches("tick \\d+"));
        assertThat(tail).hasSize(3).allMatch(l -> l.matches("tick \\d+"));
        tasks.stop(task.taskId(), "done");
    }

    private static List<Task> running(Service service) {
        return service.tasks().stream()
                .filter(t -> t.lastStatus() == TaskStatus.RUNNING && t.desiredStatus() == DesiredStatus.RUNNING)
                .toList();
    }

    private List<Task> replacements(Task victim) {
        return backend.tasks(session).stream()
                .filter(t -> t.createdAt().isAfter(victim.createdAt()) && !t.taskId().equals(victim.taskId()))
                .toList();
    }
}
