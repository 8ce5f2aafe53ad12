package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.PortMapping;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.network.TargetGroupDescription;
import dev.berth.network.TargetGroupSpec;
import dev.berth.network.TargetHealthState;
import dev.berth.service.LoadBalancer;
import dev.berth.service.ServiceConnectClientAlias;
import dev.berth.service.ServiceConnectConfiguration;
import dev.berth.service.ServiceConnectService;
import dev.berth.service.ServiceSpec;
import dev.berth.task.DesiredStatus;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import dev.berth.testing.ManualScheduledExecutor;
import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Target groups and Service Connect on the in-memory backend, pass by pass on a controlled clock: registration at
 * ACTIVATING, health gating, deregistration and drain at DEACTIVATING before the stop, names that route only to
 * tasks that serve, and ECS's rules.
 */
class ServiceNetworkingTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T10:00:00Z"));
    private final InMemoryBackend backend = InMemoryBackend.create(clock);
    private final ManualScheduledExecutor executor = new ManualScheduledExecutor();
    private final AtomicInteger ids = new AtomicInteger();
    private Berth berth;
    private Cluster cluster;

    @BeforeEach
    void setUp() {
        backend.addInstance("dev", InMemoryBackend.instance("i-1").cpu(8192).memoryMiB(8192));
        berth = Berth.builder(backend).clock(clock).executor(executor)
                .taskIds(() -> "t" + ids.incrementAndGet()).build();
        cluster = berth.clusters().create("dev");
    }

    @AfterEach
    void tearDown() {
        berth.close();
        executor.shutdownNow();
    }

    private TaskDefinitionRef api(String body) {
        return berth.taskDefinitions().register(TaskDefinition.builder("api")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(32).environment("BODY", body)
                        .portMapping(PortMapping.of(8080).withName("http")))
                .build()).ref();
    }

    private TargetGroupDescription targetGroup(Duration deregistrationDelay) {
        return berth.targetGroups().create(TargetGroupSpec.builder("api")
                .healthCheck(c -> c.interval(INTERVAL).timeout(Duration.ofSeconds(2)).healthyThreshold(2))
                .deregistrationDelay(deregistrationDelay).build());
    }

    private Service apiService(TargetGroupDescription group, int desired) {
        return cluster.services().create(ServiceSpec.builder("api", api("v1")).desiredCount(desired)
                .loadBalancer(new LoadBalancer(group.arn(), "app", 8080))
                .serviceConnectConfiguration(ServiceConnectConfiguration.enabled(Optional.empty(),
                        List.of(ServiceConnectService.of("http", ServiceConnectClientAlias.of(80, "api")))))
                .build());
    }

    private void passes(Service service, int count) {
        for (int i = 0; i < count; i++) {
            berth.reconcileNow("dev", service.name());
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void task_isActivatingUntilItsTargetIsHealthy_thenRunningAndReachable() {
        TargetGroupDescription group = targetGroup(Duration.ofSeconds(300));
        backend.failTargetChecks(id -> true);
        Service api = apiService(group, 1);
        passes(api, 2);

        Task task = api.tasks().get(0);
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.ACTIVATING);
        assertThat(berth.targetGroups().targetHealth("api")).singleElement()
                .satisfies(h -> assertThat(h.state()).isEqualTo(TargetHealthState.INITIAL));
        String caller = startClient();
        assertThat(backend.connectByName("dev", caller, "api", 80)).as("a name routes only to tasks that serve")
                .isEmpty();

        backend.failTargetChecks(id -> false);
        clock.advance(INTERVAL);
        passes(api, 1);

        assertThat(api.tasks()).singleElement().satisfies(t -> assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING));
        assertThat(backend.openConnection(group.arn())).contains(task.taskId());
        assertThat(backend.connectByName("dev", caller, "api", 80)).contains(task.taskId());
        assertThat(api.describe().deployments().get(0).deployment().rolloutState().name()).isEqualTo("COMPLETED");
    }

    @Test
    void stop_deregistersAndDrainsBeforeTheSignal() {
        TargetGroupDescription group = targetGroup(Duration.ofSeconds(120));
        Service api = apiService(group, 1);
        passes(api, 2);
        String old = api.tasks().get(0).taskId();
        String held = backend.openConnection(group.arn()).orElseThrow();
        assertThat(held).isEqualTo(old);

        api.deploy(api("v2"));
        passes(api, 4);

        assertThat(api.tasks()).extracting(Task::taskId).as("desired STOPPED: no longer listed").doesNotContain(old);
        Task draining = cluster.tasks().describe(old);
        assertThat(draining.lastStatus()).isEqualTo(TaskStatus.DEACTIVATING);
        assertThat(draining.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(berth.targetGroups().targetHealth("api")).filteredOn(h -> h.taskId().equals(old)).singleElement()
                .satisfies(h -> assertThat(h.state()).isEqualTo(TargetHealthState.DRAINING));
        assertThat(backend.openConnection(group.arn())).as("new connections go to the new task")
                .isNotEqualTo(Optional.of(old));
        assertThat(backend.tasks("dev")).filteredOn(t -> t.taskId().equals(old)).singleElement()
                .satisfies(t -> assertThat(t.desiredStatus()).as("not signalled yet").isEqualTo(DesiredStatus.RUNNING));

        backend.closeConnection(group.arn(), old);
        passes(api, 2);

        assertThat(backend.tasks("dev")).filteredOn(t -> t.taskId().equals(old))
                .allSatisfy(t -> assertThat(t.desiredStatus()).isEqualTo(DesiredStatus.STOPPED));
        assertThat(backend.stopsBeforeDrained()).isEmpty();
    }

    @Test
    void drain_whenConnectionsStayOpen_endsWithTheDeregistrationDelay() {
        TargetGroupDescription group = targetGroup(Duration.ofSeconds(30));
        Service api = apiService(group, 1);
        passes(api, 2);
        String old = backend.openConnection(group.arn()).orElseThrow();

        api.scale(0);
        passes(api, 20);
        assertThat(backend.tasks("dev")).singleElement()
                .satisfies(t -> assertThat(t.desiredStatus()).isEqualTo(DesiredStatus.RUNNING));

        passes(api, 12);

        assertThat(backend.tasks("dev")).filteredOn(t -> t.taskId().equals(old))
                .allSatisfy(t -> assertThat(t.desiredStatus()).isEqualTo(DesiredStatus.STOPPED));
    }

    @Test
    void clientOfTheNamespace_resolvesTheNamesThatExistedWhenItStarted() {
        apiService(targetGroup(Duration.ofSeconds(30)), 1);
        String caller = startClient();

        assertThat(backend.hostEntries("dev", caller)).containsOnlyKeys("api");

        TaskDefinitionRef outsider = berth.taskDefinitions().register(TaskDefinition.builder("outsider")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(16)).build()).ref();
        Service other = cluster.services().create(ServiceSpec.builder("outsider", outsider).build());
        passes(other, 1);
        assertThat(backend.hostEntries("dev", other.tasks().get(0).taskId())).as("not in any namespace").isEmpty();
    }

    /** Starts a client-only Service Connect service and returns its task. */
    private String startClient() {
        TaskDefinitionRef client = berth.taskDefinitions().register(TaskDefinition.builder("client")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(16)).build()).ref();
        Service clientService = cluster.services().create(ServiceSpec.builder("client", client)
                .serviceConnectConfiguration(ServiceConnectConfiguration.enabled(Optional.empty(), List.of()))
                .build());
        passes(clientService, 1);
        return clientService.tasks().get(0).taskId();
    }

    @Test
    void create_whenLoadBalancerPortIsNotInTheTaskDefinition_reportsEcsText() {
        TargetGroupDescription group = targetGroup(Duration.ofSeconds(30));

        assertThatThrownBy(() -> cluster.services().create(ServiceSpec.builder("api", api("v1"))
                .loadBalancer(new LoadBalancer(group.arn(), "app", 9090))
                .loadBalancer(new LoadBalancer("arn:aws:elasticloadbalancing:local:000000000000:targetgroup/x/1",
                        "web", 80))
                .build()))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
                        .extracting(SpecProblem::path, SpecProblem::message)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("loadBalancers[0].containerPort",
                                        "The container app did not have a container port 9090 defined."),
                                org.assertj.core.groups.Tuple.tuple("loadBalancers[1].containerName",
                                        "The container web does not exist in the task definition.")));
        assertThat(cluster.services().list()).isEmpty();
    }

    @Test
    void create_whenTargetGroupMissingOrTaken_isRefusedAndLeavesNothing() {
        TargetGroupDescription group = targetGroup(Duration.ofSeconds(30));
        apiService(group, 1);

        assertThatThrownBy(() -> cluster.services().create(ServiceSpec.builder("other", api("v1"))
                .loadBalancer(new LoadBalancer(group.arn(), "app", 8080)).build()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("is used by service dev/api");
        assertThatThrownBy(() -> berth.targetGroups().delete("api")).isInstanceOf(ConflictException.class);
        assertThat(cluster.services().get("other")).isEmpty();
    }

    @Test
    void serviceConnect_whenPortNameMissing_isRefused() {
        assertThatThrownBy(() -> cluster.services().create(ServiceSpec.builder("api", api("v1"))
                .serviceConnectConfiguration(ServiceConnectConfiguration.enabled(Optional.empty(),
                        List.of(ServiceConnectService.of("grpc", ServiceConnectClientAlias.of(80, "api")))))
                .build()))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.path())
                                .isEqualTo("serviceConnectConfiguration.services[0].portName")));
    }

    @Test
    void serviceConnect_whenAnotherServiceHasTheNameOrPort_conflicts() {
        apiService(targetGroup(Duration.ofSeconds(30)), 1);

        assertThatThrownBy(() -> cluster.services().create(ServiceSpec.builder("api2", api("v1"))
                .serviceConnectConfiguration(ServiceConnectConfiguration.enabled(Optional.empty(),
                        List.of(ServiceConnectService.of("http", ServiceConnectClientAlias.of(80, "other")))))
                .build())).isInstanceOf(ConflictException.class).hasMessageContaining("api:80");
        assertThat(cluster.services().get("api2")).isEmpty();
    }
}
