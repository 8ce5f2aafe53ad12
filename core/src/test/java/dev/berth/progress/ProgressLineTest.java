package dev.berth.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.progress.ImagePullProgress.State;
import dev.berth.service.RolloutState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The console rendering of progress, and the reports' own checks and texts. */
class ProgressLineTest {

    private static final String NL = System.lineSeparator();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final ProgressLine line = ProgressLine.updating(stream);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static DeploymentProgress deployment(int running, int healthy, int pending, RolloutState state) {
        return new DeploymentProgress("dev", "web", "ecs-svc/2", "web:3", 3, running, healthy, pending, 0, state);
    }

    @Test
    void reports_overwriteOneLine_andAFinishedOneEndsIt() {
        line.onProgress(deployment(0, 0, 3, RolloutState.IN_PROGRESS));
        line.onProgress(deployment(3, 0, 0, RolloutState.IN_PROGRESS));
        line.onProgress(new ImagePullProgress("busybox:1", State.PULLING, 0, 1, 0, 0));

        String pending = "web: deployment ecs-svc/2 (web:3) - 0/3 running, 0/3 healthy, 3 pending";
        String steady = "web: deployment ecs-svc/2 (web:3) - 3/3 running, 0/3 healthy";
        assertThat(printed()).isEqualTo(pending + "\r" + steady + " ".repeat(pending.length() - steady.length()) + NL
                + "pulling busybox:1 - 0/1 layers, 0.0/0.0 MB");
    }

    @Test
    void shorterReport_wipesTheRestOfTheLongerOne() {
        line.onProgress(new ImagePullProgress("busybox:1", State.PULLING, 1, 2, 1_500_000, 2_000_000));
        line.onProgress(new ImagePullProgress("busybox:1", State.COMPLETED, 2, 2, 2_000_000, 2_000_000));

        String first = "pulling busybox:1 - 1/2 layers, 1.5/2.0 MB";
        String second = "pulled busybox:1 - 2 layers";
        assertThat(printed()).isEqualTo(first + "\r" + second + " ".repeat(first.length() - second.length()) + NL);
    }

    @Test
    void repeatedReport_isPrintedOnce() {
        line.onProgress(deployment(1, 0, 2, RolloutState.IN_PROGRESS));
        line.onProgress(deployment(1, 0, 2, RolloutState.IN_PROGRESS));

        assertThat(printed()).isEqualTo("web: deployment ecs-svc/2 (web:3) - 1/3 running, 0/3 healthy, 2 pending");
    }

    @Test
    void println_clearsAnOpenProgressLineFirst() {
        line.onProgress(deployment(1, 0, 2, RolloutState.IN_PROGRESS));
        line.println("steady");
        line.onProgress(deployment(1, 0, 2, RolloutState.IN_PROGRESS));

        String report = "web: deployment ecs-svc/2 (web:3) - 1/3 running, 0/3 healthy, 2 pending";
        assertThat(printed()).isEqualTo(report + "\r" + " ".repeat(report.length()) + "\r" + "steady" + NL + report);
    }

    @Test
    void lineByLine_printsEachReportOnALineOfItsOwn() {
        ProgressLine log = ProgressLine.lineByLine(stream);
        log.onProgress(deployment(0, 0, 3, RolloutState.IN_PROGRESS));
        log.onProgress(deployment(0, 0, 3, RolloutState.IN_PROGRESS));
        log.onProgress(deployment(3, 0, 0, RolloutState.IN_PROGRESS));
        log.println("steady");

        assertThat(printed()).isEqualTo("web: deployment ecs-svc/2 (web:3) - 0/3 running, 0/3 healthy, 3 pending" + NL
                + "web: deployment ecs-svc/2 (web:3) - 3/3 running, 0/3 healthy" + NL + "steady" + NL);
    }

    @Test
    void printingTo_aStreamThatIsNoTerminal_printsLineByLine() {
        ProgressLine auto = ProgressListener.printingTo(stream);
        auto.onProgress(deployment(0, 0, 3, RolloutState.IN_PROGRESS));
        auto.onProgress(deployment(1, 0, 2, RolloutState.IN_PROGRESS));

        assertThat(printed()).doesNotContain("\r").hasLineCount(2);
        assertThat(ProgressLine.isTerminal(null)).isFalse();
    }

    @Test
    void deploymentProgress_isFinishedWhenSteadyOrNoLongerInProgress() {
        assertThat(deployment(2, 2, 1, RolloutState.IN_PROGRESS).finished()).isFalse();
        assertThat(deployment(3, 1, 0, RolloutState.IN_PROGRESS).finished()).isTrue();
        assertThat(deployment(1, 1, 0, RolloutState.FAILED).finished()).isTrue();
        assertThat(deployment(1, 1, 0, RolloutState.FAILED).summary())
                .isEqualTo("web: deployment ecs-svc/2 (web:3) - 1/3 running, 1/3 healthy, FAILED");
    }

    @Test
    void pullSummaries_sayWhereThePullIs() {
        assertThat(new ImagePullProgress("a:1", State.COMPLETED, 0, 0, 0, 0).summary()).isEqualTo("pulled a:1");
        assertThat(new ImagePullProgress("a:1", State.COMPLETED, 1, 1, 0, 0).summary()).isEqualTo("pulled a:1 - 1 layer");
        assertThat(new ImagePullProgress("a:1", State.FAILED, 1, 3, 0, 0).summary())
                .isEqualTo("pull of a:1 failed after 1/3 layers");
        assertThat(new ImagePullProgress("a:1", State.FAILED, 1, 3, 0, 0).finished()).isTrue();
    }

    @Test
    void reports_rejectImpossibleCounts() {
        assertThatThrownBy(() -> deployment(1, 2, 0, RolloutState.IN_PROGRESS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("healthyCount");
        assertThatThrownBy(() -> new DeploymentProgress("dev", "web", "ecs-svc/1", "web:1", 3, 1, 0, -1, 0,
                RolloutState.IN_PROGRESS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pending=-1");
        assertThatThrownBy(() -> new ImagePullProgress("a:1", State.PULLING, 3, 2, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layersDone");
        assertThatThrownBy(() -> new ImagePullProgress("a:1", State.PULLING, 0, 2, 5, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytesDone");
    }
}
