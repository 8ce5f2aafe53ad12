package dev.berth.model;

/**
 * Status of a container instance. Only {@link #ACTIVE} instances receive new tasks; a {@link #DRAINING} one keeps its
 * running tasks but gets nothing new
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-draining.html).
 */
public enum InstanceStatus {
    /** Receives new tasks. */
    ACTIVE,
    /** Keeps its running tasks, which services replace elsewhere, but gets nothing new. */
    DRAINING,
    /** Deregistered; gets nothing new. */
    INACTIVE
}
