package dev.berth.registry;

import java.util.Objects;

/**
 * A user name and a password (or token) for a registry, as {@code docker login} takes them. {@link #toString()}
 * never shows the password.
 *
 * @param username e.g. {@code AWS} for ECR
 * @param password the password or token
 */
public record RegistryCredentials(String username, String password) {

    /**
     * @throws NullPointerException if a component is null
     */
    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=***]";
    }
}
