package dev.berth.model;

import java.util.Locale;

/** Docker networking mode of a task's containers. ECS's default on Linux EC2 is {@link #BRIDGE}. */
public enum NetworkMode {
    /** Containers on a bridge network, ports mapped to the host's. */
    BRIDGE,
    /** Containers in the host's network namespace, on its ports. */
    HOST,
    /** A network interface per task (required by Fargate); Berth's Docker backend gives each task its own network. */
    AWSVPC,
    /** No external network. */
    NONE;

    /** @return the ECS spelling, e.g. {@code awsvpc} */
    public String ecsName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
