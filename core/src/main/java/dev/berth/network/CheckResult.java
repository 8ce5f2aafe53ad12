package dev.berth.network;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one health check of a target.
 *
 * @param passed whether it passed
 * @param reason ELB's reason code of a failure: {@code Target.ResponseCodeMismatch}, {@code Target.Timeout} or
 *     {@code Target.FailedHealthChecks}
 * @param description what the check saw, in words, e.g. {@code Health checks failed with these codes: [503]}
 */
public record CheckResult(boolean passed, Optional<String> reason, String description) {

    /** ELB's reason: the status code did not match. */
    public static final String RESPONSE_CODE_MISMATCH = "Target.ResponseCodeMismatch";
    /** ELB's reason: no answer within the timeout. */
    public static final String TIMEOUT = "Target.Timeout";
    /** ELB's reason: the check could not connect or read an answer. */
    public static final String FAILED_HEALTH_CHECKS = "Target.FailedHealthChecks";

    /**
     * @throws IllegalArgumentException if a passed check has a reason, or a failed one none
     * @throws NullPointerException if a component is null
     */
    public CheckResult {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(description, "description");
        if (passed == reason.isPresent()) {
            throw new IllegalArgumentException("a passed check has no reason and a failed one has one");
        }
    }

    /** @return a check that passed */
    public static CheckResult pass() {
        return new CheckResult(true, Optional.empty(), "Health checks passed");
    }

    /**
     * @param reason ELB's reason code
     * @param description what the check saw
     * @return a check that failed
     */
    public static CheckResult fail(String reason, String description) {
        return new CheckResult(false, Optional.of(reason), description);
    }
}
