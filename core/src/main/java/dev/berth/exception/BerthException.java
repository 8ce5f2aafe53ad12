package dev.berth.exception;

/**
 * Root of every exception Berth throws. Unchecked: callers catch the subtype whose meaning they can act on.
 */
public class BerthException extends RuntimeException {

    /**
     * @param message what failed and, where known, how to fix it
     */
    public BerthException(String message) {
        super(message);
    }

    /**
     * @param message what failed and, where known, how to fix it
     * @param cause the underlying failure
     */
    public BerthException(String message, Throwable cause) {
        super(message, cause);
    }
}
