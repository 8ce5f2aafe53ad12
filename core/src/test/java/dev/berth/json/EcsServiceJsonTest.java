package dev.berth.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.LoadBalancer;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceConnectClientAlias;
import dev.berth.service.ServiceConnectConfiguration;
import dev.berth.service.ServiceConnectService;
import dev.berth.service.ServiceRegistry;
import dev.berth.service.ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EcsServiceJsonTest {

    private static final String TG =
            "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/api/0123456789abcdef";
    private static final String REGISTRY = "arn:aws:servicediscovery:us-east-1:000000000000:service/srv-api";

    private final EcsServiceJson json = EcsServiceJson.create();

    @Test
    void readsCreateServiceInput_withEveryModeledField() {
        ServiceSpec spec = json.read("""
                {
                  "cluster": "dev",
                  "serviceName": "api",
                  "taskDefinition": "api:3",
                  "desiredCount": 2,
                  "launchType": "EC2",
                  "deploymentConfiguration": {
                    "minimumHealthyPercent": 50,
                    "maximumPercent": 150,
                    "deploymentCircuitBreaker": {"enable": true, "rollback": true}
                  },
                  "placementConstraints": [{"type": "distinctInstance"}],
                  "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}],
                  "healthCheckGracePeriodSeconds": 30,
                  "loadBalancers": [{"targetGroupArn": "%s", "containerName": "app", "containerPort": 8080}],
                  "serviceRegistries": [{"registryArn": "%s", "containerName": "app", "containerPort": 8080}],
                  "serviceConnectConfiguration": {
                    "enabled": true,
                    "namespace": "local",
                    "services": [{"portName": "http", "discoveryName": "api-http",
                                  "clientAliases": [{"port": 80, "dnsName": "api"}]}]
                  }
                }
                """.formatted(TG, REGISTRY));

        assertThat(spec.name()).isEqualTo("api");
        assertThat(spec.taskDefinition()).isEqualTo(TaskDefinitionRef.of("api", 3));
        assertThat(spec.desiredCount()).isEqualTo(2);
        assertThat(spec.deploymentConfiguration())
                .isEqualTo(new DeploymentConfiguration(50, 150, DeploymentCircuitBreaker.enabled(true)));
        assertThat(spec.placementConstraints()).containsExactly(PlacementConstraint.distinctInstance());
        assertThat(spec.placementStrategies()).containsExactly(PlacementStrategy.spreadByAttribute(
                "ecs.availability-zone"));
        assertThat(spec.healthCheckGracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.loadBalancers()).containsExactly(new LoadBalancer(TG, "app", 8080));
        assertThat(spec.serviceRegistries()).containsExactly(ServiceRegistry.of(REGISTRY, "app", 8080));
        assertThat(spec.serviceConnectConfiguration()).isEqualTo(ServiceConnectConfiguration.enabled(
                Optional.of("local"), List.of(new ServiceConnectService("http", Optional.of("api-http"),
                        List.of(ServiceConnectClientAlias.of(80, "api")), OptionalInt.empty()))));
    }

    @Test
    void leftOutFields_takeEcsDefaults() {
        ServiceSpec spec = json.read("{\"serviceName\": \"web\", \"taskDefinition\": \"web\"}");
        assertThat(spec).isEqualTo(ServiceSpec.builder("web", TaskDefinitionRef.latest("web")).build());

        ServiceSpec daemon = json.read("""
                {"serviceName": "agent", "taskDefinition": "agent", "schedulingStrategy": "DAEMON",
                 "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true, "rollback": false}}}""");
        assertThat(daemon.schedulingStrategy()).isEqualTo(SchedulingStrategy.DAEMON);
        assertThat(daemon.deploymentConfiguration())
                .isEqualTo(new DeploymentConfiguration(0, 100, DeploymentCircuitBreaker.enabled(false)));

        ServiceSpec clientOnly = json.read("""
                {"serviceName": "client", "taskDefinition": "client",
                 "serviceConnectConfiguration": {"enabled": true}}""");
        assertThat(clientOnly.serviceConnectConfiguration())
                .isEqualTo(ServiceConnectConfiguration.enabled(Optional.empty(), List.of()));
    }

    @Test
    void everyProblem_isReportedAtOnce_withItsPath() {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> json.read("""
                {
                  "serviceName": "api",
                  "desiredCount": "two",
                  "schedulingStrategy": "replica",
                  "loadBalancers": [{"targetGroupArn": "%s", "containerName": "app", "containerPort": 70000}],
                  "serviceConnectConfiguration": {"enabled": true, "services": [{"portName": "http",
                      "clientAliases": []}]},
                  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}},
                  "healthCheckGracePeriodSecond": 30
                }
                """.formatted(TG)));

        assertThat(e.problems()).extracting(SpecProblem::path).containsExactlyInAnyOrder(
                "taskDefinition", "desiredCount", "schedulingStrategy", "loadBalancers[0].targetGroupArn",
                "serviceConnectConfiguration.services[0].portName", "networkConfiguration",
                "healthCheckGracePeriodSecond");
        assertThat(e.problems()).filteredOn(p -> p.path().equals("healthCheckGracePeriodSecond")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("healthCheckGracePeriodSeconds"));
        assertThat(e.problems()).filteredOn(p -> p.path().startsWith("loadBalancers")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("containerPort must be within 1..65535"));
        assertThat(e.problems()).filteredOn(p -> p.path().startsWith("serviceConnect")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("exactly one alias"));
    }

    @Test
    void ignoringUnknownFields_dropsThemAndUnsupportedOnes() {
        ServiceSpec spec = EcsServiceJson.builder().ignoreUnknownFields(true).build().read("""
                {"serviceName": "web", "taskDefinition": "web:1", "networkConfiguration": {"awsvpcConfiguration": {}},
                 "somethingNew": true}""");
        assertThat(spec.taskDefinition()).isEqualTo(TaskDefinitionRef.of("web", 1));
    }
}
