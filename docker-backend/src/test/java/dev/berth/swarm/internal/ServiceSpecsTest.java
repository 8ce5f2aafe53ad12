package dev.berth.swarm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceSpec;
import dev.berth.swarm.PublishMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceSpecsTest {

    private final ServiceSpecs specs = new ServiceSpecs(new ContainerTemplates(PublishMode.HOST,
            Duration.ofSeconds(30)), Duration.ofSeconds(10), Map.of("session", "s1"));
    private final Instant now = Instant.parse("2026-01-02T03:04:05Z");

    private static RegisteredTaskDefinition revision(int n, String image) {
        return new RegisteredTaskDefinition("arn:aws:ecs:local:000000000000:task-definition/web:" + n, n, TaskDefinitionStatus.ACTIVE,
                TaskDefinition.builder("web").container(c -> c.name("web").image(image).memoryMiB(16)
                        .portMapping(8080)).build(), Instant.EPOCH, Optional.empty());
    }

    private ObjectNode spec(ServiceSpec service, RegisteredTaskDefinition revision, long force,
                            Optional<ServiceSpecs.Deployment> current) {
        return specs.spec(service, revision, new ServiceSpecs.Inputs("c", "img", Map.of(), 3, force), current, now);
    }

    private static ServiceSpecs.Deployment deploymentOf(ObjectNode spec) {
        return ServiceSpecs.deployment(Json.strings(spec.path("Labels")),
                Json.strings(spec.path("TaskTemplate").path("ContainerSpec").path("Labels"))).orElseThrow();
    }

    @Test
    void spec_ofAReplicaService_isAReplicatedSwarmServiceNamedLikeAStack() {
        ServiceSpec web = ServiceSpec.builder("web", revision(1, "a").ref()).desiredCount(2).build();

        ObjectNode s = spec(web, revision(1, "a"), 0, Optional.empty());

        assertThat(s.path("Name").asText()).isEqualTo("c_web");
        assertThat(s.path("Mode").path("Replicated").path("Replicas").asInt()).isEqualTo(2);
        assertThat(s.path("Labels").path("session").asText()).isEqualTo("s1");
        assertThat(s.path("Labels").path("dev.berth.service").asText()).isEqualTo("web");
        assertThat(SpecRevisions.of(s.path("TaskTemplate"), s.path("EndpointSpec"), now)).hasValueSatisfying(r ->
                assertThat(r.arn()).endsWith("task-definition/web:1"));
        assertThat(s.path("TaskTemplate").path("RestartPolicy").path("Condition").asText()).isEqualTo("any");
        assertThat(s.path("TaskTemplate").path("ContainerSpec").path("Labels").path("dev.berth.group").asText())
                .isEqualTo("service:web");
        assertThat(s.path("UpdateConfig").path("Order").asText()).isEqualTo("start-first");
        assertThat(s.path("TaskTemplate").path("Placement").path("Preferences").get(0).path("Spread")
                .path("SpreadDescriptor").asText()).isEqualTo("node.labels.ecs.availability-zone");
    }

    @Test
    void spec_ofADaemonService_isGlobalWithBoundsForTheReadyNodes() {
        ServiceSpec agent = ServiceSpec.builder("agent", revision(1, "a").ref())
                .schedulingStrategy(SchedulingStrategy.DAEMON)
                .deploymentConfiguration(new DeploymentConfiguration(50, 100, DeploymentCircuitBreaker.disabled()))
                .build();

        ObjectNode s = spec(agent, revision(1, "a"), 0, Optional.empty());

        assertThat(s.path("Mode").has("Global")).isTrue();
        assertThat(s.path("UpdateConfig").path("Parallelism").asInt()).isEqualTo(1); // 3 nodes - ceil(1.5)
    }

    @Test
    void deployment_staysWhenOnlyTheCountChanges_andIsNewForARevisionOrAForcedUpdate() {
        ServiceSpec two = ServiceSpec.builder("web", revision(1, "a").ref()).desiredCount(2).build();
        ObjectNode first = spec(two, revision(1, "a"), 0, Optional.empty());
        ServiceSpecs.Deployment d1 = deploymentOf(first);

        ServiceSpec five = ServiceSpec.builder("web", revision(1, "a").ref()).desiredCount(5).build();
        assertThat(deploymentOf(spec(five, revision(1, "a"), 0, Optional.of(d1))).id()).isEqualTo(d1.id());
        assertThat(deploymentOf(spec(five, revision(2, "b"), 0, Optional.of(d1))).id()).isNotEqualTo(d1.id());
        assertThat(deploymentOf(spec(five, revision(1, "a"), 1, Optional.of(d1))).id()).isNotEqualTo(d1.id());
        assertThat(d1.id()).startsWith("swarm-svc/");
        assertThat(d1.createdAt()).isEqualTo(now);
    }
}
