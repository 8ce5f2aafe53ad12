package dev.berth.model.internal;

import static dev.berth.model.internal.ValidationFixtures.container;
import static dev.berth.model.internal.ValidationFixtures.onlyProblem;
import static dev.berth.model.internal.ValidationFixtures.problemsOf;
import static dev.berth.model.internal.ValidationFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.exception.SpecProblem;
import dev.berth.model.HealthCheck;
import dev.berth.model.TaskDefinition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Health-check rules (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html). */
class HealthCheckValidationTest {

    private static final String PATH = "containerDefinitions[0].healthCheck";

    private static TaskDefinition.Builder withCheck(HealthCheck check) {
        return task(container("app").healthCheck(check));
    }

    private static HealthCheck check() {
        return HealthCheck.shell("curl -f http://localhost/ || exit 1");
    }

    @Test
    void build_whenCheckAtAllLimits_accepts() {
        assertThat(problemsOf(withCheck(HealthCheck.cmd("true").withInterval(Duration.ofSeconds(5))
                .withTimeout(Duration.ofSeconds(60)).withRetries(10).withStartPeriod(Duration.ZERO)))).isEmpty();
        assertThat(problemsOf(withCheck(check().withInterval(Duration.ofSeconds(300))
                .withTimeout(Duration.ofSeconds(2)).withRetries(1).withStartPeriod(Duration.ofSeconds(300)))))
                .isEmpty();
    }

    @Test
    void build_whenCommandEmpty_reportsCommandEmpty() {
        onlyProblem(withCheck(HealthCheck.of(List.of())), PATH + ".command", "healthCheck.command.empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "cmd", "curl"})
    void build_whenCommandNotCmdOrCmdShell_reportsCommandType(String first) {
        SpecProblem problem = onlyProblem(withCheck(HealthCheck.of(List.of(first, "x"))), PATH + ".command",
                "healthCheck.command.type");

        assertThat(problem.value()).isEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 301})
    void build_whenIntervalOutOfRange_reportsRange(int seconds) {
        onlyProblem(withCheck(check().withInterval(Duration.ofSeconds(seconds))), PATH + ".interval",
                "healthCheck.interval.range");
    }

    @Test
    void build_whenIntervalHasMillis_reportsWholeSeconds() {
        onlyProblem(withCheck(check().withInterval(Duration.ofMillis(30_500))), PATH + ".interval",
                "healthCheck.interval.wholeSeconds");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 61})
    void build_whenTimeoutOutOfRange_reportsRange(int seconds) {
        onlyProblem(withCheck(check().withTimeout(Duration.ofSeconds(seconds))), PATH + ".timeout",
                "healthCheck.timeout.range");
    }

    @Test
    void build_whenTimeoutHasMillis_reportsWholeSeconds() {
        onlyProblem(withCheck(check().withTimeout(Duration.ofMillis(2_001))), PATH + ".timeout",
                "healthCheck.timeout.wholeSeconds");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 11})
    void build_whenRetriesOutOfRange_reportsRange(int retries) {
        onlyProblem(withCheck(check().withRetries(retries)), PATH + ".retries", "healthCheck.retries.range");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 301})
    void build_whenStartPeriodOutOfRange_reportsRange(int seconds) {
        onlyProblem(withCheck(check().withStartPeriod(Duration.ofSeconds(seconds))), PATH + ".startPeriod",
                "healthCheck.startPeriod.range");
    }

    @Test
    void build_whenStartPeriodHasMillis_reportsWholeSeconds() {
        onlyProblem(withCheck(check().withStartPeriod(Duration.ofMillis(100))), PATH + ".startPeriod",
                "healthCheck.startPeriod.wholeSeconds");
    }

    @Test
    void build_whenIntervalFractionalAndTooShort_reportsBothInOrder() {
        List<SpecProblem> problems = problemsOf(withCheck(check().withInterval(Duration.ofMillis(4_500))));

        assertThat(problems).extracting(SpecProblem::rule)
                .containsExactly("healthCheck.interval.wholeSeconds", "healthCheck.interval.range");
        assertThat(problems).extracting(SpecProblem::value).containsOnly("4.5");
    }
}
