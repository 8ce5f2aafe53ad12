package dev.berth.model;

import java.util.Locale;

/** A resource that placement reserves and {@code binpack} packs: CPU units or memory in MiB. */
public enum Resource {
    /** CPU units, 1,024 per vCPU. */
    CPU,
    /** Memory in MiB. */
    MEMORY;

    /** @return the ECS spelling, {@code cpu} or {@code memory} */
    public String ecsName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
