package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.task.HealthStatus;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ECS's restartPolicy rules for one exited container: ignored exit codes and the minimum run time. */
class RestartDecisionTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");
    private static final RestartRule RULE = new RestartRule(Set.of(0, 143), Duration.ofSeconds(60));

    private static ContainerObservation exited(int exitCode, Duration ran, Optional<RestartRule> rule) {
        return new ContainerObservation("app", "id", true, TaskStatus.STOPPED, HealthStatus.UNKNOWN, false,
                OptionalInt.of(exitCode), Optional.empty(), List.of(), Optional.of(STARTED),
                Optional.of(STARTED.plus(ran)), rule, List.of());
    }

    @Test
    void decide_exitAfterThePeriod_withACodeNotIgnored_restarts() {
        assertThat(RestartDecision.decide(exited(1, Duration.ofSeconds(60), Optional.of(RULE))).restart()).isTrue();
        assertThat(RestartDecision.decide(exited(137, Duration.ofMinutes(30), Optional.of(RULE))).restart())
                .isTrue();
    }

    @Test
    void decide_ignoredExitCode_doesNotRestart() {
        RestartDecision decision = RestartDecision.decide(exited(143, Duration.ofMinutes(5), Optional.of(RULE)));

        assertThat(decision.restart()).isFalse();
        assertThat(decision.why()).contains("ignoredExitCodes");
    }

    @Test
    void decide_exitBeforeThePeriod_doesNotRestart() {
        RestartDecision decision = RestartDecision.decide(exited(1, Duration.ofSeconds(59), Optional.of(RULE)));

        assertThat(decision.restart()).isFalse();
        assertThat(decision.why()).contains("restartAttemptPeriod");
    }

    @Test
    void decide_withoutAPolicy_runningOrWithoutTimes_doesNotRestart() {
        assertThat(RestartDecision.decide(exited(1, Duration.ofMinutes(5), Optional.empty())).restart()).isFalse();
        ContainerObservation running = new ContainerObservation("app", "id", true, TaskStatus.RUNNING,
                HealthStatus.UNKNOWN, false, OptionalInt.empty(), Optional.empty(), List.of(), Optional.of(STARTED),
                Optional.empty(), Optional.of(RULE), List.of());
        assertThat(RestartDecision.decide(running).restart()).isFalse();
        ContainerObservation noTimes = new ContainerObservation("app", "id", true, TaskStatus.STOPPED,
                HealthStatus.UNKNOWN, false, OptionalInt.of(1), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.of(RULE), List.of());
        assertThat(RestartDecision.decide(noTimes).restart()).isFalse();
    }

    @ParameterizedTest(name = "exit {0} after {1} ms with period {2} s: restart={3}")
    @CsvSource({
        "1, 59999, 60, false",
        "1, 60000, 60, true",
        "2, 60000, 60, false",
        "255, 1799999, 1800, false",
        "255, 1800000, 1800, true",
        "0, 3600000, 60, false",
        "143, 3600000, 60, false",
        "137, 3600000, 60, true",
    })
    void decide_restartsExactlyWhenTheCodeIsNotIgnoredAndThePeriodHasPassed(int exitCode, long ranMillis,
                                                                            int periodSeconds, boolean expected) {
        RestartRule rule = new RestartRule(Set.of(0, 2, 143), Duration.ofSeconds(periodSeconds));

        assertThat(RestartDecision.decide(exited(exitCode, Duration.ofMillis(ranMillis), Optional.of(rule)))
                .restart()).isEqualTo(expected);
    }

    @Test
    void restartRule_labelsRoundTrip_andForeignLabelsCarryNone() {
        assertThat(RestartRule.fromLabels(RULE.toLabels())).contains(RULE);
        assertThat(RestartRule.fromLabels(Map.of(Labels.RESTART_ATTEMPT_PERIOD_MS, "not-a-number"))).isEmpty();
        assertThat(RestartRule.fromLabels(Map.of(Labels.RESTART_ATTEMPT_PERIOD_MS, "60000")))
                .contains(new RestartRule(Set.of(), Duration.ofSeconds(60)));
    }
}
