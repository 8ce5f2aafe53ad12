package dev.berth.task;

/** Why a task stopped, with ECS's spelling from {@link #ecsName()}. */
public enum StopCode {
    /** It never reached RUNNING: image pull, container creation or a dependency failed. */
    TASK_FAILED_TO_START("TaskFailedToStart"),
    /** An essential container exited; ECS's reason text is "Essential container in task exited". */
    ESSENTIAL_CONTAINER_EXITED("EssentialContainerExited"),
    /** A user stopped it. */
    USER_INITIATED("UserInitiated"),
    /** The service scheduler stopped it: scale-in, deployment or health replacement. */
    SERVICE_SCHEDULER_INITIATED("ServiceSchedulerInitiated");

    private final String ecsName;

    StopCode(String ecsName) {
        this.ecsName = ecsName;
    }

    /** @return ECS's spelling, e.g. {@code EssentialContainerExited} */
    public String ecsName() {
        return ecsName;
    }
}
