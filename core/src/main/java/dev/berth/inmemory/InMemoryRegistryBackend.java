package dev.berth.inmemory;

import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.registry.Image;
import dev.berth.registry.RepositoryDescription;
import dev.berth.registry.RepositorySettings;
import dev.berth.registry.TagMutability;
import dev.berth.spi.RegistryBackend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A registry held in memory, with ECR's semantics and an injected {@link Clock} for push times: what unit tests
 * and property tests use instead of a real registry. Its "engine" holds the local images registered with
 * {@link #addLocalImage}; an image's digest is derived from its content, so pushing the same content twice gives
 * the same digest as a real registry would. Thread-safe (every method is synchronized).
 */
public final class InMemoryRegistryBackend implements RegistryBackend {

    private final String host;
    private final Clock clock;
    private final Map<String, String> localImages = new HashMap<>();
    private final Map<String, Repo> repositories = new TreeMap<>();
    private final List<String> pulled = new ArrayList<>();

    private InMemoryRegistryBackend(String host, Clock clock) {
        this.host = Objects.requireNonNull(host, "host");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param host the host and port image references name the registry by, e.g. {@code registry.test:5000}
     * @param clock the source of push and creation times
     * @return an empty registry
     */
    public static InMemoryRegistryBackend create(String host, Clock clock) {
        return new InMemoryRegistryBackend(host, clock);
    }

    /**
     * Puts an image on the simulated engine, for {@link #push} to find.
     *
     * @param name the local image name, e.g. {@code web:build-1}
     * @param content stands for the image's bytes: equal content gives equal digests
     * @return the digest a push of this image gets
     */
    public synchronized String addLocalImage(String name, String content) {
        String digest = digestOf(content);
        localImages.put(name, digest);
        return digest;
    }

    /** @return the references pulled so far, in order, as {@link #pull} returned them */
    public synchronized List<String> pulled() {
        return List.copyOf(pulled);
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public synchronized RepositoryDescription createRepository(String name, RepositorySettings settings) {
        if (repositories.containsKey(name)) {
            throw new ConflictException("Repository '" + name + "' already exists in registry " + host);
        }
        Repo repo = new Repo(new RepositoryDescription(name, host + "/" + name, settings, clock.instant()));
        repositories.put(name, repo);
        return repo.description;
    }

    @Override
    public synchronized Optional<RepositoryDescription> describeRepository(String name) {
        return Optional.ofNullable(repositories.get(name)).map(r -> r.description);
    }

    @Override
    public synchronized List<RepositoryDescription> listRepositories() {
        return repositories.values().stream().map(r -> r.description).toList();
    }

    @Override
    public synchronized void deleteRepository(String name, boolean force) {
        Repo repo = repo(name);
        if (!repo.images.isEmpty() && !force) {
            throw new ConflictException("Repository '" + name + "' still holds " + repo.images.size()
                    + " image(s): delete them first or delete with force");
        }
        repositories.remove(name);
    }

    @Override
    public synchronized List<Image> listImages(String repository) {
        Repo repo = repo(repository);
        return repo.images.values().stream()
                .map(s -> new Image(s.digest, repo.tagsOf(s.digest), s.pushedAt, s.size))
                .sorted(Comparator.comparing(Image::digest)).toList();
    }

    @Override
    public synchronized void tagImage(String repository, String digest, String tag) {
        Repo repo = repo(repository);
        if (!repo.images.containsKey(digest)) {
            throw new ResourceNotFoundException("Image " + host + "/" + repository + "@" + digest
                    + " does not exist");
        }
        repo.moveTag(tag, digest);
    }

    @Override
    public synchronized void untag(String repository, String tag) {
        Repo repo = repo(repository);
        String digest = repo.tags.remove(tag);
        if (digest == null) {
            throw new ResourceNotFoundException("Image " + host + "/" + repository + ":" + tag + " does not exist");
        }
        if (repo.tagsOf(digest).isEmpty()) {
            repo.images.remove(digest);
        }
    }

    @Override
    public synchronized void deleteImage(String repository, String digest) {
        Repo repo = repo(repository);
        if (repo.images.remove(digest) == null) {
            throw new ResourceNotFoundException("Image " + host + "/" + repository + "@" + digest
                    + " does not exist");
        }
        repo.tags.values().removeIf(digest::equals);
    }

    @Override
    public synchronized Image push(String repository, String localImage, String tag) {
        Repo repo = repo(repository);
        String digest = localImages.get(localImage);
        if (digest == null) {
            throw new ResourceNotFoundException("No local image '" + localImage + "' to push");
        }
        repo.checkTagFree(tag, digest);
        Stored stored = repo.images.computeIfAbsent(digest,
                d -> new Stored(d, clock.instant(), 1_000L + (Long.parseLong(d.substring(7, 12), 16) & 0xffff)));
        repo.moveTag(tag, digest);
        return new Image(digest, repo.tagsOf(digest), stored.pushedAt, stored.size);
    }

    @Override
    public synchronized String pull(String repository, String reference) {
        Repo repo = repo(repository);
        boolean byDigest = reference.startsWith("sha256:");
        boolean exists = byDigest ? repo.images.containsKey(reference) : repo.tags.containsKey(reference);
        if (!exists) {
            throw new ResourceNotFoundException("Image " + host + "/" + repository + (byDigest ? "@" : ":")
                    + reference + " does not exist");
        }
        String pulledRef = host + "/" + repository + (byDigest ? "@" : ":") + reference;
        pulled.add(pulledRef);
        return pulledRef;
    }

    @Override
    public synchronized void putLifecyclePolicy(String repository, String policyText) {
        repo(repository).policy = Optional.of(policyText);
    }

    @Override
    public synchronized Optional<String> lifecyclePolicy(String repository) {
        return repo(repository).policy;
    }

    @Override
    public synchronized void deleteLifecyclePolicy(String repository) {
        Repo repo = repo(repository);
        if (repo.policy.isEmpty()) {
            throw new ResourceNotFoundException("Repository '" + repository + "' has no lifecycle policy");
        }
        repo.policy = Optional.empty();
    }

    /** Nothing to release. */
    @Override
    public void close() {
        // The content stays, as a real registry's does.
    }

    private Repo repo(String name) {
        Repo repo = repositories.get(name);
        if (repo == null) {
            throw new ResourceNotFoundException("Repository '" + name + "' does not exist in registry " + host);
        }
        return repo;
    }

    private static String digestOf(String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private record Stored(String digest, Instant pushedAt, long size) {
    }

    private static final class Repo {
        final RepositoryDescription description;
        final Map<String, Stored> images = new TreeMap<>();
        final Map<String, String> tags = new TreeMap<>();
        Optional<String> policy = Optional.empty();

        Repo(RepositoryDescription description) {
            this.description = description;
        }

        List<String> tagsOf(String digest) {
            return new ArrayList<>(new TreeSet<>(tags.entrySet().stream()
                    .filter(e -> e.getValue().equals(digest)).map(Map.Entry::getKey).toList()));
        }

        void checkTagFree(String tag, String digest) {
            String current = tags.get(tag);
            if (current != null && description.settings().tagMutability() == TagMutability.IMMUTABLE
                    && !current.equals(digest)) {
                throw new ConflictException("Tag '" + tag + "' already exists in IMMUTABLE repository '"
                        + description.name() + "' (ECR's ImageTagAlreadyExistsException): push under a new tag");
            }
        }

        void moveTag(String tag, String digest) {
            checkTagFree(tag, digest);
            tags.put(tag, digest);
        }
    }
}
