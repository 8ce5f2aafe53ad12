package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.ConflictException;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.HealthCheck;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.RejectionReason;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.PlacementResult;
import dev.berth.scheduler.TaskPlacement;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.RolloutState;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
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

/** Services on the in-memory backend, driven pass by pass with a controlled clock. */
class ServiceLifecycleTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-26T10:00:00Z"));
    private final InMemoryBackend backend = InMemoryBackend.create(clock);
    private final ManualScheduledExecutor executor = new ManualScheduledExecutor();
    private final AtomicInteger ids = new AtomicInteger();
    private Berth berth;
    private Cluster cluster;

    @BeforeEach
    void setUp() {
        for (String zone : List.of("a", "b", "c")) {
            backend.addInstance("dev", InMemoryBackend.instance("i-" + zone).cpu(4096).memoryMiB(4096)
                    .attribute(InstanceAttributes.AVAILABILITY_ZONE, "eu-west-1" + zone));
        }
        berth = Berth.builder(backend).clock(clock).executor(executor)
                .taskIds(() -> "t" + ids.incrementAndGet()).build();
        cluster = berth.clusters().create("dev");
    }

    @AfterEach
    void tearDown() {
        berth.close();
        executor.shutdownNow();
    }

    private RegisteredTaskDefinition register(int memoryMiB) {
        return berth.taskDefinitions().register(TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(memoryMiB).portMapping(8080))
                .build());
    }

    /** Runs a pass every simulated second, for {@code seconds} seconds. */
    private void run(Service service, int seconds) {
        for (int i = 0; i < seconds; i++) {
            berth.reconcileNow("dev", service.name());
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private static List<String> messages(Service service) {
        return service.events().stream().map(ServiceEvent::message).toList();
    }

    @Test
    void create_reachesSteadyStateSpreadAcrossZones() {
        register(256);
        Service web = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(3).build());

        run(web, 45);

        ServiceDescription described = web.describe();
        assertThat(described.isStable()).isTrue();
        assertThat(described.runningCount()).isEqualTo(3);
        assertThat(web.tasks()).extracting(Task::containerInstanceId).containsExactlyInAnyOrder("i-a", "i-b", "i-c");
        assertThat(messages(web)).contains("service (web) has reached a steady state.");
        assertThat(described.deployments().get(0).deployment().rolloutState()).isEqualTo(RolloutState.COMPLETED);
    }

    @Test
    void deploy_rollsToNewRevisionWithinBounds() {
        register(256);
        Service web = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(3).build());
        run(web, 45);
        RegisteredTaskDefinition second = register(128);

        web.deploy(second.ref());
        int upper = 6;
        int lower = 3;
        for (int i = 0; i < 120; i++) {
            run(web, 1);
            List<Task> live = web.tasks();
            assertThat(live.size()).as("tasks during the roll").isLessThanOrEqualTo(upper);
            long running = live.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
            assertThat(running).as("running tasks during the roll").isGreaterThanOrEqualTo(lower);
        }

        assertThat(web.describe().isStable()).isTrue();
        assertThat(web.tasks()).extracting(Task::taskDefinitionArn).containsOnly(second.arn());
    }

    @Test
    void deploy_whenNewRevisionFailsToStart_tripsBreakerAndRollsBack() {
        RegisteredTaskDefinition first = register(256);
        ServiceSpec spec = ServiceSpec.builder("web", first.ref()).desiredCount(2)
                .deploymentConfiguration(DeploymentConfiguration.replicaDefaults()
                        .withCircuitBreaker(DeploymentCircuitBreaker.enabled(true)))
                .build();
        Service web = cluster.services().create(spec);
        run(web, 45);
        RegisteredTaskDefinition broken = register(128);
        backend.failStarts(request -> request.taskDefinition().arn().equals(broken.arn()));

        web.deploy(broken.ref());
        run(web, 600);

        assertThat(messages(web)).contains(
                "service (web) (deployment ecs-svc/2) deployment failed: tasks failed to start.",
                "service (web) (deployment ecs-svc/2) rolling back to deployment (ecs-svc/1).");
        assertThat(web.describe().isStable()).isTrue();
        assertThat(web.tasks()).extracting(Task::taskDefinitionArn).containsOnly(first.arn());
    }

    @Test
    void create_whenTasksDoNotFit_reportsWhyPerInstance() {
        register(3000);
        Service web = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(4).build());

        run(web, 5);

        assertThat(web.tasks()).hasSize(3);
        assertThat(messages(web)).anySatisfy(m -> assertThat(m)
                .startsWith("service (web) was unable to place a task because no container instance met all of its"
                        + " requirements.")
                .contains("RESOURCE:MEMORY"));
    }

    @Test
    void drain_movesServiceTasksOffTheInstance() {
        register(256);
        Service web = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(3).build());
        run(web, 45);

        cluster.instances().drain("i-a");
        run(web, 120);

        assertThat(web.tasks()).hasSize(3).extracting(Task::containerInstanceId).doesNotContain("i-a");
        assertThat(web.describe().isStable()).isTrue();
    }

    @Test
    void killedTask_isReplaced() {
        register(256);
        Service web = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(2).build());
        run(web, 45);
        Task victim = web.tasks().get(0);

        backend.exitContainer("dev", victim.taskId(), "app", 137);
        run(web, 5);

        assertThat(web.tasks()).hasSize(2).extracting(Task::taskId).doesNotContain(victim.taskId());
    }

    @Test
    void delete_requiresScaleToZeroOrForce_thenRemovesEverything() {
        register(256);
        Service web = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(2).build());
        run(web, 5);

        assertThatThrownBy(() -> web.delete(false)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("scaled above 0");
        web.delete(true);
        run(web, 5);

        assertThat(cluster.services().list()).isEmpty();
        assertThat(cluster.tasks().list()).isEmpty();
        web.awaitDeleted(Duration.ofSeconds(1));
    }

    @Test
    void awaitSteady_whenNotSteady_timesOutShowingState() {
        register(256);
        Service web = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(2).build());

        assertThatThrownBy(() -> web.awaitSteady(Duration.ofMillis(300)))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("steady state")
                .hasMessageContaining("0 of 2 tasks running");
    }

    @Test
    void runTask_placesStandaloneTasksAndReportsWhatDidNotFit() {
        register(3000);

        RunTaskResult result = cluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.latest("web")).count(4).build());

        assertThat(result.tasks()).hasSize(3).extracting(Task::group).containsOnly("family:web");
        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f.unplacedCount()).isEqualTo(1));
        List<String> ids = result.tasks().stream().map(Task::taskId).toList();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cluster.tasks().awaitRunning(ids, Duration.ofSeconds(1))).hasSize(3);
    }

    @Test
    void daemon_runsOneTaskPerEligibleInstanceAndFollowsTheFleet() {
        register(256);
        Service agent = cluster.services().create(ServiceSpec.builder("agent", TaskDefinitionRef.latest("web"))
                .schedulingStrategy(SchedulingStrategy.DAEMON).build());
        run(agent, 45);
        assertThat(agent.tasks()).extracting(Task::containerInstanceId).containsExactlyInAnyOrder("i-a", "i-b", "i-c");
        assertThat(agent.describe().isStable()).isTrue();

        backend.addInstance("dev", InMemoryBackend.instance("i-d").cpu(4096).memoryMiB(4096));
        cluster.instances().drain("i-a");
        run(agent, 45);

        assertThat(agent.tasks()).extracting(Task::containerInstanceId).containsExactlyInAnyOrder("i-b", "i-c", "i-d");
        assertThat(agent.describe().desiredCount()).isEqualTo(3);
        assertThat(agent.describe().isStable()).isTrue();
    }

    @Test
    void daemon_withMemberOf_runsOnlyOnMatchingInstances() {
        register(256);
        Service agent = cluster.services().create(ServiceSpec.builder("agent", TaskDefinitionRef.latest("web"))
                .schedulingStrategy(SchedulingStrategy.DAEMON)
                .placementConstraint(PlacementConstraint.memberOf("attribute:ecs.availability-zone in [eu-west-1a, eu-west-1c]"))
                .build());

        run(agent, 5);

        assertThat(agent.tasks()).extracting(Task::containerInstanceId).containsExactlyInAnyOrder("i-a", "i-c");
    }

    @Test
    void daemon_deploy_replacesTaskPerInstance() {
        register(256);
        Service agent = cluster.services().create(ServiceSpec.builder("agent", TaskDefinitionRef.latest("web"))
                .schedulingStrategy(SchedulingStrategy.DAEMON).build());
        run(agent, 45);
        RegisteredTaskDefinition second = register(128);

        agent.deploy(second.ref());
        run(agent, 90);

        assertThat(agent.tasks()).hasSize(3).extracting(Task::taskDefinitionArn).containsOnly(second.arn());
        assertThat(agent.describe().isStable()).isTrue();
    }

    @Test
    void plan_saysWhereTasksWouldGoWithoutStartingAny() {
        register(3000);
        ServiceSpec spec = ServiceSpec.builder("web", TaskDefinitionRef.latest("web")).desiredCount(4).build();

        PlacementResult plan = cluster.services().plan(spec);

        assertThat(plan.placements()).extracting(TaskPlacement::instanceId).containsExactlyInAnyOrder("i-a", "i-b", "i-c");
        assertThat(plan.failure()).hasValueSatisfying(f ->
                assertThat(f.instancesByReason()).containsEntry(RejectionReason.RESOURCE_MEMORY, 3));
        assertThat(cluster.tasks().list()).isEmpty();
    }

    @Test
    void deploy_withHealthChecks_stopsOldTasksOnlyOnceNewOnesAreHealthy() {
        backend.healthyDelay(Duration.ofSeconds(10));
        RegisteredTaskDefinition first = registerChecked("v1");
        Service web = cluster.services().create(ServiceSpec.builder("web", first.ref()).desiredCount(3).build());
        run(web, 20);
        RegisteredTaskDefinition second = registerChecked("v2");

        web.deploy(second.ref());
        run(web, 5);

        assertThat(web.tasks()).filteredOn(t -> t.taskDefinitionArn().equals(first.arn())).hasSize(3);
        run(web, 20);
        assertThat(web.tasks()).extracting(Task::taskDefinitionArn).containsOnly(second.arn());
    }

    private RegisteredTaskDefinition registerChecked(String page) {
        return berth.taskDefinitions().register(TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(256).command("echo", page)
                        .healthCheck(HealthCheck.shell("true")))
                .build());
    }

    /** The task definition's constraints count once toward the limit of 10, however the task is started. */
    @Test
    void taskDefinitionConstraints_countOnceTowardTheLimitOfTen() {
        TaskDefinition.Builder td = TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(256));
        for (int i = 0; i < 6; i++) {
            td.placementConstraint(PlacementConstraint.memberOf("attribute:ecs.os-type == linux"));
        }
        berth.taskDefinitions().register(td.build());
        ServiceSpec spec = ServiceSpec.builder("web", TaskDefinitionRef.latest("web")).desiredCount(2).build();

        assertThat(cluster.services().plan(spec).placements()).hasSize(2);
        assertThat(cluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.latest("web")).build()).tasks()).hasSize(1);
        Service web = cluster.services().create(spec);
        run(web, 3);
        assertThat(web.tasks()).hasSize(2);
    }
}
