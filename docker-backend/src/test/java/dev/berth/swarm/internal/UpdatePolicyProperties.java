package dev.berth.swarm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.exception.InvalidSpecException;
import dev.berth.service.CircuitBreakerThreshold;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The Swarm update policy never lets a deployment leave ECS's bounds, and refuses only what ECS cannot deploy. */
class UpdatePolicyProperties {

    @Property
    void neverExceedsTheMaximumNorDropsBelowTheMinimum(@ForAll @IntRange(min = 0, max = 500) int desired,
                                                       @ForAll @IntRange(min = 0, max = 100) int minimum,
                                                       @ForAll @IntRange(min = 100, max = 200) int maximum) {
        DeploymentConfiguration config = new DeploymentConfiguration(minimum, maximum,
                DeploymentCircuitBreaker.disabled());
        UpdatePolicy p;
        try {
            p = UpdatePolicy.of(config, desired, Duration.ofSeconds(5));
        } catch (InvalidSpecException refused) {
            // refused only when neither a task more nor a task less is allowed
            assertThat(config.upperBound(desired)).isEqualTo(desired);
            assertThat(config.lowerBound(desired)).isEqualTo(desired);
            return;
        }
        if (p.startFirst()) {
            assertThat(desired + p.parallelism()).isLessThanOrEqualTo(config.upperBound(desired));
            assertThat(p.parallelism()).isPositive();
        } else if (p.parallelism() == 0) {
            assertThat(minimum).as("all at once only when no task must stay").isZero();
        } else if (desired > 0) {
            assertThat(desired - p.parallelism()).isGreaterThanOrEqualTo(config.lowerBound(desired));
        }
    }

    @Property
    void theBreakerTripsExactlyAtItsThreshold(@ForAll @IntRange(min = 1, max = 300) int desired,
                                              @ForAll @IntRange(min = 1, max = 100) int percent) {
        CircuitBreakerThreshold threshold = new CircuitBreakerThreshold(CircuitBreakerThreshold.Type.BOUNDED_PERCENT,
                percent);
        int trip = threshold.failuresToTrip(desired);
        UpdatePolicy p = UpdatePolicy.of(new DeploymentConfiguration(100, 200,
                new DeploymentCircuitBreaker(true, true, threshold)), desired, Duration.ofSeconds(5));

        // Swarm acts when failures / desired > ratio
        if (trip <= desired) {
            assertThat((double) trip / desired).isGreaterThan(p.maxFailureRatio());
            assertThat((double) (trip - 1) / desired).isLessThanOrEqualTo(p.maxFailureRatio());
        } else {
            assertThat(p.maxFailureRatio()).isEqualTo(1.0);
        }
    }
}
