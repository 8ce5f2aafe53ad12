package dev.berth.model;

/** Why an instance cannot take a task, with the reason codes ECS uses in failures and events (4.6). */
public enum RejectionReason {
    /** The instance is INACTIVE. */
    INACTIVE("INACTIVE"),
    /** The instance is DRAINING: it receives no new tasks. */
    DRAINING("DRAINING"),
    /** The container agent is disconnected. */
    AGENT("AGENT"),
    /** Not enough unreserved CPU units. */
    RESOURCE_CPU("RESOURCE:CPU"),
    /** Not enough unreserved memory. */
    RESOURCE_MEMORY("RESOURCE:MEMORY"),
    /** Not enough unreserved GPUs (a container's {@code resourceRequirements} of type GPU). */
    RESOURCE_GPU("RESOURCE:GPU"),
    /** A static host port the task needs is in use. */
    RESOURCE_PORTS("RESOURCE:PORTS"),
    /**
     * A {@code memberOf} constraint does not hold, or the instance lacks an attribute the task definition requires
     * (its {@code runtimePlatform}, or a capability such as {@code ecs.capability.aws-appmesh}).
     */
    ATTRIBUTE("ATTRIBUTE"),
    /** {@code distinctInstance}: a task of the same group is already there. */
    DISTINCT_INSTANCE("DISTINCT_INSTANCE");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    /** @return the ECS reason code, e.g. {@code RESOURCE:MEMORY} */
    public String code() {
        return code;
    }
}
