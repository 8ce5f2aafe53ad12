package dev.berth.swarm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.HealthCheck;
import dev.berth.model.NetworkMode;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Secret;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.service.ServiceSpec;
import dev.berth.swarm.PublishMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A revision written into a Swarm service spec reads back as what Berth was given, without secret values. */
class SpecRevisionsTest {

    private final Instant now = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void of_readsBackTheRevisionTheSpecWasWrittenFrom_withoutSecretValues() {
        TaskDefinition definition = TaskDefinition.builder("web").networkMode(NetworkMode.BRIDGE)
                .container(c -> c.name("web").image("registry.example/team/web:7").cpu(256).memoryMiB(128)
                        .memoryReservationMiB(64).entryPoint("sh", "-c").command("exec httpd -f")
                        .environment("MODE", "prod").secret("DB_PASSWORD", "prod/db").workingDirectory("/srv")
                        .user("www").stopTimeout(Duration.ofSeconds(9)).portMapping(8080)
                        .healthCheck(HealthCheck.shell("true").withInterval(Duration.ofSeconds(10)))
                        .dockerLabel("team", "payments"))
                .build();
        RegisteredTaskDefinition given = new RegisteredTaskDefinition(
                "arn:aws:ecs:local:000000000000:task-definition/web:3", 3, TaskDefinitionStatus.ACTIVE, definition,
                Instant.EPOCH, Optional.empty());
        ServiceSpecs specs = new ServiceSpecs(new ContainerTemplates(PublishMode.HOST, Duration.ofSeconds(30)),
                Duration.ofSeconds(10), Map.of("session", "s1"));
        ObjectNode spec = specs.spec(ServiceSpec.builder("web", given.ref()).desiredCount(1).build(), given,
                new ServiceSpecs.Inputs("c", "sha256:pinned", Map.of("DB_PASSWORD", "hunter2"), 3, 0),
                Optional.empty(), now);

        RegisteredTaskDefinition read = SpecRevisions.of(spec.path("TaskTemplate"), spec.path("EndpointSpec"), now)
                .orElseThrow();

        assertThat(read.arn()).isEqualTo(given.arn());
        assertThat(read.revision()).isEqualTo(3);
        assertThat(read.definition().family()).isEqualTo("web");
        ContainerDefinition c = read.definition().containerDefinitions().get(0);
        ContainerDefinition original = definition.containerDefinitions().get(0);
        assertThat(c.image()).isEqualTo(original.image());
        assertThat(c.entryPoint()).isEqualTo(original.entryPoint());
        assertThat(c.command()).isEqualTo(original.command());
        assertThat(c.environment()).isEqualTo(original.environment());
        assertThat(c.secrets()).containsExactly(new Secret("DB_PASSWORD", "prod/db"));
        assertThat(read.definition().toString()).doesNotContain("hunter2");
        assertThat(c.cpu()).isEqualTo(256);
        assertThat(c.memoryMiB()).isEqualTo(original.memoryMiB());
        assertThat(c.memoryReservationMiB()).isEqualTo(original.memoryReservationMiB());
        assertThat(c.portMappings()).isEqualTo(original.portMappings());
        assertThat(c.healthCheck()).isEqualTo(original.healthCheck());
        assertThat(c.stopTimeout()).isEqualTo(original.stopTimeout());
        assertThat(c.workingDirectory()).isEqualTo(original.workingDirectory());
        assertThat(c.user()).isEqualTo(original.user());
        assertThat(c.dockerLabels()).isEqualTo(Map.of("team", "payments", "session", "s1"));
    }

    @Test
    void of_aTemplateBerthDidNotWrite_isEmpty() {
        assertThat(SpecRevisions.of(Fixtures.json("{'ContainerSpec':{'Image':'nginx'}}"), Fixtures.json("{}"), now))
                .isEmpty();
    }
}
