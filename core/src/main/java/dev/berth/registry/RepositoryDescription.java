package dev.berth.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * What a registry knows about one repository.
 *
 * @param name the repository's name, e.g. {@code team/web}
 * @param uri where images of the repository are pushed and pulled, {@code <registry-host>/<name>}
 * @param settings tag mutability and scan on push
 * @param createdAt when the repository was created, or first seen when the registry does not record it
 */
public record RepositoryDescription(String name, String uri, RepositorySettings settings, Instant createdAt) {

    /**
     * @throws NullPointerException if a component is null
     */
    public RepositoryDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
