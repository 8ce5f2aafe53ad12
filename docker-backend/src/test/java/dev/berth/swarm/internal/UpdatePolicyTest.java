package dev.berth.swarm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.InvalidSpecException;
import dev.berth.service.CircuitBreakerThreshold;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpdatePolicyTest {

    private static final Duration MONITOR = Duration.ofSeconds(10);

    @Test
    void of_whenMaximumLeavesRoom_startsThatManyFirst() {
        UpdatePolicy p = UpdatePolicy.of(DeploymentConfiguration.replicaDefaults(), 4, MONITOR);

        assertThat(p.startFirst()).isTrue();
        assertThat(p.parallelism()).isEqualTo(4);
        assertThat(p.updateConfig().path("Order").asText()).isEqualTo("start-first");
        assertThat(p.updateConfig().path("Monitor").asLong()).isEqualTo(MONITOR.toNanos());
    }

    @Test
    void of_whenMaximumIs100_stopsAsManyFirstAsTheMinimumAllows() {
        UpdatePolicy p = UpdatePolicy.of(new DeploymentConfiguration(50, 100, DeploymentCircuitBreaker.disabled()),
                5, MONITOR);

        assertThat(p.startFirst()).isFalse();
        assertThat(p.parallelism()).isEqualTo(2); // 5 - ceil(2.5)
        assertThat(p.updateConfig().path("Order").asText()).isEqualTo("stop-first");
    }

    @Test
    void of_whenTheMinimumIsZero_replacesAllAtOnce() {
        UpdatePolicy p = UpdatePolicy.of(DeploymentConfiguration.daemonDefaults(), 3, MONITOR);

        assertThat(p.parallelism()).isZero();
        assertThat(p.startFirst()).isFalse();
    }

    @Test
    void of_whenBothBoundsLeaveNothing_refusesNamingThem() {
        assertThatThrownBy(() -> UpdatePolicy.of(new DeploymentConfiguration(100, 150,
                DeploymentCircuitBreaker.disabled()), 1, MONITOR))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("minimumHealthyPercent 100 and maximumPercent 150");
    }

    @Test
    void breaker_whenEnabledWithRollback_rollsBackAtTheThreshold() {
        DeploymentCircuitBreaker breaker = new DeploymentCircuitBreaker(true, true,
                new CircuitBreakerThreshold(CircuitBreakerThreshold.Type.COUNT, 3));

        UpdatePolicy p = UpdatePolicy.of(new DeploymentConfiguration(100, 200, breaker), 4, MONITOR);

        assertThat(p.failureAction()).isEqualTo("rollback");
        // Swarm acts when failures / 4 > ratio: with 2/4 it does not, with 3/4 it does
        assertThat(2 / 4.0).isLessThanOrEqualTo(p.maxFailureRatio());
        assertThat(3 / 4.0).isGreaterThan(p.maxFailureRatio());
        assertThat(p.rollbackConfig().path("FailureAction").asText()).isEqualTo("pause");
    }

    @Test
    void breaker_whenEnabledWithoutRollbackOrDisabled_pausesOrContinues() {
        DeploymentCircuitBreaker pausing = new DeploymentCircuitBreaker(true, false,
                CircuitBreakerThreshold.ecsDefault());

        assertThat(UpdatePolicy.of(new DeploymentConfiguration(100, 200, pausing), 2, MONITOR).failureAction())
                .isEqualTo("pause");
        assertThat(UpdatePolicy.of(DeploymentConfiguration.replicaDefaults(), 2, MONITOR).failureAction())
                .isEqualTo("continue");
    }

    @Test
    void breaker_whenTheThresholdExceedsTheDesiredCount_capsTheRatioAtOne() {
        DeploymentCircuitBreaker breaker = new DeploymentCircuitBreaker(true, true,
                CircuitBreakerThreshold.ecsDefault()); // at least 3 failures

        assertThat(UpdatePolicy.of(new DeploymentConfiguration(100, 200, breaker), 1, MONITOR).maxFailureRatio())
                .isEqualTo(1.0);
    }
}
