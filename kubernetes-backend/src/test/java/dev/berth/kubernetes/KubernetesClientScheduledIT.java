package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.model.InstanceRejection;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;
import dev.berth.model.Resource;
import dev.berth.model.TaskDefinition;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.task.Task;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Berth's API on Kubernetes in CLIENT_SCHEDULED mode, on a real API server with kwok nodes: Berth's scheduler chooses
 * the nodes, its reconciler keeps the services, and every pod carries Berth's scheduler name and is bound through the
 * Binding API, so that Kubernetes' scheduler never touches it.
 */
@RequiresKubernetes
class KubernetesClientScheduledIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static KwokCluster kwok;
    private static List<String> nodes;

    private Berth berth;
    private Cluster cluster;

    @BeforeAll
    static void createNodes() {
        kwok = new KwokCluster();
        nodes = List.of(kwok.addNode("bound-a", 4, 4, "zone-a"), kwok.addNode("bound-b", 4, 4, "zone-b"));
    }

    @AfterAll
    static void deleteNodes() {
        kwok.close();
    }

    @BeforeEach
    void createCluster() {
        KubernetesBackend backend = KubernetesBackend.create(
                kwok.config(KubernetesBackendConfig.Mode.CLIENT_SCHEDULED).build());
        berth = Berth.builder(backend).waiterPollInterval(Duration.ofMillis(200)).build();
        cluster = berth.clusters().create(kwok.unique("c" + Long.toHexString(System.nanoTime() & 0xffffff)));
        kwok.deleteAtEnd(cluster.name());
    }

    @AfterEach
    void closeBerth() {
        berth.close();
    }

    private RegisteredTaskDefinition register(String family, int memoryMiB) {
        return berth.taskDefinitions().register(TaskDefinition.builder(family)
                .container(c -> c.name("app").image("berth-test/web:1").cpu(128).memoryMiB(memoryMiB)
                        .command("httpd", "-f"))
                .build());
    }

    private Pod podOf(Task task) {
        return kwok.client().pods().inNamespace(cluster.name()).withName(task.taskId()).get();
    }

    @Test
    void binpack_placesEveryTaskOnTheFullestNodeThatFits_andBerthBindsThePods() {
        Service packed = cluster.services().create(ServiceSpec.builder("packed", register("packed", 512).ref())
                .desiredCount(3).placementStrategy(PlacementStrategy.binpack(Resource.MEMORY)).build());

        packed.awaitSteady(TIMEOUT);

        List<Task> tasks = packed.tasks();
        assertThat(tasks).hasSize(3).extracting(Task::containerInstanceId).containsOnly(tasks.get(0)
                .containerInstanceId());
        assertThat(tasks).allSatisfy(t -> {
            Pod pod = podOf(t);
            assertThat(pod.getSpec().getSchedulerName()).isEqualTo(KubernetesBackendConfig.DEFAULT_SCHEDULER_NAME);
            assertThat(pod.getSpec().getNodeName()).isEqualTo(t.containerInstanceId());
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        });
    }

    @Test
    void distinctInstance_putsEachTaskOnItsOwnNode_andExplainsTheOneThatDoesNotFit() {
        Service spread = cluster.services().create(ServiceSpec.builder("distinct", register("distinct", 256).ref())
                .desiredCount(3).placementConstraint(PlacementConstraint.distinctInstance()).build());

        Await.until("two tasks running", TIMEOUT, () -> spread.tasks().stream().filter(Task::isLive).count() == 2
                && spread.describe().runningCount() == 2);
        Await.until("a placement failure event", TIMEOUT, () -> spread.events().stream()
                .anyMatch(e -> e.kind() == ServiceEvent.Kind.SERVICE_TASK_PLACEMENT_FAILURE));

        assertThat(spread.tasks()).filteredOn(Task::isLive).extracting(Task::containerInstanceId)
                .containsExactlyInAnyOrderElementsOf(nodes);
        assertThat(spread.events()).filteredOn(e -> e.kind() == ServiceEvent.Kind.SERVICE_TASK_PLACEMENT_FAILURE)
                .first().satisfies(e -> assertThat(e.message())
                        .contains("service (distinct) was unable to place a task"));
    }

    @Test
    void runTask_withDistinctInstance_bindsOneTaskPerNodeAndSaysWhyTheRestDoesNotFitOnEach() {
        RunTaskResult ran = cluster.tasks().run(RunTaskRequest.builder(register("one-each", 256).ref()).count(3)
                .placementConstraint(PlacementConstraint.distinctInstance()).build());

        assertThat(ran.tasks()).extracting(Task::containerInstanceId).containsExactlyInAnyOrderElementsOf(nodes);
        assertThat(ran.tasks()).allSatisfy(t -> assertThat(podOf(t).getSpec().getNodeName())
                .isEqualTo(t.containerInstanceId()));
        assertThat(ran.failure()).hasValueSatisfying(failure -> {
            assertThat(failure.unplacedCount()).isEqualTo(1);
            assertThat(failure.instances()).extracting(InstanceRejection::instanceId)
                    .containsExactlyInAnyOrderElementsOf(nodes);
            assertThat(failure.instances()).allSatisfy(i -> assertThat(i.rejections())
                    .extracting(Rejection::reason).containsExactly(RejectionReason.DISTINCT_INSTANCE));
        });
    }

    @Test
    void runTask_whenNoNodeHasTheMemory_explainsTheFailureNodeByNode() {
        RegisteredTaskDefinition huge = register("huge", 6 * 1024);

        RunTaskResult ran = cluster.tasks().run(RunTaskRequest.builder(huge.ref()).count(1).build());

        assertThat(ran.tasks()).isEmpty();
        assertThat(ran.failure()).hasValueSatisfying(failure -> {
            assertThat(failure.instances()).extracting(InstanceRejection::instanceId)
                    .containsExactlyInAnyOrderElementsOf(nodes);
            assertThat(failure.instances()).allSatisfy(i -> assertThat(i.rejections())
                    .extracting(Rejection::reason).contains(RejectionReason.RESOURCE_MEMORY));
        });
    }

    @Test
    void aCordonedNode_isDrainingForBerthsScheduler() {
        String cordoned = nodes.get(0);
        kwok.client().nodes().withName(cordoned).edit(n -> {
            n.getSpec().setUnschedulable(true);
            return n;
        });
        try {
            RunTaskResult ran = cluster.tasks().run(RunTaskRequest.builder(register("elsewhere", 256).ref()).count(4)
                    .build());

            assertThat(ran.tasks()).hasSize(4).extracting(Task::containerInstanceId).containsOnly(nodes.get(1));
            assertThat(cluster.instances().list()).filteredOn(i -> i.id().equals(cordoned)).singleElement()
                    .satisfies(i -> assertThat(i.status()).isEqualTo(dev.berth.model.InstanceStatus.DRAINING));
        } finally {
            kwok.client().nodes().withName(cordoned).edit(n -> {
                n.getSpec().setUnschedulable(null);
                return n;
            });
        }
    }

}
