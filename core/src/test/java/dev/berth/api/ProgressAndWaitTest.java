package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.exception.WaitTimeoutException;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.HealthCheck;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.progress.DeploymentProgress;
import dev.berth.progress.ProgressEvent;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceSpec;
import dev.berth.task.DesiredStatus;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.HealthStatus;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import dev.berth.testing.ManualScheduledExecutor;
import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deployment progress reports and the messages of waiters that time out, on the in-memory backend. */
class ProgressAndWaitTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final MutableClock clock = MutableClock.at(T0);
    private final InMemoryBackend backend = InMemoryBackend.create(clock);
    private final ManualScheduledExecutor executor = new ManualScheduledExecutor();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    private Berth berth;
    private Cluster cluster;

    private void start(boolean throwingListenerFirst) {
        for (String id : List.of("i-a", "i-b", "i-c")) {
            backend.addInstance("dev", InMemoryBackend.instance(id).cpu(4096).memoryMiB(4096));
        }
        Berth.Builder builder = Berth.builder(backend).clock(clock).executor(executor)
                .taskIds(() -> "t" + ids.incrementAndGet()).waiterPollInterval(Duration.ofMillis(20));
        if (throwingListenerFirst) {
            builder.progressListener(event -> {
                events.add(event);
                if (events.size() == 1) {
                    throw new IllegalStateException("a listener that fails must not stop the controller");
                }
            });
        } else {
            builder.progressListener(events::add);
        }
        berth = builder.build();
        cluster = berth.clusters().create("dev");
    }

    @AfterEach
    void tearDown() {
        if (berth != null) {
            berth.close();
        }
        executor.shutdownNow();
    }

    private RegisteredTaskDefinition register(int memoryMiB) {
        return berth.taskDefinitions().register(TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(memoryMiB))
                .build());
    }

    /** Runs a pass every simulated second, for {@code seconds} seconds. */
    private void run(Service service, int seconds) {
        for (int i = 0; i < seconds; i++) {
            berth.reconcileNow("dev", service.name());
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private List<DeploymentProgress> deploymentProgress() {
        return events.stream().filter(DeploymentProgress.class::isInstance).map(DeploymentProgress.class::cast)
                .toList();
    }

    @Test
    void create_reportsProgressInOrder_endingInTheSteadyCompletedState() {
        start(false);
        backend.startDelay(Duration.ofSeconds(3));
        RegisteredTaskDefinition v1 = register(256);
        Service web = cluster.services().create(ServiceSpec.builder("web", v1.ref()).desiredCount(3).build());

        run(web, 60);

        List<DeploymentProgress> reports = deploymentProgress();
        assertThat(reports).isNotEmpty().allSatisfy(p -> {
            assertThat(p.cluster()).isEqualTo("dev");
            assertThat(p.service()).isEqualTo("web");
            assertThat(p.deploymentId()).isEqualTo("ecs-svc/1");
            assertThat(p.taskDefinition()).isEqualTo("web:1");
            assertThat(p.desiredCount()).isEqualTo(3);
        });
        assertThat(reports.get(0).runningCount()).isZero();
        assertThat(reports).extracting(DeploymentProgress::runningCount).isSorted();
        assertThat(reports).extracting(DeploymentProgress::healthyCount).isSorted();
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i)).as("report %d repeats the one before", i).isNotEqualTo(reports.get(i - 1));
        }
        assertThat(reports).anySatisfy(p -> assertThat(p.pendingCount()).isEqualTo(3));
        DeploymentProgress last = reports.get(reports.size() - 1);
        ServiceDescription steady = web.describe();
        assertThat(steady.isStable()).isTrue();
        assertThat(last.rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(last.isSteady()).isTrue();
        assertThat(last.finished()).isTrue();
        assertThat(last.runningCount()).isEqualTo(steady.runningCount());
        assertThat(last.healthyCount()).isEqualTo(steady.desiredCount());
        assertThat(last.summary()).isEqualTo("web: deployment ecs-svc/1 (web:1) - 3/3 running, 3/3 healthy, COMPLETED");
    }

    @Test
    void steadyService_reportsNothingNew() {
        start(false);
        Service web = cluster.services().create(ServiceSpec.builder("web", register(256).ref()).desiredCount(2)
                .build());
        run(web, 60);
        int before = events.size();

        run(web, 30);

        assertThat(events).hasSize(before);
    }

    @Test
    void deploy_reportsTheNewDeploymentReplacingOlderTasks() {
        start(false);
        Service web = cluster.services().create(ServiceSpec.builder("web", register(256).ref()).desiredCount(3)
                .build());
        run(web, 60);
        events.clear();

        web.deploy(register(128).ref());
        run(web, 180);

        List<DeploymentProgress> reports = deploymentProgress();
        assertThat(reports).isNotEmpty().allSatisfy(p -> assertThat(p.deploymentId()).isEqualTo("ecs-svc/2"));
        assertThat(reports.get(0).olderTaskCount()).isEqualTo(3);
        assertThat(reports).extracting(DeploymentProgress::olderTaskCount).isSortedAccordingTo((a, b) -> b - a);
        DeploymentProgress last = reports.get(reports.size() - 1);
        assertThat(last.olderTaskCount()).isZero();
        assertThat(last.rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(last.runningCount()).isEqualTo(web.describe().runningCount()).isEqualTo(3);
    }

    @Test
    void failingListener_doesNotStopTheController() {
        start(true);
        Service web = cluster.services().create(ServiceSpec.builder("web", register(256).ref()).desiredCount(2)
                .build());

        run(web, 60);

        assertThat(web.describe().isStable()).isTrue();
        assertThat(deploymentProgress()).last().extracting(DeploymentProgress::rolloutState)
                .isEqualTo(RolloutState.COMPLETED);
    }

    @Test
    void awaitSteady_timesOutSayingWhatItAwaitedAndWhatItSaw() {
        start(false);
        backend.startDelay(Duration.ofHours(1));
        Service web = cluster.services().create(ServiceSpec.builder("web", register(256).ref()).desiredCount(2)
                .build());
        run(web, 1);

        WaitTimeoutException e = catchThrowableOfType(WaitTimeoutException.class,
                () -> web.awaitSteady(Duration.ofMillis(100)));

        assertThat(e.awaited()).startsWith("service web in cluster dev to reach a steady state");
        assertThat(e.deadline()).contains(clock.instant().plus(Duration.ofMillis(100)));
        assertThat(e.lastObserved()).startsWith("ACTIVE, 0 of 2 tasks running, 2 pending; deployment ecs-svc/1"
                + " (web:1) PRIMARY IN_PROGRESS: 0 running, 2 pending; latest event: ");
        assertThat(e.getMessage()).startsWith("Timed out after PT0.1S (deadline 2026-11-26T10:00:01.100Z, ")
                .contains("waiting for service web in cluster dev to reach a steady state")
                .contains("Last observed: ACTIVE, 0 of 2 tasks running");
    }

    @Test
    void awaitSteady_timeoutOfAServiceWithFailingHealthChecks_quotesTheirLastOutput() {
        start(false);
        backend.healthyDelay(Duration.ofHours(1));
        Service web = cluster.services().create(ServiceSpec.builder("web", berth.taskDefinitions().register(
                TaskDefinition.builder("web").container(c -> c.name("app").image("busybox:stable").memoryMiB(64)
                        .healthCheck(HealthCheck.shell("curl -f http://localhost/"))).build()).ref())
                .desiredCount(2).build());
        run(web, 2);
        String taskId = web.tasks().get(0).taskId();
        Instant checkedAt = clock.instant();
        backend.recordHealthCheck("dev", taskId, "app", 127, "/bin/sh: curl: not found\n");
        backend.setHealth("dev", taskId, "app", HealthStatus.UNHEALTHY);
        backend.startDelay(Duration.ofHours(1));
        backend.stopDelay(Duration.ofHours(1));
        web.scale(3);
        run(web, 1);

        WaitTimeoutException e = catchThrowableOfType(WaitTimeoutException.class,
                () -> web.awaitSteady(Duration.ofMillis(100)));

        // As ECS does while maximumPercent leaves room (3 desired, 200%): the scale-up task and a replacement for
        // the unhealthy task start first, and the unhealthy task keeps running, not signalled, until they are healthy.
        assertThat(web.tasks()).hasSize(4);
        assertThat(web.tasks()).filteredOn(t -> t.lastStatus() == TaskStatus.PENDING).hasSize(2);
        assertThat(cluster.tasks().describe(taskId)).satisfies(t -> {
            assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(t.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        });
        assertThat(e.lastObserved()).contains("; tasks not healthy: task " + taskId + " RUNNING, health UNHEALTHY"
                + " (app UNHEALTHY, last health check exit 127: \"/bin/sh: curl: not found\")");
        assertThat(cluster.tasks().describe(taskId))
                .satisfies(t -> assertThat(t.containers().get(0).healthChecks()).singleElement()
                        .satisfies(run -> {
                            assertThat(run.exitCode()).isEqualTo(127);
                            assertThat(run.startedAt()).isEqualTo(checkedAt);
                        }));
    }

    @Test
    void awaitRunning_timesOutNamingEachTaskAndItsState() {
        start(false);
        register(256);
        backend.startDelay(Duration.ofHours(1));
        List<Task> started = cluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef
                .latest("web")).build()).tasks();
        String id = started.get(0).taskId();

        assertThatThrownBy(() -> cluster.tasks().awaitRunning(List.of(id, "missing"), Duration.ofMillis(100)))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("waiting for tasks [" + id + ", missing] in cluster dev to be RUNNING")
                .hasMessageEndingWith("Last observed: " + id + " PENDING (desired RUNNING), missing not found");
    }

    @Test
    void awaitDeleted_timesOutNamingTheTasksStillStopping() {
        start(false);
        Service web = cluster.services().create(ServiceSpec.builder("web", register(256).ref()).desiredCount(1)
                .build());
        run(web, 5);
        backend.stopDelay(Duration.ofHours(1));
        String id = web.tasks().get(0).taskId();
        web.delete(true);
        run(web, 1);

        assertThatThrownBy(() -> web.awaitDeleted(Duration.ofMillis(100)))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("waiting for service web in cluster dev to be deleted")
                .hasMessageEndingWith("Last observed: DRAINING, tasks not yet stopped: " + id + " STOPPING");
    }
}
