package dev.berth.docker.internal;

import dev.berth.model.RestartPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An enabled {@code restartPolicy} as Berth carries it on a container's labels
 * ({@link Labels#RESTART_IGNORED_EXIT_CODES}, {@link Labels#RESTART_ATTEMPT_PERIOD_MS}), so that whichever process
 * observes the container can apply it, also one that re-adopted the task after a restart.
 *
 * @param ignoredExitCodes exit codes that do not restart the container
 * @param attemptPeriod how long the container must have run since its last (re)start to be restarted
 */
public record RestartRule(Set<Integer> ignoredExitCodes, Duration attemptPeriod) {

    /** @throws IllegalArgumentException if the period is negative */
    public RestartRule {
        ignoredExitCodes = Set.copyOf(ignoredExitCodes);
        if (attemptPeriod.isNegative()) {
            throw new IllegalArgumentException("attemptPeriod must not be negative, was " + attemptPeriod);
        }
    }

    /**
     * @param policy a container definition's restart policy
     * @return its rule, or empty when the policy is disabled
     */
    public static Optional<RestartRule> of(RestartPolicy policy) {
        return policy.enabled()
                ? Optional.of(new RestartRule(Set.copyOf(policy.ignoredExitCodes()), policy.effectiveAttemptPeriod()))
                : Optional.empty();
    }

    /**
     * @param labels a container's labels
     * @return the rule they carry; empty when they carry none (no or a disabled policy, or labels Berth did not write)
     */
    public static Optional<RestartRule> fromLabels(Map<String, String> labels) {
        String period = labels.get(Labels.RESTART_ATTEMPT_PERIOD_MS);
        if (period == null) {
            return Optional.empty();
        }
        try {
            String codes = labels.getOrDefault(Labels.RESTART_IGNORED_EXIT_CODES, "");
            Set<Integer> ignored = codes.isBlank() ? Set.of() : Arrays.stream(codes.split(","))
                    .map(String::strip).map(Integer::valueOf).collect(Collectors.toSet());
            return Optional.of(new RestartRule(ignored, Duration.ofMillis(Long.parseLong(period))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return the labels that carry this rule */
    public Map<String, String> toLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.RESTART_IGNORED_EXIT_CODES, new TreeSet<>(ignoredExitCodes).stream()
                .map(String::valueOf).collect(Collectors.joining(",")));
        labels.put(Labels.RESTART_ATTEMPT_PERIOD_MS, Long.toString(attemptPeriod.toMillis()));
        return labels;
    }
}
