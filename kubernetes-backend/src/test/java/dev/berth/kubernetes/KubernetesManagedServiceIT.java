package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.api.ServiceDescription;
import dev.berth.exception.InvalidSpecException;
import dev.berth.kubernetes.internal.BerthLabels;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Resource;
import dev.berth.model.TaskDefinition;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.RolloutState;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Berth's API on Kubernetes in MANAGED mode, on a real API server with three kwok nodes: services are Deployments and
 * DaemonSets that Kubernetes' controllers and scheduler run, and Berth's circuit breaker rolls a bad revision back.
 */
@RequiresKubernetes
class KubernetesManagedServiceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static KwokCluster kwok;
    private static List<String> nodes;

    private Berth berth;
    private Cluster cluster;

    @BeforeAll
    static void createNodes() {
        kwok = new KwokCluster();
        nodes = List.of(kwok.addNode("managed-a", 4, 8, "zone-a"), kwok.addNode("managed-b", 4, 8, "zone-b"),
                kwok.addNode("managed-c", 4, 8, "zone-c"));
    }

    @AfterAll
    static void deleteNodes() {
        kwok.close();
    }

    @BeforeEach
    void createCluster() {
        KubernetesBackend backend = KubernetesBackend.create(kwok.config(KubernetesBackendConfig.Mode.MANAGED).build());
        berth = Berth.builder(backend).waiterPollInterval(Duration.ofMillis(200)).build();
        cluster = berth.clusters().create(kwok.unique("m" + Long.toHexString(System.nanoTime() & 0xffffff)));
        kwok.deleteAtEnd(cluster.name());
    }

    @AfterEach
    void closeBerth() {
        berth.close();
    }

    private RegisteredTaskDefinition register(String family, Map<String, String> dockerLabels) {
        return berth.taskDefinitions().register(definition(family, dockerLabels).build());
    }

    private static TaskDefinition.Builder definition(String family, Map<String, String> dockerLabels) {
        return TaskDefinition.builder(family)
                .container(c -> c.name("app").image("berth-test/web:1").cpu(256).memoryMiB(256)
                        .command("httpd", "-f").portMapping(8080).dockerLabels(dockerLabels));
    }

    private static String seen(Service service) {
        ServiceDescription description = service.describe();
        return description.summary() + "; " + description.deployments().stream()
                .map(d -> d.deployment().id() + " " + d.deployment().taskDefinition().ref() + " "
                        + d.deployment().status() + " " + d.deployment().rolloutState() + " "
                        + d.deployment().rolloutStateReason())
                .toList() + "; events " + service.events().stream().map(ServiceEvent::message).toList();
    }

    private Deployment deploymentOf(String service) {
        return kwok.client().apps().deployments().inNamespace(cluster.name()).withName(service).get();
    }

    @Test
    void aReplicaService_isADeploymentCreatedScaledAndRolledWithinItsBounds() {
        RegisteredTaskDefinition v1 = register("web", Map.of());
        DeploymentConfiguration bounds = new DeploymentConfiguration(50, 150, DeploymentCircuitBreaker.enabled(true));
        Service service = cluster.services().create(ServiceSpec.builder("web", v1.ref()).desiredCount(4)
                .deploymentConfiguration(bounds).build());

        Deployment created = deploymentOf("web");
        assertThat(created.getSpec().getReplicas()).isEqualTo(4);
        assertThat(created.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(2);
        assertThat(created.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isEqualTo(2);
        ServiceDescription steady = service.awaitSteady(TIMEOUT);
        assertThat(steady.runningCount()).isEqualTo(4);
        assertThat(service.tasks()).hasSize(4).allSatisfy(t -> {
            assertThat(t.group()).isEqualTo("service:web");
            assertThat(nodes).contains(t.containerInstanceId());
        });

        service.scale(6);
        assertThat(service.awaitSteady(TIMEOUT).runningCount()).isEqualTo(6);
        assertThat(deploymentOf("web").getSpec().getReplicas()).isEqualTo(6);

        RegisteredTaskDefinition v2 = register("web", Map.of("version", "2"));
        try (PodCounter counter = new PodCounter(kwok, cluster.name())) {
            service.deploy(v2.ref());
            ServiceDescription rolled = service.awaitSteady(TIMEOUT);
            Await.until("every task on v2", TIMEOUT, () -> service.tasks().stream().filter(Task::isLive)
                    .allMatch(t -> t.taskDefinitionArn().equals(v2.arn())), () -> seen(service));

            assertThat(rolled.deployments()).singleElement().satisfies(d -> {
                assertThat(d.deployment().status()).isEqualTo(DeploymentStatus.PRIMARY);
                assertThat(d.deployment().taskDefinition().arn()).isEqualTo(v2.arn());
            });
            // maximumPercent 150 of 6: at most 9 pods; minimumHealthyPercent 50: at least 3 ready once steady.
            assertThat(counter.mostPods()).isBetween(6, 9);
            assertThat(counter.fewestReady()).isGreaterThanOrEqualTo(3);
            assertThat(counter.sawBoth(v1.arn(), v2.arn())).as("pods of both revisions at once while rolling").isTrue();
        }
        Await.until("the deployment completed event", TIMEOUT, () -> service.events().stream()
                .anyMatch(e -> e.kind() == ServiceEvent.Kind.SERVICE_DEPLOYMENT_COMPLETED), () -> seen(service));

        service.delete(true);
        service.awaitDeleted(TIMEOUT);
        assertThat(deploymentOf("web")).isNull();
    }

    @Test
    void aBadRevision_isRolledBackByBerthsCircuitBreaker() {
        RegisteredTaskDefinition good = register("api", Map.of());
        Service service = cluster.services().create(ServiceSpec.builder("api", good.ref()).desiredCount(3)
                .deploymentConfiguration(new DeploymentConfiguration(100, 200, DeploymentCircuitBreaker.enabled(true)))
                .build());
        service.awaitSteady(TIMEOUT);
        Await.until("the first deployment COMPLETED", TIMEOUT,
                () -> service.describe().deployments().get(0).deployment().rolloutState() == RolloutState.COMPLETED,
                () -> seen(service));
        String goodDeployment = service.describe().deployments().get(0).deployment().id();
        // On kwok this revision's container exits with 1 once its pod runs, as a crashing image would.
        RegisteredTaskDefinition bad = berth.taskDefinitions().register(definition("api",
                KwokCluster.failureAnnotations("app", 1)).tag(KwokCluster.FAIL_LABEL, "true").build());

        service.deploy(bad.ref());

        Await.until("the rollback to " + good.arn(), TIMEOUT, () -> service.describe().deployments().stream()
                .anyMatch(d -> d.deployment().status() == DeploymentStatus.PRIMARY
                        && d.deployment().taskDefinition().arn().equals(good.arn())), () -> seen(service));
        List<String> messages = service.events().stream().map(ServiceEvent::message).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("deployment failed: tasks failed to start"));
        assertThat(messages).anySatisfy(m -> assertThat(m)
                .contains("rolling back to deployment (" + goodDeployment + ")"));
        service.awaitSteady(TIMEOUT);
        Await.until("only the good revision left", TIMEOUT, () -> service.tasks().stream().filter(Task::isLive)
                .allMatch(t -> t.taskDefinitionArn().equals(good.arn())), () -> seen(service));
        assertThat(service.describe().runningCount()).isEqualTo(3);
    }

    @Test
    void aDrainedNode_isCordonedAndItsPodsMoveToTheOtherNodes() {
        Service service = cluster.services().create(ServiceSpec.builder("moving", register("moving", Map.of()).ref())
                .desiredCount(6).build());
        service.awaitSteady(TIMEOUT);
        String drained = service.tasks().get(0).containerInstanceId();

        cluster.instances().drain(drained);

        assertThat(kwok.client().nodes().withName(drained).get().getSpec().getUnschedulable()).isTrue();
        Await.until("no task left on " + drained, TIMEOUT, () -> service.tasks().stream().filter(Task::isLive)
                .noneMatch(t -> t.containerInstanceId().equals(drained)), () -> seen(service));
        ServiceDescription steady = service.awaitSteady(TIMEOUT);
        assertThat(steady.runningCount()).isEqualTo(6);
        assertThat(cluster.instances().list()).filteredOn(i -> i.id().equals(drained)).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo(dev.berth.model.InstanceStatus.DRAINING));

        cluster.instances().activate(drained);
        assertThat(kwok.client().nodes().withName(drained).get().getSpec().getUnschedulable()).isNull();
    }

    @Test
    void aDaemonService_runsOneTaskOnEveryNode() {
        Service daemon = cluster.services().create(ServiceSpec.builder("agent", register("agent", Map.of()).ref())
                .schedulingStrategy(SchedulingStrategy.DAEMON).build());

        ServiceDescription steady = daemon.awaitSteady(TIMEOUT);

        assertThat(steady.desiredCount()).isEqualTo(3);
        assertThat(daemon.tasks()).filteredOn(t -> t.lastStatus() == TaskStatus.RUNNING)
                .extracting(Task::containerInstanceId).containsExactlyInAnyOrderElementsOf(nodes);
        assertThat(kwok.client().apps().daemonSets().inNamespace(cluster.name()).withName("agent").get()).isNotNull();
    }

    @Test
    void aTaskNoNodeCanTake_isExplainedInTheServicesEventsWithTheSchedulersReasons() {
        RegisteredTaskDefinition huge = berth.taskDefinitions().register(TaskDefinition.builder("huge")
                .container(c -> c.name("app").image("berth-test/web:1").memoryMiB(16 * 1024)).build());
        Service service = cluster.services().create(ServiceSpec.builder("huge", huge.ref()).desiredCount(1).build());

        Await.until("a placement failure event", TIMEOUT, () -> service.events().stream()
                .anyMatch(e -> e.kind() == ServiceEvent.Kind.SERVICE_TASK_PLACEMENT_FAILURE), () -> seen(service));

        assertThat(service.events()).filteredOn(e -> e.kind() == ServiceEvent.Kind.SERVICE_TASK_PLACEMENT_FAILURE)
                .first().satisfies(e -> assertThat(e.message())
                        .startsWith("service (huge) was unable to place a task")
                        .contains("Insufficient memory"));
        assertThat(service.tasks()).singleElement()
                .satisfies(t -> assertThat(t.lastStatus()).isEqualTo(TaskStatus.PROVISIONING));
    }

    @Test
    void runTask_isPodsThatKubernetesPlacesWithTheTranslatedRules() {
        RegisteredTaskDefinition job = register("job", Map.of());

        RunTaskResult ran = cluster.tasks().run(RunTaskRequest.builder(job.ref()).count(3)
                .placementConstraint(PlacementConstraint.distinctInstance())
                .placementConstraint(PlacementConstraint.memberOf("attribute:ecs.availability-zone != zone-q"))
                .build());

        assertThat(ran.tasks()).hasSize(3);
        List<Task> running = cluster.tasks().awaitRunning(ran.tasks().stream().map(Task::taskId).toList(), TIMEOUT);
        assertThat(running).extracting(Task::containerInstanceId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(nodes);
        assertThatThrownBy(() -> cluster.tasks().run(RunTaskRequest.builder(job.ref())
                .placementStrategy(PlacementStrategy.binpack(Resource.MEMORY)).build()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("binpack");
    }

    /** Watches a namespace's pods and keeps, at every change, how many exist and how many are Ready. */
    private static final class PodCounter implements Watcher<Pod>, AutoCloseable {
        private final Map<String, Pod> pods = new ConcurrentHashMap<>();
        private final List<int[]> samples = new CopyOnWriteArrayList<>();
        private final Set<String> revisionsTogether = ConcurrentHashMap.newKeySet();
        private final Watch watch;

        PodCounter(KwokCluster kwok, String namespace) {
            kwok.client().pods().inNamespace(namespace).list().getItems()
                    .forEach(p -> pods.put(p.getMetadata().getName(), p));
            this.watch = kwok.client().pods().inNamespace(namespace).watch(this);
        }

        @Override
        public synchronized void eventReceived(Action action, Pod pod) {
            if (action == Action.DELETED || pod.getMetadata().getDeletionTimestamp() != null) {
                pods.remove(pod.getMetadata().getName());
            } else {
                pods.put(pod.getMetadata().getName(), pod);
            }
            int ready = (int) pods.values().stream().filter(p -> p.getStatus() != null
                    && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).count();
            samples.add(new int[] {pods.size(), ready});
            revisionsTogether.add(pods.values().stream()
                    .map(p -> p.getMetadata().getAnnotations().get(BerthLabels.TASK_DEFINITION))
                    .sorted().distinct().collect(Collectors.joining(" ")));
        }

        @Override
        public void onClose(WatcherException cause) {
        }

        int mostPods() {
            return samples.stream().mapToInt(s -> s[0]).max().orElse(0);
        }

        int fewestReady() {
            return samples.stream().mapToInt(s -> s[1]).min().orElse(0);
        }

        boolean sawBoth(String first, String second) {
            return revisionsTogether.stream().anyMatch(s -> s.contains(first) && s.contains(second));
        }

        @Override
        public void close() {
            watch.close();
        }
    }
}
