package dev.berth.aws.managed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.LoadBalancer;
import dev.berth.service.ServiceConnectClientAlias;
import dev.berth.service.ServiceConnectConfiguration;
import dev.berth.service.ServiceConnectService;
import dev.berth.service.ServiceRegistry;
import dev.berth.service.ServiceSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

class EcsServiceRequestsTest {

    private static final String TG =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef";
    private static final String REGISTRY = "arn:aws:servicediscovery:eu-west-1:123456789012:service/srv-api";
    private static final String TD = "arn:aws:ecs:eu-west-1:123456789012:task-definition/api:3";

    private static final ServiceSpec NETWORKED = ServiceSpec.builder("api", TaskDefinitionRef.of("api", 3))
            .desiredCount(2)
            .loadBalancer(new LoadBalancer(TG, "app", 8080))
            .serviceRegistry(new ServiceRegistry(REGISTRY, Optional.of("app"), OptionalInt.of(8080),
                    OptionalInt.empty()))
            .serviceConnectConfiguration(ServiceConnectConfiguration.enabled(Optional.of("shop"), List.of(
                    new ServiceConnectService("http", Optional.of("api-http"),
                            List.of(ServiceConnectClientAlias.of(80, "api")), OptionalInt.of(15000)))))
            .build();

    @Test
    void createService_carriesTheNetworkingFieldsUnchanged() {
        CreateServiceRequest request = EcsServiceRequests.create("shop", NETWORKED, TD, "token").build();

        assertThat(request.loadBalancers()).singleElement().satisfies(lb -> {
            assertThat(lb.targetGroupArn()).isEqualTo(TG);
            assertThat(lb.containerName()).isEqualTo("app");
            assertThat(lb.containerPort()).isEqualTo(8080);
        });
        assertThat(request.serviceRegistries()).singleElement().satisfies(r -> {
            assertThat(r.registryArn()).isEqualTo(REGISTRY);
            assertThat(r.containerName()).isEqualTo("app");
            assertThat(r.containerPort()).isEqualTo(8080);
            assertThat(r.port()).isNull();
        });
        assertThat(request.serviceConnectConfiguration()).satisfies(sc -> {
            assertThat(sc.enabled()).isTrue();
            assertThat(sc.namespace()).isEqualTo("shop");
            assertThat(sc.services()).singleElement().satisfies(s -> {
                assertThat(s.portName()).isEqualTo("http");
                assertThat(s.discoveryName()).isEqualTo("api-http");
                assertThat(s.ingressPortOverride()).isEqualTo(15000);
                assertThat(s.clientAliases()).singleElement().satisfies(a -> {
                    assertThat(a.port()).isEqualTo(80);
                    assertThat(a.dnsName()).isEqualTo("api");
                });
            });
        });
    }

    @Test
    void updateService_carriesThemToo() {
        UpdateServiceRequest request = EcsServiceRequests.update("shop", NETWORKED, TD, false).build();

        assertThat(request.loadBalancers()).extracting(lb -> lb.targetGroupArn()).containsExactly(TG);
        assertThat(request.serviceRegistries()).extracting(r -> r.registryArn()).containsExactly(REGISTRY);
        assertThat(request.serviceConnectConfiguration().services()).extracting(s -> s.portName())
                .containsExactly("http");
    }

    @Test
    void aServiceWithoutNetworking_sendsNoneOnCreate_andNoServiceConnectOnUpdate() {
        ServiceSpec plain = ServiceSpec.builder("web", TaskDefinitionRef.latest("web")).build();

        CreateServiceRequest create = EcsServiceRequests.create("shop", plain, TD, "token").build();
        UpdateServiceRequest update = EcsServiceRequests.update("shop", plain, TD, false).build();

        assertThat(create.hasLoadBalancers()).isFalse();
        assertThat(create.hasServiceRegistries()).isFalse();
        assertThat(create.serviceConnectConfiguration()).isNull();
        assertThat(update.serviceConnectConfiguration()).isNull();
    }

    @Test
    void updateService_withoutLoadBalancersOrRegistries_sendsEmptyLists_whichRemoveThoseTheServiceHad() {
        ServiceSpec plain = ServiceSpec.builder("web", TaskDefinitionRef.latest("web")).build();

        UpdateServiceRequest update = EcsServiceRequests.update("shop", plain, TD, false).build();

        assertThat(update.hasLoadBalancers()).isTrue();
        assertThat(update.loadBalancers()).isEmpty();
        assertThat(update.hasServiceRegistries()).isTrue();
        assertThat(update.serviceRegistries()).isEmpty();
    }
}
