package dev.berth.scheduler;

/**
 * Status of a container instance. Only {@link #ACTIVE} instances receive new tasks; a {@link #DRAINING} one
 * keeps its running tasks but gets nothing new (ecs-semantics 3.11).
 */
public enum InstanceStatus {
    ACTIVE, DRAINING, INACTIVE
}
