package dev.berth.model;

import java.util.Objects;

/**
 * An environment variable whose value comes from a secret store at task start.
 *
 * @param name variable name
 * @param valueFrom where the value lives: a Secrets Manager or SSM parameter ARN (or a parameter name in the
 *     same region); on the Docker backend, a key for the configured secret resolver. It names the secret; it is
 *     not the secret.
 */
public record Secret(String name, String valueFrom) {
    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public Secret {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueFrom, "valueFrom");
    }
}
