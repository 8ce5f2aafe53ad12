package dev.berth.docker;

/**
 * When the backend pulls a container's image before creating the container. ECS has no such field in a task
 * definition (its agent has {@code ECS_IMAGE_PULL_BEHAVIOR}); on the Docker backend it is a setting of the backend.
 */
public enum ImagePullPolicy {
    /** Pull only when the engine does not have the image (the default; works offline with locally built images). */
    IF_NOT_PRESENT,
    /** Pull at every task start, so a moved tag is picked up, as ECS does. */
    ALWAYS,
    /** Never pull: a missing image fails the task's start with a message that says so. */
    NEVER
}
