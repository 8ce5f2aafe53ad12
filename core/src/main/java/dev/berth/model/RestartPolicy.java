package dev.berth.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * In-place restart of a container that exits (ECS, August 2024). A container is restarted only if it ran at
 * least {@code restartAttemptPeriod} (ECS default 300 s, range 60-1800 s) and its exit code is not ignored.
 *
 * @param enabled whether restarts happen
 * @param ignoredExitCodes exit codes that do not cause a restart (at most 50)
 * @param restartAttemptPeriod minimum run time before a restart is attempted; empty = ECS's default
 */
public record RestartPolicy(boolean enabled, List<Integer> ignoredExitCodes, Optional<Duration> restartAttemptPeriod) {

    /** ECS's default restart attempt period. */
    public static final Duration DEFAULT_ATTEMPT_PERIOD = Duration.ofSeconds(300);

    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @throws NullPointerException if a required component is null
     */
    public RestartPolicy {
        ignoredExitCodes = List.copyOf(ignoredExitCodes);
        Objects.requireNonNull(restartAttemptPeriod, "restartAttemptPeriod");
    }

    /** @return an enabled policy with no ignored exit codes and the default period */
    public static RestartPolicy onAnyExit() {
        return new RestartPolicy(true, List.of(), Optional.empty());
    }

    /** @return the period in force: the configured one or ECS's default */
    public Duration effectiveAttemptPeriod() {
        return restartAttemptPeriod.orElse(DEFAULT_ATTEMPT_PERIOD);
    }
}
