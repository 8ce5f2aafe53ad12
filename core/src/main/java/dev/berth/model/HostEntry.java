package dev.berth.model;

import java.util.Objects;

/**
 * A line added to a container's {@code /etc/hosts} ({@code extraHosts}), as {@code docker run --add-host}.
 *
 * @param hostname the name
 * @param ipAddress the address it resolves to
 */
public record HostEntry(String hostname, String ipAddress) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public HostEntry {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(ipAddress, "ipAddress");
    }
}
