package dev.berth.exception;

/**
 * A backend (a Docker engine, a registry, an AWS endpoint) could not be reached or did not answer in time, or it
 * failed in a way that says nothing about the request itself (an internal server error).
 *
 * <p>{@link #isRetryable()} tells whether the same call may succeed later without any change by the caller (a
 * timeout, a refused connection, an engine restarting); it is {@code false} when a person has to act first (no
 * engine found at all, TLS material missing).
 */
public class BackendUnavailableException extends BerthException {

    /** Whether the same call may succeed later unchanged. */
    private final boolean retryable;

    /**
     * @param message what failed, with the engine's own message, and how to fix it
     * @param retryable whether the same call may succeed later unchanged
     * @param cause the underlying failure
     */
    public BackendUnavailableException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * @param message what failed and how to fix it
     * @param retryable whether the same call may succeed later unchanged
     */
    public BackendUnavailableException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    /** @return whether the same call may succeed later without any change by the caller */
    public boolean isRetryable() {
        return retryable;
    }
}
