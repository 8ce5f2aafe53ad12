package dev.berth.model;

import java.util.Locale;

/** Docker networking mode of a task's containers. ECS's default on Linux EC2 is {@link #BRIDGE}. */
public enum NetworkMode {
    BRIDGE, HOST, AWSVPC, NONE;

    /** @return the ECS spelling, e.g. {@code awsvpc} */
    public String ecsName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
