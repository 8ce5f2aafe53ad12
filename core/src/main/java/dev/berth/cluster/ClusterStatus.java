package dev.berth.cluster;

/** Lifecycle of a cluster. */
public enum ClusterStatus {
    /** The cluster exists and takes services, tasks and instances. */
    ACTIVE,
    /** The cluster was deleted; ECS still describes it for a while. */
    INACTIVE
}
