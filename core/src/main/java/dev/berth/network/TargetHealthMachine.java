package dev.berth.network;

import java.util.Objects;
import java.util.Optional;

/**
 * Elastic Load Balancing's health state of one registered target, as a pure value: each health check result gives
 * the next state. A new target is {@code initial}; it turns healthy after one check that passes (ALB guide: "After
 * your target is registered, it must pass one health check to be considered healthy") and unhealthy after
 * {@code unhealthyThreshold} checks in a row that fail. A healthy target turns unhealthy after
 * {@code unhealthyThreshold} failures in a row; an unhealthy one healthy again after {@code healthyThreshold}
 * passes in a row (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html).
 *
 * @param state INITIAL, HEALTHY or UNHEALTHY
 * @param passesInARow checks passed since the last failure
 * @param failuresInARow checks failed since the last pass
 * @param last the last check's outcome; empty before the first
 */
public record TargetHealthMachine(TargetHealthState state, int passesInARow, int failuresInARow,
                                  Optional<CheckResult> last) {

    /** ELB's reason while a new target's first checks run. */
    public static final String INITIAL_HEALTH_CHECKING = "Elb.InitialHealthChecking";

    /**
     * @throws IllegalArgumentException if the state is DRAINING (a registration's, not a check's) or a count negative
     * @throws NullPointerException if a component is null
     */
    public TargetHealthMachine {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(last, "last");
        if (state == TargetHealthState.DRAINING || passesInARow < 0 || failuresInARow < 0) {
            throw new IllegalArgumentException("health follows checks: INITIAL, HEALTHY or UNHEALTHY with counts >= 0");
        }
    }

    /** @return a target just registered */
    public static TargetHealthMachine registered() {
        return new TargetHealthMachine(TargetHealthState.INITIAL, 0, 0, Optional.empty());
    }

    /**
     * @param result the check's outcome
     * @param healthyThreshold passes in a row that make an unhealthy target healthy
     * @param unhealthyThreshold failures in a row that make a target unhealthy
     * @return the state after the check
     */
    public TargetHealthMachine after(CheckResult result, int healthyThreshold, int unhealthyThreshold) {
        int passes = result.passed() ? passesInARow + 1 : 0;
        int failures = result.passed() ? 0 : failuresInARow + 1;
        TargetHealthState next = switch (state) {
            case INITIAL -> passes >= 1 ? TargetHealthState.HEALTHY
                    : failures >= unhealthyThreshold ? TargetHealthState.UNHEALTHY : TargetHealthState.INITIAL;
            case HEALTHY -> failures >= unhealthyThreshold ? TargetHealthState.UNHEALTHY : TargetHealthState.HEALTHY;
            case UNHEALTHY -> passes >= healthyThreshold ? TargetHealthState.HEALTHY : TargetHealthState.UNHEALTHY;
            case DRAINING -> throw new IllegalStateException("unreachable: checked in the constructor");
        };
        return new TargetHealthMachine(next, passes, failures, Optional.of(result));
    }

    /** @return ELB's reason code for the state: empty when healthy */
    public Optional<String> reason() {
        return switch (state) {
            case HEALTHY -> Optional.empty();
            case INITIAL -> Optional.of(INITIAL_HEALTH_CHECKING);
            default -> last.flatMap(CheckResult::reason).or(() -> Optional.of(CheckResult.FAILED_HEALTH_CHECKS));
        };
    }

    /** @return what the last check saw, or that the first is still to come */
    public String description() {
        return state == TargetHealthState.INITIAL && last.isEmpty() ? "Initial health checks in progress"
                : last.map(CheckResult::description).orElse("");
    }
}
