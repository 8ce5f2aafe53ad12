package dev.berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cluster.ClusterRecord;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterSnapshotsTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-08T00:00:00Z"));
    private final InMemoryBackend backend = InMemoryBackend.create(clock);
    private final ClusterSnapshots snapshots = new ClusterSnapshots(backend, arn -> {
        throw new AssertionError("no task runs here");
    });

    @Test
    void placement_withAChangeFeed_keepsTheStateBetweenTurns() {
        ClusterRecord cluster = ClusterRecord.create("dev", clock.instant());
        backend.addInstance("dev", InMemoryBackend.instance("i-1"));

        snapshots.inTurn("dev", () -> snapshots.placement(cluster));
        KeptPlacement first = snapshots.keptState("dev").orElseThrow();
        snapshots.inTurn("dev", () -> snapshots.placement(cluster));

        assertThat(snapshots.keptState("dev")).containsSame(first);
    }

    @Test
    void forget_whenTheClusterIsDeleted_dropsItsKeptState() {
        ClusterRecord cluster = ClusterRecord.create("dev", clock.instant());
        backend.addInstance("dev", InMemoryBackend.instance("i-1"));
        snapshots.inTurn("dev", () -> snapshots.placement(cluster));

        snapshots.forget("dev");

        assertThat(snapshots.keptState("dev")).isEmpty();
    }
}
