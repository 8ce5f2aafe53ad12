package dev.berth.docker;

import static dev.berth.docker.WebTasks.completed;
import static dev.berth.docker.WebTasks.definition;
import static dev.berth.docker.WebTasks.port;
import static dev.berth.docker.WebTasks.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import dev.berth.model.HealthCheck;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Berth's services on the real engine through {@link DockerBackend}: Berth's own executor, the real clock, short
 * reconciler timings. Busybox httpd tasks with a 2 s stopTimeout; each test removes what it left by its labels.
 */
class DockerServiceIT extends ServiceTestBase {

    private DockerBackend backend;
    private Berth berth;
    private Cluster cluster;

    @BeforeEach
    void setUp() {
        backend = DockerBackend.create(config);
        berth = newBerth(backend);
        cluster = berth.clusters().create(session);
    }

    @Test
    void service_threeReplicas_reachesSteadyState_andEveryTaskAnswersOnItsDynamicPort() throws Exception {
        Service web = cluster.services().create(ServiceSpec.builder("web", register(definition("v1"))).desiredCount(3)
                .build());

        assertThat(web.awaitSteady(STEADY).runningCount()).isEqualTo(3);

        List<Task> tasks = running(web);
        assertThat(tasks).hasSize(3);
        assertThat(tasks).extracting(WebTasks::port).doesNotHaveDuplicates();
        for (Task task : tasks) {
            assertThat(task.group()).isEqualTo("service:web");
            assertThat(get(port(task))).as("task %s on port %s", task.taskId(), port(task)).contains("v1");
        }
    }

    @Test
    void deploy_newRevision_staysWithinBounds_whileAClientPollsTheTasks() {
        DeploymentConfiguration bounds = new DeploymentConfiguration(50, 150,
                DeploymentConfiguration.replicaDefaults().circuitBreaker());
        Service web = cluster.services().create(ServiceSpec.builder("web", register(definition("v1"))).desiredCount(3)
                .deploymentConfiguration(bounds).build());
        awaitCompleted(web);
        RegisteredTaskDefinition v2 = berth.taskDefinitions().register(definition("v2"));

        try (RollWatch watch = new RollWatch(web::tasks, config.endpointHost(), 2, 4)) {
            web.deploy(v2.ref());
            awaitTrue("every running task serves v2", () -> {
                List<Task> tasks = running(web);
                return tasks.size() == 3 && tasks.stream().allMatch(t -> t.taskDefinitionArn().equals(v2.arn()))
                        && completed(web);
            });
            System.out.println("Rolling update 3 tasks v1 -> v2 (min 50 %, max 150 %) " + watch.stop());
            assertThat(watch.violations()).as("moments outside 2..4 tasks").isEmpty();
            assertThat(watch.requests()).isPositive();
        }
        for (Task task : running(web)) {
            assertThat(get(port(task))).contains("v2");
        }
    }

    @Test
    void dockerKill_ofATaskContainerBehindBerthsBack_isReplaced() {
        Service web = cluster.services().create(ServiceSpec.builder("web", register(definition("v1"))).desiredCount(2)
                .build());
        web.awaitSteady(STEADY);
        Task victim = running(web).get(0);

        try (DockerClients clients = DockerClients.open(config)) {
            String containerId = EngineTestBase.containersWith(clients, Map.of(Labels.TASK, victim.taskId())).get(0)
                    .getId();
            clients.calls().killContainerCmd(containerId).exec();
        }

        awaitTrue("a replacement of the killed task running", () -> {
            List<Task> tasks = running(web);
            return tasks.size() == 2 && tasks.stream().noneMatch(t -> t.taskId().equals(victim.taskId()));
        });
        assertThat(backend.tasks(session)).filteredOn(t -> t.taskId().equals(victim.taskId())).singleElement()
                .satisfies(t -> {
                    assertThat(t.lastStatus()).isEqualTo(TaskStatus.STOPPED);
                    assertThat(t.stopCode()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED);
                    assertThat(t.containers().get(0).exitCode()).hasValue(137);
                });
    }

