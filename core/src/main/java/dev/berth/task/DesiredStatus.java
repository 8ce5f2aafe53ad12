package dev.berth.task;

/** What the scheduler wants a task to be. */
public enum DesiredStatus {
    /** The task should run (or keep running). */
    RUNNING,
    /** The task should stop: a stop was requested, or an essential container exited. */
    STOPPED
}
