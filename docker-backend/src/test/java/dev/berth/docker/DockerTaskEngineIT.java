package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.internal.ContainerObservation;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.DockerTaskEngine;
import dev.berth.docker.internal.EngineTask;
import dev.berth.docker.internal.Labels;
import dev.berth.docker.internal.TaskObservation;
import dev.berth.docker.internal.TaskStates;
import dev.berth.model.DependencyCondition;
import dev.berth.model.HealthCheck;
import dev.berth.model.TaskDefinition;
import dev.berth.spi.Subscription;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import dev.berth.task.TaskStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Tasks as real containers on the real engine: ports, dependencies, exits, stops, labels, logs, secrets. */
class DockerTaskEngineIT extends EngineTestBase {

    private static final String HTTPD = "mkdir -p /www && echo hello-berth > /www/index.html"
            + " && exec httpd -f -p 8080 -h /www";
    private static final HealthCheck HTTP_HEALTH = HealthCheck.shell("wget -q -O /dev/null http://localhost:8080/")
            .withInterval(Duration.ofSeconds(5)).withTimeout(Duration.ofSeconds(2)).withRetries(2);

    @Override
    protected DockerBackendConfig configure(DockerBackendConfig discovered) {
        return super.configure(discovered).toBuilder()
                .secretResolver(key -> key.equals("db/password") ? "s3cr3t" : SecretResolver.none().resolve(key))
                .build();
    }

    @Test
    void start_httpdWithDynamicPort_isReachableOverHttpAtTheReportedPort() throws Exception {
        TaskDefinition web = TaskDefinition.builder("web")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(32)
                        .command("sh", "-c", HTTPD).portMapping(8080))
                .build();

        TaskObservation task = engine.start(request(web));

        assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        int port = task.hostPort("app", 8080).orElseThrow();
        assertThat(port).isPositive();
        HttpResponse<String> response = httpGetWithRetry(URI.create("http://" + config.endpointHost() + ":" + port
                + "/"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello-berth\n");
    }

    @Test
    void start_dependsOnHealthy_startsTheClientOnlyOnceTheServerIsHealthy_andLinksResolve() {
        TaskDefinition td = TaskDefinition.builder("healthy-pair")
                .container(c -> c.name("server").image(TestImages.BUSYBOX).memoryMiB(32)
                        .command("sh", "-c", HTTPD).healthCheck(HTTP_HEALTH).startTimeout(Duration.ofSeconds(60)))
                .container(c -> c.name("client").image(TestImages.BUSYBOX).memoryMiB(32)
                        .link("server:backend")
                        .dependsOn("server", DependencyCondition.HEALTHY)
                        .command("sh", "-c", "wget -q -O - http://backend:8080/ && wget -q -O - http://server:8080/"
                                + " && exec sleep 300"))
                .build();

        TaskObservation task = engine.start(request(td));

        assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        ContainerObservation server = task.container("server").orElseThrow();
        ContainerObservation client = task.container("client").orElseThrow();
        assertThat(server.health()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(client.startedAt().orElseThrow()).isAfter(server.startedAt().orElseThrow().plusSeconds(4));
        await(task.taskId(), Duration.ofSeconds(10),
                t -> engine.logs(t.taskId(), "client", 10).size() == 2);
        assertThat(engine.logs(task.taskId(), "client", 10)).containsExactly("hello-berth", "hello-berth");
        assertThat(task.health()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void start_initContainerWithSuccess_runsToCompletionBeforeTheApp() {
        TaskDefinition td = TaskDefinition.builder("with-init")
                .container(c -> c.name("init").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .command("sh", "-c", "sleep 1; echo init-done"))
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .dependsOn("init", DependencyCondition.SUCCESS)
                        .command("sh", "-c", "echo app-started; exec sleep 300"))
                .build();

        TaskObservation task = engine.start(request(td));

        assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(task.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        ContainerObservation init = task.container("init").orElseThrow();
        assertThat(init.status()).isEqualTo(TaskStatus.STOPPED);
        assertThat(init.exitCode()).hasValue(0);
        assertThat(engine.logs(task.taskId(), "init", 5)).containsExactly("init-done");
    }

    @Test
    void start_initContainerFailing_neverStartsTheDependent_andStopsWithTaskFailedToStart() {
        TaskDefinition td = TaskDefinition.builder("failing-init")
                .container(c -> c.name("init").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .command("sh", "-c", "echo init failing; exit 7"))
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .dependsOn("init", DependencyCondition.SUCCESS).command("sleep", "300"))
                .build();

        TaskObservation task = engine.start(request(td));

        assertThat(task.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(task.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
        assertThat(task.stoppedReason().orElseThrow())
                .contains("'app' was not started", "'init' exited with code 7");
        assertThat(task.container("app").orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
        // The init container ran: it stays, stopped, with its output and the stop's record, until removed; the app
        // never started and is gone.
        TaskObservation kept = engine.observe(task.taskId()).orElseThrow();
        assertThat(kept.containers()).extracting(ContainerObservation::name).containsExactly("init");
        assertThat(kept.container("init").orElseThrow().exitCode()).hasValue(7);
        assertThat(engine.logs(task.taskId(), "init", 5)).containsExactly("init failing");
        assertThat(engine.recordedStop(task.taskId()).orElseThrow().code()).isEqualTo(StopCode.TASK_FAILED_TO_START);
        engine.remove(task.taskId());
        assertThat(engine.observe(task.taskId())).isEmpty();
        assertThat(engine.recordedStop(task.taskId())).isEmpty();
    }

    @Test
    void start_dependencyNeverHealthy_givesUpAfterItsStartTimeout() {
        TaskDefinition td = TaskDefinition.builder("never-healthy")
                .container(c -> c.name("db").image(TestImages.BUSYBOX).memoryMiB(16)
                        .command("sleep", "300").startTimeout(Duration.ofSeconds(3))
                        .stopTimeout(Duration.ofSeconds(1))
                        .healthCheck(HealthCheck.shell("exit 1").withInterval(Duration.ofSeconds(5))))
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .dependsOn("db", DependencyCondition.HEALTHY).command("sleep", "300"))
                .build();
        Instant before = Instant.now();

        TaskObservation task = engine.start(request(td));

        // 3 s of startTimeout, then 1 s of stopTimeout for the shell that ignores SIGTERM as PID 1
        assertThat(Duration.between(before, Instant.now())).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(15));
        assertThat(task.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
        assertThat(task.stoppedReason().orElseThrow()).contains("'db' did not reach HEALTHY within its startTimeout");
        assertThat(task.container("app").orElseThrow().startedAt()).isEmpty();
        assertThat(engine.observe(task.taskId()).orElseThrow().containers())
                .extracting(ContainerObservation::name).containsExactly("db");
    }

    @Test
    void observe_healthCheckWhoseCommandIsMissing_reportsTheEnginesOutputAndExitCode() {
        // busybox has no curl: the shell answers 127 and says so, as a check in an image without its tool does
        TaskDefinition td = TaskDefinition.builder("no-curl")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300")
                        .healthCheck(HealthCheck.shell("curl -sf http://localhost:8080/")
                                .withInterval(Duration.ofSeconds(5)).withTimeout(Duration.ofSeconds(2))
                                .withRetries(1)))
                .build();
        TaskObservation task = engine.start(request(td));

        TaskObservation unhealthy = await(task.taskId(), Duration.ofSeconds(30),
                t -> t.container("app").orElseThrow().health() == HealthStatus.UNHEALTHY
                        && !t.container("app").orElseThrow().healthChecks().isEmpty());

        var run = unhealthy.container("app").orElseThrow().healthChecks().get(0);
        assertThat(run.exitCode()).isEqualTo(127);
        assertThat(run.output()).contains("curl: not found");
        assertThat(run.startedAt()).isAfter(Instant.now().minusSeconds(60));
        assertThat(unhealthy.container("app").orElseThrow().toState().healthSummary())
                .startsWith("UNHEALTHY, last health check exit 127: ").contains("curl: not found");
    }

    @Test
    void observe_essentialContainerExits_reportsItsExitCodeAndEssentialContainerExited() {
        TaskDefinition td = TaskDefinition.builder("short-lived")
                .container(c -> c.name("worker").image(TestImages.BUSYBOX).memoryMiB(16)
                        .command("sh", "-c", "sleep 2; exit 3"))
                .container(c -> c.name("sidecar").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"))
                .build();
        TaskObservation started = engine.start(request(td));
        assertThat(started.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);

        TaskObservation exited = await(started.taskId(), Duration.ofSeconds(15),
                t -> t.desiredStatus() == DesiredStatus.STOPPED);

        assertThat(exited.stopCode()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(exited.stoppedReason()).contains("Essential container in task exited");
        assertThat(exited.container("worker").orElseThrow().exitCode()).hasValue(3);
        assertThat(exited.container("sidecar").orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);

        TaskObservation stopped = engine.stop(started.taskId(), StopCode.ESSENTIAL_CONTAINER_EXITED,
                TaskStates.ESSENTIAL_EXITED_REASON).orElseThrow();
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(engine.recordedStop(started.taskId())).hasValueSatisfying(
                r -> assertThat(r.code()).isEqualTo(StopCode.ESSENTIAL_CONTAINER_EXITED));
        assertThat(stopped.container("worker").orElseThrow().exitCode()).hasValue(3);
        assertThat(stopped.container("sidecar").orElseThrow().exitCode()).hasValue(0);
    }

    @Test
    void stop_recordsTheFirstStopOnly_alsoWhenAnotherEngineHandleStopsTheTaskAgain() {
        TaskDefinition td = TaskDefinition.builder("stopped-twice")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"))
                .build();
        TaskObservation task = engine.start(request(td));
        engine.stop(task.taskId(), StopCode.SERVICE_SCHEDULER_INITIATED, "Scaling activity initiated by deployment");

        try (DockerTaskEngine other = DockerTaskEngine.connect(config)) {
            other.stop(task.taskId(), StopCode.USER_INITIATED, "Stopped by the test");

            assertThat(other.recordedStop(task.taskId())).hasValueSatisfying(r -> {
                assertThat(r.code()).isEqualTo(StopCode.SERVICE_SCHEDULER_INITIATED);
                assertThat(r.reason()).isEqualTo("Scaling activity initiated by deployment");
            });
            other.remove(task.taskId());
            assertThat(other.recordedStop(task.taskId())).isEmpty();
        }
    }

    @Test
    void stop_containerIgnoringSigterm_isKilledAfterItsStopTimeout_whileAGracefulOneExitsAtOnce() {
        TaskDefinition td = TaskDefinition.builder("stubborn")
                .container(c -> c.name("stubborn").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(3))
                        .command("sh", "-c", "trap '' TERM; while true; do sleep 1; done"))
                .container(c -> c.name("polite").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(20))
                        .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"))
                .build();
        TaskObservation task = engine.start(request(td));
        Instant before = Instant.now();

        TaskObservation stopped = engine.stop(task.taskId(), StopCode.USER_INITIATED, "Stopped by the test")
                .orElseThrow();

        Duration took = Duration.between(before, Instant.now());
        assertThat(took).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.container("stubborn").orElseThrow().exitCode()).hasValue(137);
        assertThat(stopped.container("polite").orElseThrow().exitCode()).hasValue(0);
        assertThat(engine.observe(task.taskId())).as("stopped containers stay until removed").isPresent();

        engine.remove(task.taskId());

        assertThat(engine.observe(task.taskId())).isEmpty();
    }

    @Test
    void start_putsLabelsOnContainersAndNetwork_andListFindsTheTaskByLabels() {
        // Two containers: a bridge task of one container has no network of its own.
        TaskDefinition td = TaskDefinition.builder("labelled")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300")
                        .dockerLabel("team", "berth"))
                .container(c -> c.name("sidecar").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .command("sleep", "300"))
                .build();
        EngineTask request = new EngineTask(request(td).taskId(), cluster, td, "labelled:1", "service:web",
                "ecs-svc/123", Instant.parse("2026-01-02T03:04:05.123456789Z"), List.of(),
                Map.of(SESSION_LABEL, session));

        TaskObservation task = engine.start(request);

        try (DockerClients clients = DockerClients.open(config)) {
            var container = containersWith(clients, Map.of(Labels.TASK, task.taskId(), Labels.CONTAINER, "app"))
                    .get(0);
            assertThat(container.getLabels()).contains(
                    Map.entry(Labels.CLUSTER, cluster), Map.entry(Labels.TASK, task.taskId()),
                    Map.entry(Labels.TASK_DEFINITION, "labelled:1"), Map.entry(Labels.CONTAINER, "app"),
                    Map.entry(Labels.SERVICE, "web"), Map.entry(Labels.DEPLOYMENT, "ecs-svc/123"),
                    Map.entry(Labels.GROUP, "service:web"), Map.entry(Labels.STARTED_BY, "ecs-svc/123"),
                    Map.entry("team", "berth"));
            var network = networksWith(clients, Labels.filter(Labels.TASK, task.taskId())).get(0);
            assertThat(network.getLabels()).contains(Map.entry(Labels.CLUSTER, cluster),
                    Map.entry(Labels.SERVICE, "web"));
        }
        assertThat(engine.list(cluster)).extracting(TaskObservation::taskId).contains(task.taskId());
        TaskObservation listed = engine.list(cluster).stream().filter(t -> t.taskId().equals(task.taskId()))
                .findFirst().orElseThrow();
        assertThat(listed.group()).isEqualTo("service:web");
        assertThat(listed.startedBy()).isEqualTo("ecs-svc/123");
        assertThat(listed.createdAt()).isEqualTo(request.createdAt());
        assertThat(listed.taskDefinitionArn()).isEqualTo("labelled:1");
        TaskObservation again = engine.start(request);
        assertThat(again.taskId()).isEqualTo(task.taskId());
        assertThat(engine.list(cluster)).filteredOn(t -> t.taskId().equals(task.taskId())).singleElement()
                .satisfies(t -> assertThat(t.containers()).hasSize(2));
    }

    @Test
    void start_runsASingleContainerBridgeTaskOnTheDefaultBridge_withoutANetworkOfItsOwn() {
        TaskDefinition td = TaskDefinition.builder("single")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300"))
                .build();

        TaskObservation task = engine.start(request(td));

        try (DockerClients clients = DockerClients.open(config)) {
            var container = containersWith(clients, Map.of(Labels.TASK, task.taskId())).get(0);
            assertThat(container.getHostConfig().getNetworkMode()).isEqualTo("bridge");
            assertThat(networksWith(clients, Labels.filter(Labels.TASK, task.taskId()))).isEmpty();
            engine.stop(task.taskId(), StopCode.USER_INITIATED, "Stopped by the test");
            engine.remove(task.taskId());
            assertThat(containersWith(clients, Map.of(Labels.TASK, task.taskId()))).isEmpty();
        }
    }

    @Test
    void list_quietCluster_costsOneListAndNoInspection_aStateChangeOneInspection() {
        TaskDefinition td = TaskDefinition.builder("quiet")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300"))
                .container(c -> c.name("side").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .command("sleep", "300"))
                .build();
        TaskObservation task = engine.start(request(td));
        engine.list(cluster);
        long before = engine.inspections();

        for (int i = 0; i < 5; i++) {
            assertThat(engine.list(cluster)).extracting(TaskObservation::taskId).contains(task.taskId());
        }
        long quiet = engine.inspections() - before;
        try (DockerClients clients = DockerClients.open(config)) {
            clients.calls().killContainerCmd(task.container("side").orElseThrow().containerId()).exec();
        }
        await(task.taskId(), Duration.ofSeconds(10),
                t -> t.container("side").orElseThrow().status() == TaskStatus.STOPPED);
        long afterChange = engine.inspections() - before - quiet;

        System.out.printf("Observation of a 2-container task: %d inspections in 5 quiet lists, %d after one"
                + " container exited%n", quiet, afterChange);
        assertThat(quiet).isZero();
        assertThat(afterChange).isEqualTo(1);
    }

    @Test
    void list_whileTasksStart_inspectsNoContainer_theStartsInspectThemThemselves() throws Exception {
        TaskDefinition td = TaskDefinition.builder("burst")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300"))
                .build();
        Subscription events = engine.watchChanges(changedCluster -> { });
        long before = engine.inspections();
        AtomicBoolean starting = new AtomicBoolean(true);
        Thread lister = new Thread(() -> {
            while (starting.get()) {
                engine.list(cluster);
                sleep(Duration.ofMillis(20));
            }
        });
        lister.start();
        try {
            List<CompletableFuture<TaskObservation>> starts = IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> engine.start(request(td)))).toList();
            for (CompletableFuture<TaskObservation> start : starts) {
                assertThat(start.get(60, TimeUnit.SECONDS).lastStatus()).isEqualTo(TaskStatus.RUNNING);
            }
            sleep(Duration.ofSeconds(1)); // the starts' events arrive meanwhile
        } finally {
            starting.set(false);
            lister.join(10_000);
            events.close();
        }

        assertThat(engine.list(cluster)).filteredOn(t -> t.lastStatus() == TaskStatus.RUNNING).hasSize(4);
        assertThat(engine.inspections() - before).isZero();
    }

    @Test
    void list_unchangedTask_isTheObservationOfTheListBefore_aChangedOneANewOne() {
        TaskDefinition td = TaskDefinition.builder("steady")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300"))
                .build();
        TaskObservation task = engine.start(request(td));
        TaskObservation first = listed(task.taskId());

        assertThat(listed(task.taskId())).isSameAs(first);
        engine.stop(task.taskId(), StopCode.USER_INITIATED, "Stopped by the test");
        assertThat(listed(task.taskId())).isNotSameAs(first)
                .satisfies(t -> assertThat(t.lastStatus()).isEqualTo(TaskStatus.STOPPED));
    }

    private TaskObservation listed(String taskId) {
        return engine.list(cluster).stream().filter(t -> t.taskId().equals(taskId)).findFirst().orElseThrow();
    }

    @Test
    void logs_tail_returnsTheLastLinesOfStdoutAndStderr() {
        // stdout and stderr are separate pipes: the engine orders lines across them by when it read them, so the
        // stderr line goes out a second before the others
        TaskDefinition td = TaskDefinition.builder("chatty")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .command("sh", "-c", "echo oops >&2; sleep 1; for i in 1 2 3 4 5; do echo line-$i; done;"
                                + " exec sleep 300"))
                .build();
        TaskObservation task = engine.start(request(td));

        await(task.taskId(), Duration.ofSeconds(10), t -> engine.logs(t.taskId(), "app", 3).contains("line-5"));

        assertThat(engine.logs(task.taskId(), "app", 3)).containsExactly("line-3", "line-4", "line-5");
        assertThat(engine.logs(task.taskId(), "app", 100))
                .containsExactly("oops", "line-1", "line-2", "line-3", "line-4", "line-5");
    }

