package dev.berth.aws.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.TaskDefinitions;
import dev.berth.aws.RequestCapture;
import dev.berth.aws.RequiresMoto;
import dev.berth.aws.TestMoto;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ArnScope;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.LoadBalancer;
import dev.berth.service.ServiceConnectClientAlias;
import dev.berth.service.ServiceConnectConfiguration;
import dev.berth.service.ServiceConnectService;
import dev.berth.service.ServiceRegistry;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceStatus;
import dev.berth.spi.ManagedServiceStatus;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * ECS-managed services over HTTP against moto's server. moto keeps services as records and starts no task
 * (moto/ecs/models.py): running = desired only after an UpdateService of the desired count, and DeleteService with
 * force makes a service INACTIVE at once. What moto does not do (deployments rolling, events, the circuit breaker) is
 * covered by {@link EcsServiceStatusesTest} with ECS's own answer shapes.
 */
@RequiresMoto
class EcsManagedServicesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String cluster = "managed-" + Long.toString(System.nanoTime(), 36);
    private final Map<String, String> ecsArns = new HashMap<>();
    private final Map<String, RegisteredTaskDefinition> berthRevisionByEcsArn = new HashMap<>();
    private final RequestCapture requests = new RequestCapture();
    private EcsClient ecs;
    private EcsManagedServices services;
    private RegisteredTaskDefinition web1;
    private RegisteredTaskDefinition web2;

    @BeforeEach
    void setUp() {
        ecs = EcsClient.builder()
                .endpointOverride(TestMoto.shared().server().orElseThrow().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(requests))
                .build();
        ecs.createCluster(b -> b.clusterName(cluster));
        TaskDefinitions berthRevisions = TaskDefinitions.inMemory(Clock.systemUTC(), ArnScope.local());
        web1 = registerBoth(berthRevisions);
        web2 = registerBoth(berthRevisions);
        services = new EcsManagedServices(ecs, revision -> ecsArns.get(revision.arn()), berthRevisionByEcsArn::get,
                (definition, request) -> request.launchType(LaunchType.EC2));
    }

    /** Registers the same definition with Berth and with ECS, remembering which ECS ARN a Berth revision has. */
    private RegisteredTaskDefinition registerBoth(TaskDefinitions berthRevisions) {
        String family = cluster + "-web";
        RegisteredTaskDefinition revision = berthRevisions.register(TaskDefinition.builder(family)
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)).build());
        String ecsArn = ecs.registerTaskDefinition(b -> b.family(family)
                .containerDefinitions(c -> c.name("app").image("busybox:stable").memory(64)))
                .taskDefinition().taskDefinitionArn();
        ecsArns.put(revision.arn(), ecsArn);
        berthRevisionByEcsArn.put(ecsArn, revision);
        return revision;
    }

    @AfterEach
    void tearDown() {
        ecs.close();
    }

    private ServiceSpec spec(int desiredCount, RegisteredTaskDefinition revision) {
        return ServiceSpec.builder("web", TaskDefinitionRef.parse(revision.arn())).desiredCount(desiredCount).build();
    }

    @Test
    void create_thenDescribe_showsTheServiceAsEcsHasIt() {
        services.createService(cluster, spec(2, web1), web1);

        ManagedServiceStatus status = services.describeService(cluster, "web").orElseThrow();
        assertThat(status.status()).isEqualTo(ServiceStatus.ACTIVE);
        assertThat(status.desiredCount()).isEqualTo(2);
        assertThat(status.runningCount() + status.pendingCount()).isEqualTo(2);
        assertThat(status.deployments()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeploymentStatus.PRIMARY);
            assertThat(d.taskDefinition()).isEqualTo(web1);
        });
    }

    @Test
    void update_changesTheDesiredCountAndTheRevision() {
        services.createService(cluster, spec(1, web1), web1);

        services.updateService(cluster, spec(3, web2), web2, false);

        ManagedServiceStatus status = services.describeService(cluster, "web").orElseThrow();
        assertThat(status.desiredCount()).isEqualTo(3);
        assertThat(status.runningCount()).isEqualTo(3);
        assertThat(ecs.describeServices(b -> b.cluster(cluster).services("web")).services().get(0).taskDefinition())
                .isEqualTo(ecsArns.get(web2.arn()));
    }

    @Test
    void networking_reachesCreateServiceAndUpdateServiceAsSpecified_andAnUpdateWithoutItRemovesIt() throws Exception {
        String targetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef";
        String registry = "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-0123456789abcdef";
        ServiceSpec networked = spec(1, web1).toBuilder()
                .loadBalancer(new LoadBalancer(targetGroup, "app", 8080))
                .serviceRegistry(ServiceRegistry.of(registry, "app", 8080))
                .serviceConnectConfiguration(ServiceConnectConfiguration.enabled(Optional.of("shop"),
                        List.of(ServiceConnectService.of("http", ServiceConnectClientAlias.of(80, "web")))))
                .build();

        services.createService(cluster, networked, web1);

        JsonNode created = JSON.readTree(requests.lastBody(CreateServiceRequest.class));
        assertThat(created.get("loadBalancers")).isEqualTo(JSON.readTree("[{\"targetGroupArn\": \"" + targetGroup
                + "\", \"containerName\": \"app\", \"containerPort\": 8080}]"));
        assertThat(created.get("serviceRegistries")).isEqualTo(JSON.readTree("[{\"registryArn\": \"" + registry
                + "\", \"containerName\": \"app\", \"containerPort\": 8080}]"));
        assertThat(created.get("serviceConnectConfiguration")).isEqualTo(JSON.readTree("{\"enabled\": true,"
                + " \"namespace\": \"shop\", \"services\": [{\"portName\": \"http\","
                + " \"clientAliases\": [{\"port\": 80, \"dnsName\": \"web\"}]}]}"));
        // moto keeps the load balancers and registries (not Service Connect) and answers them back
        Service kept = ecs.describeServices(b -> b.cluster(cluster).services("web")).services().get(0);
        assertThat(kept.loadBalancers()).singleElement().satisfies(lb -> {
            assertThat(lb.targetGroupArn()).isEqualTo(targetGroup);
            assertThat(lb.containerName()).isEqualTo("app");
            assertThat(lb.containerPort()).isEqualTo(8080);
        });
        assertThat(kept.serviceRegistries()).singleElement().satisfies(r -> assertThat(r.registryArn())
                .isEqualTo(registry));

        services.updateService(cluster, networked, web2, false);
        JsonNode updated = JSON.readTree(requests.lastBody(UpdateServiceRequest.class));
        assertThat(updated.get("loadBalancers")).isEqualTo(created.get("loadBalancers"));
        assertThat(updated.get("serviceRegistries")).isEqualTo(created.get("serviceRegistries"));
        assertThat(updated.get("serviceConnectConfiguration")).isEqualTo(created.get("serviceConnectConfiguration"));

        services.updateService(cluster, spec(1, web2), web2, false);
        JsonNode removed = JSON.readTree(requests.lastBody(UpdateServiceRequest.class));
        assertThat(removed.get("loadBalancers")).isEmpty();
        assertThat(removed.get("serviceRegistries")).isEmpty();
        Service after = ecs.describeServices(b -> b.cluster(cluster).services("web")).services().get(0);
        assertThat(after.loadBalancers()).isEmpty();
        assertThat(after.serviceRegistries()).isEmpty();
    }

    @Test
    void create_ofAnExistingName_isAConflict() {
        services.createService(cluster, spec(1, web1), web1);

        assertThatThrownBy(() -> services.createService(cluster, spec(1, web1), web1))
                .isInstanceOf(ConflictException.class).hasMessageContaining(cluster + "/web already exists");
    }

    @Test
    void delete_aboveZeroWithoutForce_isRefusedWithEcsText_andWithForceTheServiceIsGone() {
        services.createService(cluster, spec(2, web1), web1);

        assertThatThrownBy(() -> services.deleteService(cluster, "web", false))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("The service cannot be stopped while it is scaled above 0.");

        services.deleteService(cluster, "web", true);
        assertThat(services.describeService(cluster, "web")).isEmpty();
    }

    @Test
    void aMissingCluster_isResourceNotFound_withEcsMessageAndRequestId() {
        assertThatThrownBy(() -> services.createService(cluster + "-missing", spec(1, web1), web1))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("request id");
    }
}
