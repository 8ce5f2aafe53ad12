package dev.berth.exception;

import java.time.Duration;

/** A waiter's condition did not hold before its deadline. The message says what was last observed. */
public class WaitTimeoutException extends BerthException {

    private final Duration timeout;
    private final int checks;

    /**
     * @param what the condition waited for, e.g. {@code service dev/web to reach a steady state}
     * @param timeout how long was waited
     * @param checks how often the condition was checked
     * @param lastObserved the state seen at the last check
     */
    public WaitTimeoutException(String what, Duration timeout, int checks, String lastObserved) {
        super("Timed out after " + timeout + " waiting for " + what + " (" + checks + " checks). Last observed: "
                + lastObserved);
        this.timeout = timeout;
        this.checks = checks;
    }

    /** @return how long was waited */
    public Duration timeout() {
        return timeout;
    }

    /** @return how often the condition was checked */
    public int checks() {
        return checks;
    }
}
