package dev.berth.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.spi.ContainerInstance;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeInstancesTest {

    private static Node node(boolean ready, Boolean cordoned) {
        return new NodeBuilder()
                .withNewMetadata().withName("ip-10-0-1-5.eu-west-1.compute.internal")
                .withCreationTimestamp("2026-12-01T08:00:00Z")
                .addToLabels("topology.kubernetes.io/zone", "eu-west-1a")
                .addToLabels("kubernetes.io/arch", "amd64")
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels("node.kubernetes.io/instance-type", "m5.large")
                .addToLabels("team", "payments")
                .endMetadata()
                .withNewSpec().withUnschedulable(cordoned).withProviderID("aws:///eu-west-1a/i-0abc123def4567890")
                .endSpec()
                .withNewStatus()
                .withAllocatable(Map.of("cpu", new Quantity("1930m"), "memory", new Quantity("7220184Ki")))
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "Unknown").endCondition()
                .withNewNodeInfo().withKubeletVersion("v1.37.2-eks-1234").endNodeInfo()
                .endStatus()
                .build();
    }

    @Test
    void toBerth_offersAllocatableResourcesInEcsUnitsWithEcsAttributes() {
        ContainerInstance instance = NodeInstances.toBerth(node(true, null), List.of());

        assertThat(instance.id()).isEqualTo("ip-10-0-1-5.eu-west-1.compute.internal");
        assertThat(instance.cpu()).isEqualTo(1976); // 1.93 CPUs * 1,024, rounded down
        assertThat(instance.memoryMiB()).isEqualTo(7050); // 7,220,184 KiB / 1,024, rounded down
        assertThat(instance.agentConnected()).isTrue();
        assertThat(instance.drainingAtBackend()).isFalse();
        assertThat(instance.attributes())
                .containsEntry("ecs.availability-zone", "eu-west-1a")
                .containsEntry("ecs.cpu-architecture", "x86_64")
                .containsEntry("ecs.os-type", "linux")
                .containsEntry("ecs.instance-type", "m5.large")
                .containsEntry("team", "payments")
                .containsEntry("topology.kubernetes.io/zone", "eu-west-1a");
        assertThat(instance.ec2InstanceId()).contains("i-0abc123def4567890");
        assertThat(instance.agentVersion()).isEqualTo("1.37.2");
        assertThat(instance.registeredAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void toBerth_whenCordonedOrNotReady_isDrainingOrDisconnected() {
        assertThat(NodeInstances.toBerth(node(true, true), List.of()).drainingAtBackend()).isTrue();
        assertThat(NodeInstances.toBerth(node(false, null), List.of()).agentConnected()).isFalse();
    }

    @Test
    void toBerth_subtractsWhatOtherPodsRequestAndTheirHostPorts() {
        Pod other = new PodBuilder().withNewSpec()
                .addNewContainer().withName("agent").withNewResources()
                .addToRequests("cpu", new Quantity("500m")).addToRequests("memory", new Quantity("1Gi"))
                .endResources().addNewPort().withContainerPort(9100).withHostPort(9100).endPort().endContainer()
                .addNewInitContainer().withName("mesh").withRestartPolicy("Always").withNewResources()
                .addToRequests("memory", new Quantity("100Mi")).endResources().endInitContainer()
                .addNewInitContainer().withName("setup").withNewResources()
                .addToRequests("memory", new Quantity("4Gi")).endResources().endInitContainer()
                .endSpec().build();

        ContainerInstance instance = NodeInstances.toBerth(node(true, null), List.of(other));

        assertThat(instance.cpu()).isEqualTo(1976 - 512);
        assertThat(instance.memoryMiB()).isEqualTo(7050 - 1024 - 100);
        assertThat(instance.reservedPorts().tcp()).containsExactly(9100);
    }
}
