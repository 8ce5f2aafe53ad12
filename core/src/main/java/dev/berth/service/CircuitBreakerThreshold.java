package dev.berth.service;

import java.util.Objects;

/**
 * How many failed tasks trip a deployment's circuit breaker (ECS's {@code thresholdConfiguration}).
 *
 * @param type how {@code value} is read
 * @param value a percentage of the desired count, or a count
 */
public record CircuitBreakerThreshold(Type type, int value) {

    /** ECS's lower bound for {@link Type#BOUNDED_PERCENT} (the 2026 API; the 2023 guide said 10). */
    public static final int BOUNDED_MINIMUM = 3;
    /** ECS's upper bound for {@link Type#BOUNDED_PERCENT}. */
    public static final int BOUNDED_MAXIMUM = 200;

    /** How the threshold value is read. */
    public enum Type {
        /** Percent of the desired count, rounded up, clamped to [3, 200]. ECS's default, with value 50. */
        BOUNDED_PERCENT,
        /** Percent of the desired count, rounded up, at least 1. */
        UNBOUNDED_PERCENT,
        /** The value itself. */
        COUNT
    }

    /**
     * @throws IllegalArgumentException if {@code value} is below 1
     */
    public CircuitBreakerThreshold {
        Objects.requireNonNull(type, "type");
        if (value < 1) {
            throw new IllegalArgumentException("circuit breaker threshold value must be >= 1, was " + value);
        }
    }

    /** @return ECS's default: 50 % of the desired count, bounded to [3, 200] */
    public static CircuitBreakerThreshold ecsDefault() {
        return new CircuitBreakerThreshold(Type.BOUNDED_PERCENT, 50);
    }

    /**
     * @param desiredCount the deployment's desired count
     * @return the number of failed tasks that trips the breaker, e.g. 3 for 1, 13 for 25, 200 for 400 (default)
     */
    public int failuresToTrip(int desiredCount) {
        int percentOfDesired = Math.toIntExact(((long) desiredCount * value + 99) / 100);
        return switch (type) {
            case BOUNDED_PERCENT -> Math.min(BOUNDED_MAXIMUM, Math.max(BOUNDED_MINIMUM, percentOfDesired));
            case UNBOUNDED_PERCENT -> Math.max(1, percentOfDesired);
            case COUNT -> value;
        };
    }
}
