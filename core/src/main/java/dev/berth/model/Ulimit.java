package dev.berth.model;

import java.util.Objects;

/**
 * A resource limit for a container, as {@code docker run --ulimit}.
 *
 * @param name limit name, e.g. {@code nofile}
 * @param softLimit soft limit
 * @param hardLimit hard limit
 */
public record Ulimit(String name, int softLimit, int hardLimit) {
    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public Ulimit {
        Objects.requireNonNull(name, "name");
    }
}
