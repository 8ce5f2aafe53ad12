package dev.berth.model;

import java.util.Objects;

/**
 * The credentials a container's image is pulled with from a private registry ({@code repositoryCredentials}).
 *
 * @param credentialsParameter the Secrets Manager secret holding {@code {"username": ..., "password": ...}}; on the
 *     Docker backend a key for its configured secret resolver. It names the secret; it is not the secret.
 */
public record RepositoryCredentials(String credentialsParameter) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public RepositoryCredentials {
        Objects.requireNonNull(credentialsParameter, "credentialsParameter");
    }
}
