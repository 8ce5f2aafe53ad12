package dev.berth.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** How a health check's runs read in failure messages. */
class HealthCheckRunTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void summary_quotesTheOutputOnOneLine_andCutsALongOne() {
        assertThat(new HealthCheckRun(T0, 127, "/bin/sh: curl: not found\n").summary())
                .isEqualTo("exit 127: \"/bin/sh: curl: not found\"");
        assertThat(new HealthCheckRun(T0, 1, "  first\r\n  second \n").summary())
                .isEqualTo("exit 1: \"first | second\"");
        assertThat(new HealthCheckRun(T0, -1, "").summary()).isEqualTo("exit -1 (no output)");
        assertThat(new HealthCheckRun(T0, 1, "x".repeat(300)).summary()).hasSize("exit 1: \"".length() + 200 + 4);
        assertThat(new HealthCheckRun(T0, 0, "ok").passed()).isTrue();
    }

    @Test
    void containerAndTaskSummaries_nameTheLatestRunOfEachCheckedContainer() {
        ContainerState checked = new ContainerState("app", TaskStatus.RUNNING, OptionalInt.empty(),
                HealthStatus.UNKNOWN, Optional.empty(), List.of(), List.of(new HealthCheckRun(T0, 127, "not found"),
                new HealthCheckRun(T0.plusSeconds(5), 1, "refused")));
        ContainerState unchecked = new ContainerState("side", TaskStatus.RUNNING, OptionalInt.empty(),
                HealthStatus.UNKNOWN, Optional.empty(), List.of());
        Task task = new Task("t1", "dev", "arn", "i-1", "service:web", "ecs-svc/1", TaskStatus.RUNNING,
                DesiredStatus.RUNNING, HealthStatus.UNKNOWN, List.of(checked, unchecked), T0, Optional.of(T0),
                Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(checked.lastHealthCheck()).map(HealthCheckRun::exitCode).contains(1);
        assertThat(unchecked.healthSummary()).isEqualTo("UNKNOWN");
        assertThat(task.healthSummary()).isEqualTo(
                "task t1 RUNNING, health UNKNOWN (app UNKNOWN, last health check exit 1: \"refused\")");
    }
}
