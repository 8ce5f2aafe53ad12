package dev.berth.exception;

/**
 * The request conflicts with the current state of a resource: it already exists, is in use, or is in a
 * status that does not allow the operation (for example starting a task from an INACTIVE task definition).
 */
public class ConflictException extends BerthException {

    /** @param message what conflicts and what the caller can do about it */
    public ConflictException(String message) {
        super(message);
    }
}
