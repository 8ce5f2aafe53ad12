package dev.berth.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ELB's health states: one pass makes a new target healthy, the thresholds govern every later change. */
class TargetHealthMachineTest {

    private static final CheckResult FAIL = CheckResult.fail(CheckResult.TIMEOUT, "Request timed out");

    @Test
    void registered_isInitialWhileChecking() {
        TargetHealthMachine m = TargetHealthMachine.registered();

        assertThat(m.state()).isEqualTo(TargetHealthState.INITIAL);
        assertThat(m.reason()).contains(TargetHealthMachine.INITIAL_HEALTH_CHECKING);
        assertThat(m.description()).isEqualTo("Initial health checks in progress");
    }

    @Test
    void initial_afterOnePass_isHealthy() {
        assertThat(TargetHealthMachine.registered().after(CheckResult.pass(), 5, 2).state())
                .isEqualTo(TargetHealthState.HEALTHY);
    }

    @Test
    void initial_afterUnhealthyThresholdFailures_isUnhealthyWithTheLastReason() {
        TargetHealthMachine m = TargetHealthMachine.registered().after(FAIL, 5, 3).after(FAIL, 5, 3);
        assertThat(m.state()).isEqualTo(TargetHealthState.INITIAL);

        m = m.after(FAIL, 5, 3);

        assertThat(m.state()).isEqualTo(TargetHealthState.UNHEALTHY);
        assertThat(m.reason()).contains(CheckResult.TIMEOUT);
    }

    @Test
    void healthy_staysHealthyUntilFailuresInARowReachTheThreshold() {
        TargetHealthMachine m = TargetHealthMachine.registered().after(CheckResult.pass(), 5, 2)
                .after(FAIL, 5, 2).after(CheckResult.pass(), 5, 2).after(FAIL, 5, 2);
        assertThat(m.state()).isEqualTo(TargetHealthState.HEALTHY);

        assertThat(m.after(FAIL, 5, 2).state()).isEqualTo(TargetHealthState.UNHEALTHY);
    }

    @Test
    void unhealthy_needsHealthyThresholdPassesInARow() {
        TargetHealthMachine m = TargetHealthMachine.registered().after(FAIL, 3, 2).after(FAIL, 3, 2);
        m = m.after(CheckResult.pass(), 3, 2).after(CheckResult.pass(), 3, 2).after(FAIL, 3, 2)
                .after(CheckResult.pass(), 3, 2).after(CheckResult.pass(), 3, 2);
        assertThat(m.state()).isEqualTo(TargetHealthState.UNHEALTHY);

        assertThat(m.after(CheckResult.pass(), 3, 2).state()).isEqualTo(TargetHealthState.HEALTHY);
    }
}
