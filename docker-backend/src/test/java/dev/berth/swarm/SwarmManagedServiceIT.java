package dev.berth.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.DeploymentView;
import dev.berth.api.Service;
import dev.berth.api.ServiceDescription;
import dev.berth.docker.TestImages;
import dev.berth.exception.InvalidSpecException;
import dev.berth.model.HealthCheck;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.InstanceStatus;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Resource;
import dev.berth.model.TaskDefinition;
import dev.berth.scheduler.InstanceState;
import dev.berth.service.CircuitBreakerThreshold;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.RolloutState;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Swarm-managed services on the real three-node swarm: Swarm's own scheduler spreads, moves, reschedules, rolls
 * and rolls back; Berth forwards and reports in ECS's shapes.
 */
class SwarmManagedServiceIT extends SwarmTestBase {

    private static final Duration STOP = Duration.ofSeconds(2);

    /** @return a web server answering {@code version}; Swarm counts it running once its health check passed */
    private TaskDefinition web(String version) {
        return TaskDefinition.builder("swarm-web")
                .container(c -> c.name("web").image(TestImages.BUSYBOX).memoryMiB(32).stopTimeout(STOP)
                        .environment("VERSION", version)
                        .command("sh", "-c", "mkdir -p /www && echo $VERSION > /www/index.html"
                                + " && exec httpd -f -p 8080 -h /www")
                        .portMapping(8080)
                        .healthCheck(HealthCheck.shell("wget -q -O /dev/null http://127.0.0.1:8080/")
                                .withInterval(Duration.ofSeconds(5))))
                .build();
    }