    @Test
    void start_secretAndEnvironment_reachTheContainer() {
        TaskDefinition td = TaskDefinition.builder("with-secret")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .environment("GREETING", "hi").secret("DB_PASSWORD", "db/password")
                        .workingDirectory("/tmp").user("1000:1000")
                        .command("sh", "-c", "echo $GREETING $DB_PASSWORD $(pwd) $(id -u); exec sleep 300"))
                .build();
        TaskObservation task = engine.start(request(td));

        await(task.taskId(), Duration.ofSeconds(10), t -> !engine.logs(t.taskId(), "app", 1).isEmpty());

        assertThat(engine.logs(task.taskId(), "app", 1)).containsExactly("hi s3cr3t /tmp 1000");
        assertThat(task.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void start_unknownSecret_failsToStartWithoutCreatingAnything() {
        TaskDefinition td = TaskDefinition.builder("bad-secret")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .secret("TOKEN", "no/such/secret").command("sleep", "300"))
                .build();

        TaskObservation task = engine.start(request(td));

        assertThat(task.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
        assertThat(task.stoppedReason().orElseThrow()).startsWith("ResourceInitializationError")
                .contains("no/such/secret");
        assertThat(engine.observe(task.taskId())).isEmpty();
    }

    @Test
    void describe_reportsTheEngineAsAContainerInstance() {
        EngineInstance instance = engine.describe();

        assertThat(instance.cpuUnits()).isEqualTo(Runtime.getRuntime().availableProcessors() * 1024);
        assertThat(instance.memoryMiB()).isPositive();
        assertThat(instance.osType()).isEqualTo("linux");
        assertThat(instance.cpuArchitecture()).isIn("x86_64", "arm64");
        assertThat(instance.engineVersion()).isNotBlank();
        assertThat(instance.apiVersion()).matches("1\\.\\d+");
    }

    private static HttpResponse<String> httpGetWithRetry(URI uri) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest get = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        Exception last = null;
        for (int attempt = 0; attempt < 25; attempt++) {
            try {
                return http.send(get, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                last = e;
                sleep(Duration.ofMillis(200));
            }
        }
        throw last;
    }
}
