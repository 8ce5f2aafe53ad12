package dev.berth.api;

import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.registry.RepositoryDescription;
import dev.berth.registry.RepositorySettings;
import dev.berth.spi.RegistryBackend;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The repositories of one {@link Registry}: create, describe, list, delete. */
public final class Repositories {

    private final RegistryBackend backend;
    private final Clock clock;

    Repositories(RegistryBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    /**
     * @param name the repository name: 2 to 256 characters of ECR's pattern, e.g. {@code team/web}
     * @param settings tag mutability and scan on push
     * @return the new repository
     * @throws InvalidSpecException if the name breaks ECR's rules
     * @throws ConflictException if the repository exists
     */
    public Repository create(String name, RepositorySettings settings) {
        Registry.checkRepositoryName(name);
        Objects.requireNonNull(settings, "settings");
        backend.createRepository(name, settings);
        return new Repository(backend, clock, name);
    }

    /**
     * @param name the repository name
     * @return the repository, to work with its images
     * @throws InvalidSpecException if the name breaks ECR's rules
     * @throws ResourceNotFoundException if the repository does not exist
     */
    public Repository get(String name) {
        describe(name);
        return new Repository(backend, clock, name);
    }

    /**
     * @param name the repository name
     * @return its description
     * @throws InvalidSpecException if the name breaks ECR's rules
     * @throws ResourceNotFoundException if the repository does not exist
     */
    public RepositoryDescription describe(String name) {
        return find(name).orElseThrow(() -> new ResourceNotFoundException("Repository '" + name
                + "' does not exist in registry " + backend.host() + ": create it first"));
    }

    /**
     * @param name the repository name
     * @return its description, or empty if it does not exist
     * @throws InvalidSpecException if the name breaks ECR's rules
     */
    public Optional<RepositoryDescription> find(String name) {
        Registry.checkRepositoryName(name);
        return backend.describeRepository(name);
    }

    /** @return every repository, sorted by name */
    public List<RepositoryDescription> list() {
        return backend.listRepositories();
    }

    /**
     * @param name the repository name
     * @param force whether to delete it with its images; without force a repository with images is kept
     * @throws InvalidSpecException if the name breaks ECR's rules
     * @throws ResourceNotFoundException if the repository does not exist
     * @throws ConflictException if it holds images and {@code force} is false
     */
    public void delete(String name, boolean force) {
        Registry.checkRepositoryName(name);
        backend.deleteRepository(name, force);
    }
}
