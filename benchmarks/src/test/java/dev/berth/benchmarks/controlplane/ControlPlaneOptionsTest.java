package dev.berth.benchmarks.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlPlaneOptionsTest {

    private static final Path STATE = Path.of("/tmp/state");

    @Test
    void parse_withoutOptions_givesTheDocumentedDefaults() {
        ControlPlaneOptions options = ControlPlaneOptions.parse(STATE);

        assertThat(options).isEqualTo(new ControlPlaneOptions(100, 10, 100, List.of("berth", "kubernetes"),
                STATE.resolve("kubeconfig"), STATE, 8, Duration.ofHours(1)));
        assertThat(options.totalTasks()).isEqualTo(1000);
        assertThat(options.describe()).isEqualTo("100 services x 10 tasks on 100 instances");
    }

    @Test
    void parse_readsEveryOption() {
        ControlPlaneOptions options = ControlPlaneOptions.parse(STATE, "--services", "1000", "--tasks", "100",
                "--nodes", "5000", "--sides", "kubernetes, berth", "--kubeconfig", "/k/config", "--state", "/s",
                "--parallel", "16", "--timeout", "60");

        assertThat(options).isEqualTo(new ControlPlaneOptions(1000, 100, 5000, List.of("kubernetes", "berth"),
                Path.of("/k/config"), Path.of("/s"), 16, Duration.ofSeconds(60)));
    }

    @Test
    void parse_kubeconfigFollowsTheStateDirectory() {
        assertThat(ControlPlaneOptions.parse(STATE, "--state", "/other").kubeconfig())
                .isEqualTo(Path.of("/other/kubeconfig"));
    }

    @Test
    void parse_rejectsWhatCannotRun_withTheUsage() {
        assertThatIllegalArgumentException().isThrownBy(() -> ControlPlaneOptions.parse(STATE, "--sides", "swarm"))
                .withMessageContaining("--sides takes each of").withMessageContaining("Options (defaults");
        assertThatIllegalArgumentException().isThrownBy(() -> ControlPlaneOptions.parse(STATE, "--sides",
                "berth,berth")).withMessageContaining("at most once");
        assertThatIllegalArgumentException().isThrownBy(() -> ControlPlaneOptions.parse(STATE, "--tasks", "0"))
                .withMessageContaining("must be positive");
        assertThatIllegalArgumentException().isThrownBy(() -> ControlPlaneOptions.parse(STATE, "--nodes", "many"))
                .withMessageContaining("--nodes needs a number, was 'many'");
        assertThatIllegalArgumentException().isThrownBy(() -> ControlPlaneOptions.parse(STATE, "--services"))
                .withMessageContaining("--services has no value");
        assertThatIllegalArgumentException().isThrownBy(() -> ControlPlaneOptions.parse(STATE, "--reps", "3"))
                .withMessageContaining("unknown option --reps");
    }
}