    @Test
    void healthCheck_failingAfterAMarker_getsTheTaskReplaced() {
        RegisteredTaskDefinition sickly = berth.taskDefinitions().register(TaskDefinition.builder("sickly")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(2))
                        .command("sh", "-c", "sleep 7; touch /sick; exec sleep 300")
                        .healthCheck(HealthCheck.shell("test ! -f /sick").withInterval(Duration.ofSeconds(5))
                                .withRetries(1)))
                .build());
        Service svc = cluster.services().create(ServiceSpec.builder("sickly", sickly.ref()).desiredCount(1).build());
        AtomicReference<Task> first = new AtomicReference<>();
        awaitTrue("the first task HEALTHY", () -> {
            running(svc).stream().filter(t -> t.healthStatus() == HealthStatus.HEALTHY).findFirst()
                    .ifPresent(first::set);
            return first.get() != null;
        });

        awaitTrue("the unhealthy task stopped by the scheduler and a new task started", () -> {
            List<Task> tasks = backend.tasks(session); // a service lists only its live tasks
            boolean stopped = tasks.stream().anyMatch(t -> t.taskId().equals(first.get().taskId())
                    && t.desiredStatus() == DesiredStatus.STOPPED
                    && t.stopCode().equals(Optional.of(StopCode.SERVICE_SCHEDULER_INITIATED)));
            boolean replaced = tasks.stream().anyMatch(t -> !t.taskId().equals(first.get().taskId()) && t.isLive());
            return stopped && replaced;
        });
        assertThat(backend.tasks(session)).filteredOn(t -> t.taskId().equals(first.get().taskId())).singleElement()
                .satisfies(t -> assertThat(t.stoppedReason()).hasValueSatisfying(r ->
                        assertThat(r).contains("health checks")));
    }

    @Test
    void staticHostPort_usedTwiceOnTheEngine_isRefusedByTheScheduler_withResourcePorts() throws Exception {
        int hostPort = freePort();
        RegisteredTaskDefinition fixed = berth.taskDefinitions().register(TaskDefinition.builder("fixed")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(2))
                        .command("httpd", "-f", "-p", "8080").portMapping(8080, hostPort))
                .build());
        Service svc = cluster.services().create(ServiceSpec.builder("fixed", fixed.ref()).desiredCount(2).build());

        awaitTrue("a placement failure event naming RESOURCE:PORTS", () -> svc.events().stream()
                .map(ServiceEvent::message).anyMatch(m -> m.contains("RESOURCE:PORTS")));

        awaitTrue("one task running on the static port", () -> running(svc).size() == 1);
        EngineTestBase.sleep(Duration.ofSeconds(2));
        assertThat(svc.tasks()).filteredOn(Task::isLive).singleElement().satisfies(t ->
                assertThat(port(t)).isEqualTo(hostPort));
        assertThat(svc.tasks()).as("no task ever failed on a port clash").noneMatch(Task::failedToStart);
    }

    @Test
    void newBerth_onTheSameEngine_readoptsTheRunningTasks_andStartsNothingTwice() {
        ServiceSpec spec = ServiceSpec.builder("web", register(definition("v1"))).desiredCount(2).build();
        Service web = cluster.services().create(spec);
        web.awaitSteady(STEADY);
        List<Task> before = running(web);
        Set<String> ids = before.stream().map(Task::taskId).collect(Collectors.toSet());
        close(berth); // closes its backend; the containers keep running

        // SPI level: a new backend lists what the first one started, as it was
        DockerBackend secondBackend = DockerBackend.create(config);
        Map<String, Task> listed = secondBackend.tasks(session).stream()
                .collect(Collectors.toMap(Task::taskId, t -> t));
        assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        for (Task t : before) {
            Task again = listed.get(t.taskId());
            assertThat(again.lastStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(again.createdAt()).isEqualTo(t.createdAt());
            assertThat(again.startedAt()).isEqualTo(t.startedAt());
            assertThat(again.group()).isEqualTo(t.group());
            assertThat(again.startedBy()).isEqualTo(t.startedBy());
            assertThat(again.taskDefinitionArn()).isEqualTo(t.taskDefinitionArn());
        }

        // Service level: the same service in a new Berth adopts them instead of starting more
        Berth second = newBerth(secondBackend);
        second.taskDefinitions().register(definition("v1"));
        Service again = second.clusters().create(session).services().create(spec);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Instant until = Instant.now().plusSeconds(8);
        while (Instant.now().isBefore(until)) {
            again.tasks().forEach(t -> seen.add(t.taskId()));
            EngineTestBase.sleep(Duration.ofMillis(200));
        }
        assertThat(again.awaitSteady(STEADY).runningCount()).isEqualTo(2);
        again.tasks().forEach(t -> seen.add(t.taskId()));
        assertThat(seen).as("tasks seen after the restart").containsExactlyInAnyOrderElementsOf(ids);
    }

    private Berth newBerth(DockerBackend backend) {
        return open(berth(backend));
    }

    private TaskDefinitionRef register(TaskDefinition definition) {
        return berth.taskDefinitions().register(definition).ref();
    }

    /** Waits until the service's only deployment is COMPLETED: its tasks are healthy, not only running. */
    private static void awaitCompleted(Service service) {
        awaitTrue("deployment completed", () -> completed(service));
    }

    private Optional<String> get(int port) {
        return WebTasks.get(config.endpointHost(), port);
    }

    private static void awaitTrue(String description, BooleanSupplier condition) {
        WebTasks.awaitTrue(description, STEADY, condition);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
