package dev.berth.task;

/** What the scheduler wants a task to be. */
public enum DesiredStatus {
    RUNNING, STOPPED
}