    @Test
    void replicaService_spreadsItsTasksOverTheThreeNodesByZone() {
        Berth berth = berth(SwarmBackendConfig.Mode.SWARM_MANAGED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(web("one"));
        Service service = c.services().create(ServiceSpec.builder("web", rev.ref()).desiredCount(3).build());

        ServiceDescription steady = service.awaitSteady(STEADY);

        assertThat(steady.runningCount()).isEqualTo(3);
        List<Task> tasks = service.tasks();
        assertThat(nodesOf(tasks)).hasSize(3);
        Set<String> zones = new HashSet<>();
        for (InstanceState i : c.instances().list()) {
            if (nodesOf(tasks).contains(i.id())) {
                zones.add(i.attributes().get(InstanceAttributes.AVAILABILITY_ZONE));
            }
        }
        assertThat(zones).containsExactlyInAnyOrder("zone-a", "zone-b", "zone-c");
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.taskDefinitionArn()).isEqualTo(rev.arn());
            assertThat(t.group()).isEqualTo("service:web");
            assertThat(t.containers().get(0).networkBindings()).singleElement()
                    .satisfies(b -> assertThat(b.hostPort()).isPositive());
        });
        Task one = tasks.get(0);
        var binding = one.containers().get(0).networkBindings().get(0);
        assertThat(WebProbe.get("http://" + binding.bindIp() + ":" + binding.hostPort() + "/")).isEqualTo("one");
        assertThat(steady.deployments()).singleElement().satisfies(d -> {
            assertThat(d.deployment().status()).isEqualTo(DeploymentStatus.PRIMARY);
            assertThat(d.deployment().rolloutState()).isEqualTo(RolloutState.COMPLETED);
            assertThat(d.runningCount()).isEqualTo(3);
        });
        assertThat(steady.events()).extracting(ServiceEvent::kind).contains(ServiceEvent.Kind.SERVICE_STEADY_STATE,
                ServiceEvent.Kind.TASKS_STARTED);

        service.scale(4);
        ServiceDescription scaled = awaitService(service, "4 running", d -> d.isStable() && d.runningCount() == 4);

        assertThat(scaled.deployments()).singleElement().satisfies(d -> assertThat(d.deployment().id())
                .as("a new count is no new deployment").isEqualTo(steady.deployments().get(0).deployment().id()));
        assertThat(service.tasks()).extracting(Task::taskId).as("no task was replaced")
                .containsAll(tasks.stream().map(Task::taskId).toList());
    }

    @Test
    void daemonService_runsOneTaskOnEveryNode() {
        Berth berth = berth(SwarmBackendConfig.Mode.SWARM_MANAGED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(TaskDefinition.builder("swarm-agent")
                .container(d -> d.name("agent").image(TestImages.BUSYBOX).memoryMiB(16).stopTimeout(STOP)
                        .command("sleep", "300"))
                .build());

        Service service = c.services().create(ServiceSpec.builder("agent", rev.ref())
                .schedulingStrategy(SchedulingStrategy.DAEMON)
                .deploymentConfiguration(DeploymentConfiguration.daemonDefaults()).build());
        ServiceDescription steady = service.awaitSteady(STEADY);

        assertThat(steady.desiredCount()).isEqualTo(3);
        assertThat(nodesOf(service.tasks())).containsExactlyInAnyOrder(bed.nodeId(0), bed.nodeId(1), bed.nodeId(2));
    }

    @Test
    void drainedNode_hasItsTasksMovedAndIsReportedDraining() {
        Berth berth = berth(SwarmBackendConfig.Mode.SWARM_MANAGED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(web("one"));
        Service service = c.services().create(ServiceSpec.builder("web", rev.ref()).desiredCount(3).build());
        service.awaitSteady(STEADY);
        // Swarm spreads by every service's tasks on a node, so one node may hold none of these three: drain a node
        // that holds one (a worker where there is a choice)
        Set<String> running = nodesOf(service.tasks());
        String drained = running.stream().filter(n -> !n.equals(bed.nodeId(0))).findFirst()
                .orElse(running.iterator().next());

        c.instances().drain(drained);

        awaitService(service, "no task left on the drained node and 3 running",
                d -> d.isStable() && !nodesOf(service.tasks()).contains(drained));
        assertThat(service.tasks()).hasSize(3);
        assertThat(nodesOf(service.tasks())).isNotEmpty().doesNotContain(drained);
        assertThat(c.instances().list()).filteredOn(i -> i.id().equals(drained)).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo(InstanceStatus.DRAINING));

        c.instances().activate(drained);
        assertThat(c.instances().list()).filteredOn(i -> i.id().equals(drained)).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo(InstanceStatus.ACTIVE));
    }

    @Test
    void stoppedWorkerEngine_hasItsTasksRescheduledOnTheOtherNodes() {
        Berth berth = berth(SwarmBackendConfig.Mode.SWARM_MANAGED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(web("one"));
        Service service = c.services().create(ServiceSpec.builder("web", rev.ref()).desiredCount(3).build());
        service.awaitSteady(STEADY);
        String lost = bed.nodeId(2);
        assertThat(nodesOf(service.tasks())).contains(lost);

        bed.stopNode(2);

        awaitService(service, "3 tasks running on the two nodes left",
                d -> d.runningCount() == 3 && !nodesOf(service.tasks()).contains(lost));
        assertThat(c.instances().list()).filteredOn(i -> i.id().equals(lost)).singleElement()
                .satisfies(i -> assertThat(i.agentConnected()).isFalse());
        assertThat(service.tasks()).filteredOn(t -> t.lastStatus() == TaskStatus.RUNNING)
                .extracting(Task::containerInstanceId).containsOnly(bed.nodeId(0), bed.nodeId(1));
    }

    @Test
    void rollingUpdate_runsBothDeploymentsThenCompletesOnTheNewRevision() {
        Berth berth = berth(SwarmBackendConfig.Mode.SWARM_MANAGED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition one = berth.taskDefinitions().register(web("one"));
        RegisteredTaskDefinition two = berth.taskDefinitions().register(web("two"));
        // 100 % / 134 % of 3: one task more at a time, started before an old one stops (start-first, parallelism 1)
        Service service = c.services().create(ServiceSpec.builder("web", one.ref()).desiredCount(3)
                .deploymentConfiguration(new DeploymentConfiguration(100, 134, DeploymentCircuitBreaker.disabled()))
                .build());
        service.awaitSteady(STEADY);

        service.deploy(two.ref());

        ServiceDescription during = awaitService(service, "two deployments, the new one PRIMARY",
                d -> d.deployments().size() == 2);
        assertThat(during.deployments().get(0).deployment()).satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeploymentStatus.PRIMARY);
            assertThat(d.taskDefinition().arn()).isEqualTo(two.arn());
            assertThat(d.rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        });
        assertThat(during.deployments().get(1).deployment()).satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeploymentStatus.ACTIVE);
            assertThat(d.taskDefinition().arn()).isEqualTo(one.arn());
        });
        assertThat(during.runningCount()).isGreaterThanOrEqualTo(3);
        ServiceDescription done = service.awaitSteady(STEADY);
        assertThat(done.deployments()).singleElement().satisfies(d -> {
            assertThat(d.deployment().taskDefinition().arn()).isEqualTo(two.arn());
            assertThat(d.deployment().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        });
        assertThat(service.tasks()).hasSize(3).allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(two.arn()));
        assertThat(done.events()).extracting(ServiceEvent::kind)
                .contains(ServiceEvent.Kind.SERVICE_DEPLOYMENT_COMPLETED);
        try (SwarmBackend fresh = SwarmBackend.create(config(SwarmBackendConfig.Mode.SWARM_MANAGED))) {
            // a new process was given no revision: it reads the one the service runs back from the swarm
            assertThat(fresh.managedServices().orElseThrow().describeService(cluster, "web").orElseThrow()
                    .deployments()).singleElement().satisfies(d -> {
                        assertThat(d.id()).isEqualTo(done.deployments().get(0).deployment().id());
                        assertThat(d.taskDefinition().arn()).isEqualTo(two.arn());
                        assertThat(d.taskDefinition().definition().containerDefinitions().get(0).image())
                                .isEqualTo(two.definition().containerDefinitions().get(0).image());
                        assertThat(d.taskDefinition().definition().containerDefinitions().get(0).environment())
                                .isEqualTo(two.definition().containerDefinitions().get(0).environment());
                    });
        }
    }

    @Test
    void circuitBreaker_rollsAFailingDeploymentBackToThePreviousRevision() {
        Berth berth = berth(SwarmBackendConfig.Mode.SWARM_MANAGED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition good = berth.taskDefinitions().register(web("good"));
        RegisteredTaskDefinition broken = berth.taskDefinitions().register(TaskDefinition.builder("swarm-web")
                .container(cd -> cd.name("web").image(TestImages.BUSYBOX).memoryMiB(32).stopTimeout(STOP)
                        .command("sh", "-c", "echo broken; exit 1").portMapping(8080))
                .build());
        DeploymentCircuitBreaker breaker = new DeploymentCircuitBreaker(true, true,
                new CircuitBreakerThreshold(CircuitBreakerThreshold.Type.COUNT, 2));
        Service service = c.services().create(ServiceSpec.builder("web", good.ref()).desiredCount(2)
                .deploymentConfiguration(new DeploymentConfiguration(100, 200, breaker)).build());
        service.awaitSteady(STEADY);

        service.deploy(broken.ref());

        ServiceDescription rolledBack = awaitService(service, "rolled back to the good revision and steady",
                d -> d.isStable() && d.deployments().get(0).deployment().taskDefinition().arn().equals(good.arn())
                        && d.deployments().get(0).deployment().rolloutState() == RolloutState.COMPLETED
                        && d.events().stream().anyMatch(e -> e.message().contains("rolling back")));
        String restored = rolledBack.deployments().get(0).deployment().id();
        assertThat(rolledBack.events()).filteredOn(e -> e.message().contains("rolling back")).singleElement()
                .satisfies(e -> assertThat(e.message()).as("names the failed deployment and the restored one")
                        .matches(".*\\(deployment swarm-svc/\\d+\\) rolling back to deployment \\(" + restored
                                + "\\)\\.").doesNotContain("(deployment " + restored + ") rolling"));
        assertThat(rolledBack.deployments()).singleElement().satisfies(d ->
                assertThat(d.deployment().status()).isEqualTo(DeploymentStatus.PRIMARY));
        assertThat(rolledBack.events()).filteredOn(e -> e.kind() == ServiceEvent.Kind.SERVICE_DEPLOYMENT_FAILED)
                .isNotEmpty();
        assertThat(service.tasks()).filteredOn(t -> t.lastStatus() == TaskStatus.RUNNING).hasSize(2)
                .allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(good.arn()));
    }

    @Test
    void binpack_isRefusedWithTheReasonAndTheMode() {
        Berth berth = berth(SwarmBackendConfig.Mode.SWARM_MANAGED);
        Cluster c = berth.clusters().getOrCreate(cluster);
        RegisteredTaskDefinition rev = berth.taskDefinitions().register(web("one"));

        assertThatThrownBy(() -> c.services().create(ServiceSpec.builder("web", rev.ref()).desiredCount(2)
                .placementStrategy(PlacementStrategy.binpack(Resource.MEMORY)).build()))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("cannot binpack")
                .hasMessageContaining("CLIENT_SCHEDULED");
        assertThat(c.services().get("web")).isEmpty();
    }

    private static ServiceDescription awaitService(Service service, String what, Predicate<ServiceDescription> test) {
        Instant deadline = Instant.now().plus(STEADY);
        ServiceDescription last = service.describe();
        while (!test.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + STEADY + " waiting for " + what + "; last: "
                        + last.summary() + " " + last.deployments().stream().map(DeploymentView::deployment)
                        .map(d -> d.status() + " " + d.taskDefinition().arn() + " " + d.rolloutState()).toList()
                        + " events " + last.events().stream().limit(5).map(ServiceEvent::message).toList());
            }
            SwarmTestBed.pause(Duration.ofMillis(250));
            last = service.describe();
        }
        return last;
    }
}
