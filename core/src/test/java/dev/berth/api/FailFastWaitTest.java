package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.exception.WaitFailedException;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.HealthCheck;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.ServiceSpec;
import dev.berth.task.HealthStatus;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import dev.berth.testing.ManualScheduledExecutor;
import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waits that give up as soon as their outcome is certain, with the cause first, on the in-memory backend: the test
 * drives the controller pass by pass, then waits with a long timeout that must not be reached.
 */
class FailFastWaitTest {

    private static final Duration LONG = Duration.ofMinutes(5);
    private static final String PULL_FAILURE = "CannotPullContainerError: Docker engine could not pull image"
            + " 127.0.0.1:1/missing:1: dial tcp 127.0.0.1:1: connect: connection refused";

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T10:00:00Z"));
    private final InMemoryBackend backend = InMemoryBackend.create(clock);
    private final ManualScheduledExecutor executor = new ManualScheduledExecutor();
    private final AtomicInteger ids = new AtomicInteger();
    private Berth berth;
    private Cluster cluster;

    @BeforeEach
    void start() {
        backend.addInstance("dev", InMemoryBackend.instance("i-1").cpu(4096).memoryMiB(4096));
        berth = Berth.builder(backend).clock(clock).executor(executor).taskIds(() -> "t" + ids.incrementAndGet())
                .waiterPollInterval(Duration.ofMillis(20)).build();
        cluster = berth.clusters().create("dev");
    }

    @AfterEach
    void stop() {
        berth.close();
        executor.shutdownNow();
    }

