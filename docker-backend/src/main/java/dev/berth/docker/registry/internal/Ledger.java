package dev.berth.docker.registry.internal;

import dev.berth.registry.RepositoryDescription;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an OCI registry does not store and the backend keeps in memory: repositories created before their first
 * push with their settings, lifecycle policies, and the digests seen per repository with the time of their push
 * (or first sighting), which is how untagged images stay listable. Not thread-safe; the backend serialises access.
 */
public final class Ledger {

    private final Map<String, RepositoryDescription> repositories = new TreeMap<>();
    private final Map<String, String> policies = new HashMap<>();
    private final Map<String, Map<String, Instant>> digests = new HashMap<>();

    /**
     * @param name the repository's name
     * @return the recorded repository, or empty
     */
    public Optional<RepositoryDescription> repository(String name) {
        return Optional.ofNullable(repositories.get(name));
    }

    /** @return every recorded repository by name */
    public Map<String, RepositoryDescription> repositories() {
        return Map.copyOf(repositories);
    }

    /**
     * Records a repository.
     *
     * @param description the repository
     */
    public void record(RepositoryDescription description) {
        repositories.put(description.name(), description);
    }

    /**
     * Forgets everything about a repository.
     *
     * @param repository the repository's name
     */
    public void forget(String repository) {
        repositories.remove(repository);
        policies.remove(repository);
        digests.remove(repository);
    }

    /**
     * @param repository the repository's name
     * @return the lifecycle policy text, or empty
     */
    public Optional<String> policy(String repository) {
        return Optional.ofNullable(policies.get(repository));
    }

    /**
     * Stores a lifecycle policy text.
     *
     * @param repository the repository's name
     * @param text the policy as ECR's JSON
     */
    public void putPolicy(String repository, String text) {
        policies.put(repository, text);
    }

    /**
     * @param repository the repository's name
     * @return whether there was a policy to remove
     */
    public boolean removePolicy(String repository) {
        return policies.remove(repository) != null;
    }

    /**
     * @param repository the repository's name
     * @return the digests seen in the repository with their push times
     */
    public Map<String, Instant> digests(String repository) {
        return Map.copyOf(digests.getOrDefault(repository, Map.of()));
    }

    /**
     * @param repository the repository's name
     * @param digest the manifest digest
     * @param seenAt when it was seen now
     * @return the push time of the digest: the one recorded, else {@code seenAt}, which is then recorded
     */
    public Instant seen(String repository, String digest, Instant seenAt) {
        return digests.computeIfAbsent(repository, r -> new HashMap<>()).computeIfAbsent(digest, d -> seenAt);
    }

    /**
     * Forgets a deleted digest.
     *
     * @param repository the repository's name
     * @param digest the deleted manifest digest
     */
    public void deleted(String repository, String digest) {
        digests.getOrDefault(repository, new HashMap<>()).remove(digest);
    }
}
