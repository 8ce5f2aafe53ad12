package dev.berth.swarm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.EnvironmentVariable;
import dev.berth.model.HealthCheck;
import dev.berth.model.LogConfiguration;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.Ulimit;
import dev.berth.model.ContainerOverride;
import dev.berth.swarm.PublishMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerTemplatesTest {

    private final ContainerTemplates host = new ContainerTemplates(PublishMode.HOST, Duration.ofSeconds(30));

    private static ContainerDefinition web() {
        return ContainerDefinition.builder("web").image("busybox:1").cpu(512).memoryMiB(128)
                .memoryReservationMiB(64).entryPoint("sh", "-c").command("httpd -f")
                .environment("A", "1").environment("B", "2").workingDirectory("/srv").user("nobody")
                .stopTimeout(Duration.ofSeconds(7)).ulimit(new Ulimit("nofile", 100, 200))
                .healthCheck(HealthCheck.shell("true").withInterval(Duration.ofSeconds(5)))
                .logConfiguration(new LogConfiguration("awslogs", Map.of("awslogs-group", "g"), List.of()))
                .portMapping(8080).portMapping(new PortMapping(53, 5353, Protocol.UDP, Optional.empty(),
                        Optional.empty()))
                .build();
    }

    @Test
    void taskTemplate_mapsTheContainerAsTheDockerBackendDoes() {
        ObjectNode t = host.taskTemplate(web(), "sha256:abc", List.of("A=1"), Map.of("k", "v"),
                List.of(new ContainerTemplates.Attachment("net", List.of("web", "alias"))),
                SwarmPlacement.pinned("n1"), "none", Duration.ofSeconds(20));

        ObjectNode spec = (ObjectNode) t.get("ContainerSpec");
        assertThat(spec.path("Image").asText()).isEqualTo("sha256:abc");
        assertThat(spec.path("Command").toString()).isEqualTo("[\"sh\",\"-c\"]");
        assertThat(spec.path("Args").toString()).isEqualTo("[\"httpd -f\"]");
        assertThat(spec.path("Dir").asText()).isEqualTo("/srv");
        assertThat(spec.path("User").asText()).isEqualTo("nobody");
        assertThat(spec.path("StopGracePeriod").asLong()).isEqualTo(Duration.ofSeconds(7).toNanos());
        assertThat(spec.path("Labels").path("k").asText()).isEqualTo("v");
        assertThat(spec.path("Ulimits").get(0).path("Hard").asInt()).isEqualTo(200);
        assertThat(spec.path("Healthcheck").path("StartPeriod").asLong())
                .as("the grace period when it is longer than the start period").isEqualTo(20_000_000_000L);
        assertThat(t.path("Resources").path("Limits").path("MemoryBytes").asLong()).isEqualTo(128L << 20);
        assertThat(t.path("Resources").path("Reservations").path("MemoryBytes").asLong()).isEqualTo(64L << 20);
        assertThat(t.path("Resources").path("Reservations").path("NanoCPUs").asLong()).isEqualTo(500_000_000L);
        assertThat(t.path("RestartPolicy").path("Condition").asText()).isEqualTo("none");
        assertThat(t.path("Placement").path("Constraints").get(0).asText()).isEqualTo("node.id==n1");
        assertThat(t.path("Networks").get(0).path("Aliases").toString()).isEqualTo("[\"web\",\"alias\"]");
        assertThat(t.has("LogDriver")).as("awslogs falls back to the engine's driver").isFalse();
    }

    @Test
    void environment_overridesThenSecretsReplaceVariablesOfTheSameName() {
        ContainerOverride override = new ContainerOverride("web", Optional.empty(),
                List.of(new EnvironmentVariable("B", "over")));

        assertThat(ContainerTemplates.environment(web(), Optional.of(override), Map.of("A", "secret")))
                .containsExactly("A=secret", "B=over");
    }

    @Test
    void endpoint_inHostMode_publishesOnTheNodeWithDynamicAndStaticPorts() {
        ObjectNode e = host.endpoint(web(), NetworkMode.BRIDGE, true);

        assertThat(e.path("Mode").asText()).isEqualTo("dnsrr");
        assertThat(e.path("Ports").get(0).path("PublishMode").asText()).isEqualTo("host");
        assertThat(e.path("Ports").get(0).has("PublishedPort")).as("dynamic: the engine picks").isFalse();
        assertThat(e.path("Ports").get(1).path("PublishedPort").asInt()).isEqualTo(5353);
        assertThat(e.path("Ports").get(1).path("Protocol").asText()).isEqualTo("udp");
    }

    @Test
    void endpoint_inIngressMode_publishesThroughTheRoutingMeshOnAVirtualIp() {
        ObjectNode e = new ContainerTemplates(PublishMode.INGRESS, Duration.ofSeconds(30))
                .endpoint(web(), NetworkMode.BRIDGE, true);

        assertThat(e.path("Mode").asText()).isEqualTo("vip");
        assertThat(e.path("Ports").get(0).path("PublishMode").asText()).isEqualTo("ingress");
    }

    @Test
    void endpoint_inHostNetworkMode_publishesNothing() {
        assertThat(host.endpoint(web(), NetworkMode.HOST, false).has("Ports")).isFalse();
    }
}
