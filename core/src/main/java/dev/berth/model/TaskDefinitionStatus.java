package dev.berth.model;

/** Lifecycle of a task-definition revision. */
public enum TaskDefinitionStatus {
    /** Can start new tasks and services. */
    ACTIVE,
    /** Deregistered: running tasks and services keep it, but nothing new can start from it. */
    INACTIVE,
    /** Deletion requested; the revision disappears once nothing references it. */
    DELETE_IN_PROGRESS
}
