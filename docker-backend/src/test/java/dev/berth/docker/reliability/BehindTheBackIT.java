package dev.berth.docker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.model.Container;
import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.TestImages;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import dev.berth.model.HealthCheck;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Containers killed, paused and removed, and a task's network removed, behind Berth's back on the real engine: each
 * time the service replaces the damaged task and says so in a service event.
 */
@RequiresDockerEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BehindTheBackIT {

    private static final int REPLICAS = 2;

    private final String session = EngineTestBase.newSession("behind");
    private final DockerBackendConfig config = FaultBerths.config(session);
    private DockerClients clients;
    private Berth berth;
    private Service web;
    private RegisteredTaskDefinition revision;
    private int faults;

    @BeforeAll
    void connect() {
        clients = DockerClients.open(config);
    }

    @BeforeEach
    void startTheService() {
        berth = FaultBerths.open(config, null);
        revision = berth.taskDefinitions().register(TaskDefinition.builder("fault-behind")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(2))
                        .healthCheck(HealthCheck.shell("true").withInterval(Duration.ofSeconds(5))
                                .withTimeout(Duration.ofSeconds(2)).withRetries(1))
                        .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"))
                // A second container gives the task a network of its own (single-container tasks use the default
                // bridge), for the network fault.
                .container(c -> c.name("peer").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(2))
                        .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"))
                .build());
        web = berth.clusters().create(session).services().create(ServiceSpec.builder("web", revision.ref())
                .desiredCount(REPLICAS).build());
        FaultBerths.awaitTrue("2 tasks running", Duration.ofMinutes(1),
                () -> FaultBerths.settled(web, revision.arn(), REPLICAS));
    }

    @AfterEach
    void closeTheBerth() {
        berth.close();
        FaultBerths.removeSession(clients, session);
    }

    @AfterAll
    void report() {
        System.out.printf("BehindTheBackIT: %d faults injected behind Berth's back; every one replaced%n", faults);
        clients.close();
    }

    @Test
    void containerKilled_isReplaced() {
        injectAndAwaitReplacement("docker kill", (container, task) ->
                clients.calls().killContainerCmd(container.getId()).exec());
    }

    @Test
    void containerRemoved_isReplaced() {
        injectAndAwaitReplacement("docker rm -f", (container, task) ->
                clients.calls().removeContainerCmd(container.getId()).withForce(true).exec());
    }

    @Test
    void containerPaused_failsItsHealthCheckAndIsReplaced() {
        injectAndAwaitReplacement("docker pause", (container, task) -> pause(container.getId()));
    }

    @Test
    void networkRemovedUnderARunningTask_taskIsReplacedWhenItsContainerDies() {
        injectAndAwaitReplacement("docker network disconnect + rm, then the container dies", (container, task) -> {
            String network = "berth-" + task;
            for (Container member : clients.calls().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.TASK, task)).exec()) {
                clients.calls().disconnectFromNetworkCmd().withNetworkId(network).withContainerId(member.getId())
                        .withForce(true).exec();
            }
            clients.calls().removeNetworkCmd(network).exec();
            clients.calls().killContainerCmd(container.getId()).exec();
        });
    }

    /** Damages one task's health-checked container {@code app} with {@code fault}, then awaits its replacement. */
    private void injectAndAwaitReplacement(String fault, BiConsumer<Container, String> inject) {
        Set<String> before = runningIds();
        String victim = before.iterator().next();
        Container container = clients.calls().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.TASK, victim, Labels.CONTAINER, "app")).exec().get(0);
        Instant injected = Instant.now();
        inject.accept(container, victim);
        faults++;

        FaultBerths.awaitTrue("a replacement of task " + victim + " after " + fault, Duration.ofMinutes(2),
                () -> FaultBerths.settled(web, revision.arn(), REPLICAS) && !runningIds().contains(victim));
        Set<String> after = runningIds();
        Task stopped = web.tasks().stream().filter(t -> t.taskId().equals(victim)).findFirst().orElse(null);
        List<ServiceEvent> events = web.events().stream().filter(e -> !e.createdAt().isBefore(injected)).toList();
        System.out.printf("BehindTheBackIT %s: task %s %s, replaced in %d s; events: %s%n", fault, victim,
                stopped == null ? "forgotten" : "stopped (" + stopped.stoppedReason().orElse("") + ")",
                Duration.between(injected, Instant.now()).toSeconds(),
                events.stream().map(ServiceEvent::message).toList());
        assertThat(after).hasSize(REPLICAS).doesNotContain(victim).containsAll(before.stream()
                .filter(id -> !id.equals(victim)).toList());
        assertThat(events).as("service events after %s", fault)
                .anySatisfy(e -> assertThat(e.kind()).isEqualTo(ServiceEvent.Kind.TASKS_STARTED));
    }

    /**
     * Pauses the container, trying again when the engine's cgroup freezer gives up ("unable to freeze"), as it does
     * on a heavily loaded machine: that is the fault failing to happen, not Berth failing.
     */
    private void pause(String container) {
        for (int attempt = 1; ; attempt++) {
            try {
                clients.calls().pauseContainerCmd(container).exec();
                return;
            } catch (InternalServerErrorException e) {
                if (attempt == 5 || !String.valueOf(e.getMessage()).contains("unable to freeze")) {
                    throw e;
                }
                FaultBerths.sleep(Duration.ofSeconds(1));
            }
        }
    }

    private Set<String> runningIds() {
        return web.tasks().stream().filter(FaultBerths::running).map(Task::taskId).collect(Collectors.toSet());
    }
}
