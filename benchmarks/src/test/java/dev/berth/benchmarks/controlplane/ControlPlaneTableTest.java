package dev.berth.benchmarks.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlPlaneTableTest {

    private static PhaseResult result(Phase phase, long millis, Map<String, Double> cpu, long memory) {
        return new PhaseResult(phase, Duration.ofMillis(millis), 1000, cpu, memory);
    }

    private static String row(String table, String phase, String side) {
        return table.lines().filter(l -> l.startsWith("| " + phase + " | " + side)).findFirst().orElseThrow();
    }

    @Test
    void render_givesThroughputAndBerthsMultipleOfKubernetes() {
        List<PhaseResult> berth = List.of(result(Phase.CREATE, 500, Map.of("Berth", 1.25), 40));
        List<PhaseResult> kubernetes = List.of(result(Phase.CREATE, 20_000,
                Map.of("kube-apiserver", 10.0, "etcd", 2.5), 900));

        String table = ControlPlaneTable.render(berth, kubernetes);

        assertThat(row(table, "create, to all running", "Berth"))
                .isEqualTo("| create, to all running | Berth (in-memory backend) | 0.50 | 2,000 | 40.0x | 1.3 "
                        + "| Berth 1.3 | 40 |");
        assertThat(row(table, "create, to all running", "Kubernetes"))
                .isEqualTo("| create, to all running | Kubernetes + kwok | 20.00 | 50 |  | 12.5 "
                        + "| etcd 2.5, kube-apiserver 10.0 | 900 |");
    }

    @Test
    void render_oneSideAlone_hasNoRatio() {
        String table = ControlPlaneTable.render(List.of(), List.of(result(Phase.SCALE_IN, 1000, Map.of(), 1)));

        assertThat(table.lines()).hasSize(3);
        assertThat(row(table, "scale-in, to zero", "Kubernetes")).contains("| 1,000 | – |");
    }

    @Test
    void phaseResult_tasksPerSecond_andTotalCpu() {
        PhaseResult result = result(Phase.DEPLOY, 250, Map.of("a", 1.0, "b", 0.5), 0);

        assertThat(result.tasksPerSecond()).isEqualTo(4000.0);
        assertThat(result.totalCpuSeconds()).isEqualTo(1.5);
        assertThat(result.summary()).isEqualTo("deploy, to all rolled: 0.25 s, 4,000 tasks/s");
    }
}
