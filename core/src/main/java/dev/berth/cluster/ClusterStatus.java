package dev.berth.cluster;

/** Lifecycle of a cluster. */
public enum ClusterStatus {
    ACTIVE, INACTIVE
}
