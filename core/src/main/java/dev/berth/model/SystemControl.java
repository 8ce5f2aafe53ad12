package dev.berth.model;

import java.util.Objects;

/**
 * A namespaced kernel parameter set in a container ({@code systemControls}), as {@code docker run --sysctl}.
 *
 * @param namespace the parameter, e.g. {@code net.core.somaxconn}
 * @param value its value
 */
public record SystemControl(String namespace, String value) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public SystemControl {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(value, "value");
    }
}
