package dev.berth.model;

import java.util.Locale;

/** Transport protocol of a port mapping. ECS writes it in lower case ({@code tcp}, {@code udp}). */
public enum Protocol {
    /** TCP, the default. */
    TCP,
    /** UDP. */
    UDP;

    /** @return the ECS spelling, {@code tcp} or {@code udp} */
    public String ecsName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
