package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceConnectConfiguration;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceStatus;
import dev.berth.spi.BackendCapabilities;
import dev.berth.spi.ManagedDeployment;
import dev.berth.spi.ManagedServiceStatus;
import dev.berth.spi.ManagedServices;
import dev.berth.testing.ForwardingBackend;
import dev.berth.testing.ManualScheduledExecutor;
import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Services on a backend that keeps them itself (ECS-managed): the API forwards every change to the backend's
 * {@link ManagedServices} and reads counts, deployments and events back, and Berth's reconciler starts nothing. The
 * backend here is a recording fake, since what is tested is the API's forwarding, not a scheduler.
 */
class ManagedServicesTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final MutableClock clock = MutableClock.at(T0);
    private final ManualScheduledExecutor executor = new ManualScheduledExecutor();
    private final RecordingServices services = new RecordingServices();
    private final ManagedBackend backend = new ManagedBackend(InMemoryBackend.create(clock), services);
    private Berth berth;
    private Cluster cluster;
    private RegisteredTaskDefinition web1;

    @BeforeEach
    void setUp() {
        backend.delegate.addInstance("dev", InMemoryBackend.instance("i-a").cpu(4096).memoryMiB(4096));
        berth = Berth.builder(backend).clock(clock).executor(executor).build();
        cluster = berth.clusters().create("dev");
        web1 = register();
    }

    @AfterEach
    void tearDown() {
        berth.close();
        executor.shutdownNow();
    }

    private RegisteredTaskDefinition register() {
        return berth.taskDefinitions().register(TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)).build());
    }

    @Test
    void create_forwardsSpecAndRevision_andBerthsReconcilerStartsNothing() {
        Service service = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(3).build());
        berth.reconcileNow("dev", "web");

        assertThat(services.calls).containsExactly("create dev/web web:1 desired=3");
        assertThat(backend.delegate.tasks("dev")).isEmpty();
        assertThat(service.describe().desiredCount()).isEqualTo(3);
    }

    @Test
    void describe_readsCountsDeploymentsAndEventsFromTheBackend() {
        Service service = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(2).build());
        ServiceEvent steady = new ServiceEvent(T0, ServiceEvent.Kind.SERVICE_STEADY_STATE,
                "service (web) has reached a steady state.");
        services.status.put("dev/web", new ManagedServiceStatus(ServiceStatus.ACTIVE, 2, 2, 0,
                List.of(new ManagedDeployment("ecs-svc/42", web1, DeploymentStatus.PRIMARY,
                        RolloutState.COMPLETED, "ECS deployment ecs-svc/42 completed.", 0, 2, 0, T0, T0)),
                List.of(steady)));

        ServiceDescription description = service.describe();

        assertThat(description.isStable()).isTrue();
        assertThat(description.deployments()).singleElement().satisfies(d -> {
            assertThat(d.deployment().id()).isEqualTo("ecs-svc/42");
            assertThat(d.deployment().taskDefinition().arn()).isEqualTo(web1.arn());
            assertThat(d.deployment().rolloutState()).isEqualTo(RolloutState.COMPLETED);
            assertThat(d.runningCount()).isEqualTo(2);
        });
        assertThat(service.events()).containsExactly(steady);
        assertThat(service.awaitSteady(Duration.ofSeconds(1)).runningCount()).isEqualTo(2);
    }

    @Test
    void update_forwardsTheNewRevision_andForceNewDeploymentForwardsTheSameOne() {
        Service service = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(1).build());
        RegisteredTaskDefinition web2 = register();

        service.deploy(TaskDefinitionRef.parse(web2.arn()));
        service.scale(4);
        service.forceNewDeployment();

        assertThat(services.calls).containsExactly("create dev/web web:1 desired=1",
                "update dev/web web:2 desired=1 force=false", "update dev/web web:2 desired=4 force=false",
                "update dev/web web:2 desired=4 force=true");
        assertThat(cluster.services().get("web").orElseThrow().describe().spec().desiredCount()).isEqualTo(4);
    }

    @Test
    void aRefusedChange_leavesTheStoredSpecAsItWas() {
        Service service = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(1).build());
        services.refuseNext = new ConflictException("refused by the backend");

        assertThatThrownBy(() -> service.scale(9)).hasMessage("refused by the backend");
        assertThat(service.describe().spec().desiredCount()).isEqualTo(1);
    }

    @Test
    void aRefusedCreate_leavesNoService() {
        services.refuseNext = new ResourceNotFoundException("Cluster not found.");

        assertThatThrownBy(() -> cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(1).build())).isInstanceOf(ResourceNotFoundException.class);
        assertThat(cluster.services().list()).isEmpty();
    }

    @Test
    void delete_forwards_andTheServiceIsGoneOnceTheBackendDropsIt() {
        Service service = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(1).build());

        service.delete(true);
        assertThat(cluster.services().list()).isEmpty();
        services.status.remove("dev/web");
        service.awaitDeleted(Duration.ofSeconds(1));

        assertThat(services.calls).contains("delete dev/web force=true");
        assertThatThrownBy(service::describe).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aBackendThatClaimsToScheduleServicesButOffersNone_isRefusedAtBuild() {
        ManagedBackend broken = new ManagedBackend(InMemoryBackend.create(clock), null);

        assertThatThrownBy(() -> Berth.builder(broken).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("managedServices()");
    }

    @Test
    void serviceNetworking_theBackendDoesNotCarry_isRefusedNotDropped() {
        ServiceSpec named = ServiceSpec.builder("client", TaskDefinitionRef.latest("web"))
                .serviceConnectConfiguration(ServiceConnectConfiguration.enabled(Optional.empty(), List.of())).build();

        assertThatThrownBy(() -> cluster.services().create(named)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("does not carry loadBalancers, serviceRegistries or serviceConnectConfiguration");
        assertThat(cluster.services().list()).isEmpty();

        Service web = cluster.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web")).build());
        assertThatThrownBy(() -> web.update(spec -> spec.toBuilder()
                .serviceConnectConfiguration(ServiceConnectConfiguration.enabled(Optional.empty(), List.of()))
                .build())).isInstanceOf(InvalidSpecException.class);
        assertThat(services.calls).containsExactly("create dev/web web:1 desired=1");
        assertThat(web.describe().spec().hasServiceNetworking()).isFalse();
    }

    /** Keeps what it is told and reports what a test put into {@link #status}. */
    private static final class RecordingServices implements ManagedServices {
        final List<String> calls = new ArrayList<>();
        final Map<String, ManagedServiceStatus> status = new HashMap<>();
        RuntimeException refuseNext;

        @Override
        public void createService(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition) {
            refuseIfAsked();
            calls.add("create " + cluster + "/" + spec.name() + " " + taskDefinition.family() + ":"
                    + taskDefinition.revision() + " desired=" + spec.desiredCount());
            status.put(cluster + "/" + spec.name(), new ManagedServiceStatus(ServiceStatus.ACTIVE,
                    spec.desiredCount(), 0, spec.desiredCount(), List.of(), List.of()));
        }

        @Override
        public void updateService(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition,
                                  boolean forceNewDeployment) {
            refuseIfAsked();
            calls.add("update " + cluster + "/" + spec.name() + " " + taskDefinition.family() + ":"
                    + taskDefinition.revision() + " desired=" + spec.desiredCount() + " force=" + forceNewDeployment);
        }

        @Override
        public void deleteService(String cluster, String service, boolean force) {
            refuseIfAsked();
            calls.add("delete " + cluster + "/" + service + " force=" + force);
        }

        @Override
        public Optional<ManagedServiceStatus> describeService(String cluster, String service) {
            return Optional.ofNullable(status.get(cluster + "/" + service));
        }

        private void refuseIfAsked() {
            RuntimeException refusal = refuseNext;
            refuseNext = null;
            if (refusal != null) {
                throw refusal;
            }
        }
    }

    /** The in-memory backend, claiming to schedule services through {@code services}. */
    private static final class ManagedBackend extends ForwardingBackend {
        final InMemoryBackend delegate;
        private final ManagedServices services;

        ManagedBackend(InMemoryBackend delegate, ManagedServices services) {
            super(delegate);
            this.delegate = delegate;
            this.services = services;
        }

        @Override
        public BackendCapabilities capabilities() {
            return new BackendCapabilities(true);
        }

        @Override
        public Optional<ManagedServices> managedServices() {
            return Optional.ofNullable(services);
        }
    }
}
