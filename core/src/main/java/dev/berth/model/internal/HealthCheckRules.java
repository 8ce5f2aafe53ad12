package dev.berth.model.internal;

import dev.berth.model.HealthCheck;
import java.util.Set;

/**
 * ECS's rules for a container's {@code healthCheck}
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html): an exec or shell command and
 * timings in whole seconds within ECS's ranges.
 */
final class HealthCheckRules {

    /** ECS documents only these two forms; Docker's {@code NONE} is not accepted. */
    private static final Set<String> COMMAND_TYPES = Set.of("CMD", "CMD-SHELL");

    private HealthCheckRules() {
    }

    static void check(String path, HealthCheck check, Problems problems) {
        if (check.command().isEmpty()) {
            problems.add(path + ".command", Rule.HEALTH_CHECK_COMMAND_EMPTY, "");
        } else if (!COMMAND_TYPES.contains(check.command().get(0))) {
            problems.add(path + ".command", Rule.HEALTH_CHECK_COMMAND_TYPE, check.command().get(0),
                    check.command().get(0));
        }
        Seconds.check(problems, path + ".interval", check.interval(), 5, 300,
                Rule.HEALTH_CHECK_INTERVAL_RANGE, Rule.HEALTH_CHECK_INTERVAL_WHOLE_SECONDS);
        Seconds.check(problems, path + ".timeout", check.timeout(), 2, 60,
                Rule.HEALTH_CHECK_TIMEOUT_RANGE, Rule.HEALTH_CHECK_TIMEOUT_WHOLE_SECONDS);
        if (check.retries() < 1 || check.retries() > 10) {
            problems.add(path + ".retries", Rule.HEALTH_CHECK_RETRIES_RANGE, check.retries());
        }
        check.startPeriod().ifPresent(startPeriod -> Seconds.check(problems, path + ".startPeriod", startPeriod,
                0, 300, Rule.HEALTH_CHECK_START_PERIOD_RANGE, Rule.HEALTH_CHECK_START_PERIOD_WHOLE_SECONDS));
    }
}
