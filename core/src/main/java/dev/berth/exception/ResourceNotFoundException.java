package dev.berth.exception;

/** The named resource (task definition, cluster, service, task, repository, image) does not exist. */
public class ResourceNotFoundException extends BerthException {

    /** @param message which resource was looked for and where */
    public ResourceNotFoundException(String message) {
        super(message);
    }
}
