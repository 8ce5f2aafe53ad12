package dev.berth.swarm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.spi.ContainerInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeInstancesTest {

    @Test
    void of_reportsResourcesLessOthersReservationsAndTheAttributes() {
        SwarmNode node = Fixtures.node("n1", "ready", "active", "'ecs.availability-zone':'zone-b','rack':'r1'");
        SwarmTask others = Fixtures.task("t", "s", "n1", "running", "running", "", "", "2026-01-02T03:00:01Z");

        ContainerInstance i = NodeInstances.of(node, List.of(others));

        assertThat(i.id()).isEqualTo("n1");
        assertThat(i.agentConnected()).isTrue();
        assertThat(i.cpu()).isEqualTo(2048 - 512);
        assertThat(i.memoryMiB()).isEqualTo(4096 - 64);
        assertThat(i.agentVersion()).isEqualTo("20.10.24");
        assertThat(i.drainingAtBackend()).isFalse();
        assertThat(i.attributes()).containsEntry("ecs.availability-zone", "zone-b").containsEntry("rack", "r1")
                .containsEntry("engine.labels.disk", "ssd").containsEntry("ecs.os-type", "linux")
                .containsEntry("ecs.cpu-architecture", "arm64").containsEntry("node.platform.arch", "aarch64")
                .containsEntry("node.hostname", "h-n1").containsEntry("node.role", "worker");
    }

    @Test
    void of_whenDownOrDrainedOrPaused_isDisconnectedOrDrained() {
        assertThat(NodeInstances.of(Fixtures.node("n1", "down", "active", ""), List.of()).agentConnected()).isFalse();
        assertThat(NodeInstances.of(Fixtures.node("n1", "ready", "drain", ""), List.of()).drainingAtBackend())
                .isTrue();
        assertThat(NodeInstances.of(Fixtures.node("n1", "ready", "pause", ""), List.of()).drainingAtBackend())
                .isTrue();
    }

    @Test
    void everyAttributeThatIsANodeFieldOrLabel_mapsBackToTheConstraintKeySwarmUses() {
        SwarmNode node = Fixtures.node("n1", "ready", "active", "'rack':'r1'");
        for (var a : NodeAttributes.of(node).entrySet()) {
            var key = NodeAttributes.constraintKey(a.getKey());
            if (a.getKey().equals("ecs.os-family") || a.getKey().equals("dev.berth.docker-version")) {
                assertThat(key).as(a.getKey()).isEmpty();
            } else {
                assertThat(key).as(a.getKey()).isPresent();
            }
        }
        assertThat(NodeAttributes.constraintKey("rack")).contains("node.labels.rack");
    }
}
