package dev.berth.model;

import java.util.Objects;

/**
 * A plain environment variable of a container.
 *
 * @param name variable name
 * @param value variable value, may be empty
 */
public record EnvironmentVariable(String name, String value) {
    /**
     * Checks that every component is present.
     *
     * @param name variable name
     * @param value variable value, may be empty
     * @throws NullPointerException if a required component is null
     */
    public EnvironmentVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
