package dev.berth.benchmarks.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneProcessesTest {

    @TempDir
    Path state;

    @Test
    void measuresTheRecordedProcesses_andAPartThatIsGoneAsZero() throws IOException {
        Files.createDirectories(state.resolve("pids"));
        Files.writeString(state.resolve("pids/this-jvm"), ProcessHandle.current().pid() + "\n");
        Files.writeString(state.resolve("pids/gone"), "2147483646\n");

        ControlPlaneProcesses processes = ControlPlaneProcesses.of(state);

        Map<String, Double> cpu = processes.cpuSeconds();
        assertThat(cpu).containsOnlyKeys("this-jvm", "gone").containsEntry("gone", 0.0);
        assertThat(cpu.get("this-jvm")).isPositive();
        assertThat(processes.residentMiB()).isPositive();
    }

    @Test
    void difference_isWhatEachPartUsedInBetween() {
        assertThat(ControlPlaneProcesses.difference(Map.of("etcd", 1.0), Map.of("etcd", 3.5, "kwok", 2.0)))
                .isEqualTo(Map.of("etcd", 2.5, "kwok", 2.0));
    }

    @Test
    void of_withoutRecordedProcesses_saysHowToStartTheControlPlane() {
        assertThatIllegalStateException().isThrownBy(() -> ControlPlaneProcesses.of(state))
                .withMessageContaining("scripts/k8s-env.sh");
    }
}
