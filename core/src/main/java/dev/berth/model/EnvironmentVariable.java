package dev.berth.model;

import java.util.Objects;

/**
 * A plain environment variable of a container.
 *
 * @param name variable name
 * @param value variable value, may be empty; kept out of {@link #toString()}, since values often carry
 *     credentials
 */
public record EnvironmentVariable(String name, String value) {
    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public EnvironmentVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** @return the name and the value's length, never the value: task definitions and overrides get logged */
    @Override
    public String toString() {
        return "EnvironmentVariable[name=" + name + ", value=(" + value.length() + " chars)]";
    }
}