    private Service create(TaskDefinition definition, DeploymentCircuitBreaker breaker) {
        berth.taskDefinitions().register(definition);
        return cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest(definition.family()))
                .desiredCount(1).deploymentConfiguration(DeploymentConfiguration.replicaDefaults()
                        .withCircuitBreaker(breaker)).build());
    }

    private static TaskDefinition web() {
        return TaskDefinition.builder("web").container(c -> c.name("app").image("busybox:stable").memoryMiB(64))
                .build();
    }

    /** Runs a pass every simulated second. */
    private void run(Service service, int seconds) {
        for (int i = 0; i < seconds; i++) {
            berth.reconcileNow("dev", service.name());
            clock.advance(Duration.ofSeconds(1));
        }
    }

    /** Lets every running task of the service write a line and crash. */
    private void crashRunningTasks(Service service) {
        for (Task task : service.tasks()) {
            if (task.lastStatus() == TaskStatus.RUNNING) {
                backend.appendLog("dev", task.taskId(), "app", "panic: config file /etc/web.conf not found");
                backend.exitContainer("dev", task.taskId(), "app", 1);
            }
        }
    }

    @Test
    void awaitSteady_imageThatCannotBePulled_givesUpAtTheFirstFailedStart_withTheEnginesErrorFirst() {
        backend.failStarts(request -> true, PULL_FAILURE);
        Service web = create(web(), DeploymentCircuitBreaker.disabled());
        run(web, 2);

        WaitFailedException e = catchThrowableOfType(WaitFailedException.class, () -> web.awaitSteady(LONG));

        assertThat(e.getMessage().lines().findFirst()).contains(PULL_FAILURE);
        assertThat(e.failure()).isEqualTo(PULL_FAILURE);
        assertThat(e.getMessage()).contains("waiting for service web in cluster dev to reach a steady state")
                .contains(": the image of deployment ecs-svc/1 (web:1) cannot be pulled.")
                .contains("Last observed: ACTIVE, 0 of 1 tasks running");
    }

    @Test
    void awaitSteady_crashLoopWithoutBreaker_givesUpAtTheDefaultBreakersCount_withTheLastLogLines() {
        Service web = create(web(), DeploymentCircuitBreaker.disabled());
        for (int crash = 0; crash < 2; crash++) {
            run(web, 2);
            crashRunningTasks(web);
        }
        run(web, 2);
        assertThat(web.awaitSteady(Duration.ofSeconds(5)).runningCount()).as("two failures are not certain yet")
                .isEqualTo(1);
        crashRunningTasks(web);
        run(web, 1);

        WaitFailedException e = catchThrowableOfType(WaitFailedException.class, () -> web.awaitSteady(LONG));

        assertThat(e.failure()).isEqualTo("EssentialContainerExited: Essential container in task exited"
                + " (app exited with code 1)");
        assertThat(e.getMessage()).contains(": 3 tasks of deployment ecs-svc/1 (web:1) failed, as many as a"
                        + " deployment circuit breaker with ECS's default threshold allows (3 for 1 desired)")
                .contains("container app of task t3: STOPPED, exit code 1")
                .contains("  | panic: config file /etc/web.conf not found");
    }

    @Test
    void awaitSteady_crashesAfterTheDeploymentCompleted_areReplaced_notAFailureOfTheWait() {
        Service web = create(web(), DeploymentCircuitBreaker.disabled());
        run(web, 60);
        web.awaitHealthy(Duration.ofSeconds(5));
        for (int crash = 0; crash < 3; crash++) {
            crashRunningTasks(web);
            run(web, 2);
        }

        assertThat(web.awaitSteady(Duration.ofSeconds(5)).runningCount()).isEqualTo(1);
        assertThat(cluster.tasks().list()).filteredOn(FailFast::isFailure).hasSize(3);
    }

    @Test
    void awaitSteady_breakerThatRollsBack_givesUpSayingTheDeploymentWasRolledBack() {
        Service web = create(web(), DeploymentCircuitBreaker.enabled(true));
        run(web, 60);
        web.awaitHealthy(Duration.ofSeconds(5));
        berth.taskDefinitions().register(TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:broken").memoryMiB(64)).build());
        web.deploy(TaskDefinitionRef.latest("web"));
        for (int crash = 0; crash < 3; crash++) {
            run(web, 2);
            crashRunningTasks(web);
        }
        run(web, 2);

        WaitFailedException e = catchThrowableOfType(WaitFailedException.class, () -> web.awaitSteady(LONG));

        assertThat(e).as("the rollback of ecs-svc/2").isNotNull();
        assertThat(e.failure()).isEqualTo("EssentialContainerExited: Essential container in task exited"
                + " (app exited with code 1)");
        assertThat(e.getMessage()).contains(": deployment ecs-svc/2 was rolled back to web:1.");
    }

    @Test
    void awaitHealthy_returnsOnceTheDeploymentCompletedWithEveryTaskHealthy() {
        backend.healthyDelay(Duration.ofSeconds(3));
        Service web = create(TaskDefinition.builder("web").container(c -> c.name("app").image("busybox:stable")
                .memoryMiB(64).healthCheck(HealthCheck.shell("true"))).build(), DeploymentCircuitBreaker.disabled());
        run(web, 1);
        assertThat(catchThrowableOfType(WaitTimeoutException.class, () -> web.awaitHealthy(Duration.ofMillis(50))))
                .isNotNull();
        run(web, 5);

        ServiceDescription done = web.awaitHealthy(Duration.ofSeconds(5));

        assertThat(done.deployments().get(0).deployment().rolloutState().name()).isEqualTo("COMPLETED");
        assertThat(web.tasks()).allSatisfy(t -> assertThat(t.healthStatus()).isEqualTo(HealthStatus.HEALTHY));
    }

    @Test
    void awaitHealthy_healthChecksThatKeepFailing_givesUpQuotingTheCheck() {
        backend.healthyDelay(Duration.ofHours(1));
        Service web = create(TaskDefinition.builder("web").container(c -> c.name("app").image("busybox:stable")
                .memoryMiB(64).healthCheck(HealthCheck.shell("curl -f localhost"))).build(),
                DeploymentCircuitBreaker.disabled());
        for (int round = 0; round < 3; round++) {
            run(web, 2);
            for (Task task : web.tasks()) {
                if (task.lastStatus() == TaskStatus.RUNNING) {
                    backend.recordHealthCheck("dev", task.taskId(), "app", 127, "/bin/sh: curl: not found");
                    backend.setHealth("dev", task.taskId(), "app", HealthStatus.UNHEALTHY);
                }
            }
        }
        run(web, 3);

        WaitFailedException e = catchThrowableOfType(WaitFailedException.class, () -> web.awaitHealthy(LONG));

        assertThat(e.failure()).startsWith("ServiceSchedulerInitiated: Task failed container health checks")
                .endsWith("(app last health check exit 127: \"/bin/sh: curl: not found\")");
        assertThat(e.getMessage()).contains("waiting for service web in cluster dev to complete its deployment");
    }

    @Test
    void awaitRunning_stoppedTask_givesUpAtOnce_withItsCauseFirst() {
        backend.failStarts(request -> true, PULL_FAILURE);
        berth.taskDefinitions().register(web());
        String id = cluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.latest("web")).build()).tasks()
                .get(0).taskId();
        clock.advance(Duration.ofSeconds(1));

        WaitFailedException e = catchThrowableOfType(WaitFailedException.class,
                () -> cluster.tasks().awaitRunning(List.of(id), LONG));

        assertThat(e.getMessage().lines().findFirst()).contains(PULL_FAILURE);
        assertThat(e.getMessage()).contains("waiting for tasks [" + id + "] in cluster dev to be RUNNING: task "
                + id + " stopped.");
    }
}
