package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.berth.cluster.ClusterRecord;
import dev.berth.model.HostPorts;
import dev.berth.model.InstanceStatus;
import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.TaskReservation;
import dev.berth.spi.ContainerInstance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {

    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void of_whenTheBackendDrainsAnInstance_reportsItDrainingThoughTheClusterHasItActive() {
        ClusterRecord cluster = ClusterRecord.create("dev", NOW);
        ContainerInstance cordoned = instance("node-a", true);
        ContainerInstance open = instance("node-b", false);

        ClusterSnapshot snapshot = ClusterSnapshot.of(cluster, List.of(cordoned, open), List.of(),
                task -> new TaskReservation(0, 0, HostPorts.none()));

        assertThat(snapshot.instances()).extracting(InstanceState::id, InstanceState::status)
                .containsExactly(tuple("node-a", InstanceStatus.DRAINING),
                        tuple("node-b", InstanceStatus.ACTIVE));
    }

    private static ContainerInstance instance(String id, boolean draining) {
        return new ContainerInstance(id, true, 1024, 1024, HostPorts.none(), Map.of(), NOW, "1.0",
                Optional.empty(), draining);
    }
}
