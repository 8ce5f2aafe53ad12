package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.internal.DependencyCheck.Verdict;
import dev.berth.model.ContainerDependency;
import dev.berth.model.DependencyCondition;
import dev.berth.task.HealthStatus;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DependencyCheckTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static ContainerObservation state(TaskStatus status, HealthStatus health, OptionalInt exit) {
        return new ContainerObservation("db", "id", false, status, health, true, exit, Optional.empty(), List.of(),
                Optional.of(T0), Optional.empty());
    }

    private static DependencyCheck check(DependencyCondition condition, ContainerObservation target, Instant now) {
        return DependencyCheck.evaluate(new ContainerDependency("db", condition), Optional.of(target),
                Optional.of(T0), TIMEOUT, now);
    }

    @Test
    void evaluate_notStartedYet_waits() {
        assertThat(DependencyCheck.evaluate(new ContainerDependency("db", DependencyCondition.START),
                Optional.empty(), Optional.empty(), TIMEOUT, T0).verdict()).isEqualTo(Verdict.WAITING);
    }

    @Test
    void evaluate_start_holdsOnceRunningOrStopped() {
        assertThat(check(DependencyCondition.START, state(TaskStatus.RUNNING, HealthStatus.UNKNOWN,
                OptionalInt.empty()), T0).verdict()).isEqualTo(Verdict.SATISFIED);
        assertThat(check(DependencyCondition.START, state(TaskStatus.STOPPED, HealthStatus.UNKNOWN,
                OptionalInt.of(1)), T0).verdict()).isEqualTo(Verdict.SATISFIED);
    }

    @Test
    void evaluate_success_holdsOnExitZero_failsAtOnceOnOtherExit() {
        assertThat(check(DependencyCondition.SUCCESS, state(TaskStatus.STOPPED, HealthStatus.UNKNOWN,
                OptionalInt.of(0)), T0).verdict()).isEqualTo(Verdict.SATISFIED);
        DependencyCheck failed = check(DependencyCondition.SUCCESS, state(TaskStatus.STOPPED,
                HealthStatus.UNKNOWN, OptionalInt.of(2)), T0);
        assertThat(failed.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(failed.reason()).isEqualTo("dependency 'db' exited with code 2 but the condition is SUCCESS"
                + " (exit 0)");
    }

    @Test
    void evaluate_complete_holdsOnAnyExit() {
        assertThat(check(DependencyCondition.COMPLETE, state(TaskStatus.STOPPED, HealthStatus.UNKNOWN,
                OptionalInt.of(9)), T0).verdict()).isEqualTo(Verdict.SATISFIED);
    }

    @Test
    void evaluate_healthy_waitsUntilTheDependencysStartTimeout_thenFails() {
        ContainerObservation starting = state(TaskStatus.RUNNING, HealthStatus.UNKNOWN, OptionalInt.empty());

        assertThat(check(DependencyCondition.HEALTHY, starting, T0.plusSeconds(10)).verdict())
                .isEqualTo(Verdict.WAITING);
        DependencyCheck late = check(DependencyCondition.HEALTHY, starting, T0.plusSeconds(11));
        assertThat(late.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(late.reason()).isEqualTo("dependency 'db' did not reach HEALTHY within its startTimeout of 10 s");
        assertThat(check(DependencyCondition.HEALTHY, state(TaskStatus.RUNNING, HealthStatus.HEALTHY,
                OptionalInt.empty()), T0.plusSeconds(1)).verdict()).isEqualTo(Verdict.SATISFIED);
    }

    @Test
    void evaluate_healthy_dependencyExited_failsAtOnce() {
        assertThat(check(DependencyCondition.HEALTHY, state(TaskStatus.STOPPED, HealthStatus.UNKNOWN,
                OptionalInt.of(0)), T0).verdict()).isEqualTo(Verdict.FAILED);
    }
}
