package dev.berth.docker.registry;

import dev.berth.docker.internal.EngineTransfer;
import dev.berth.docker.registry.internal.DistributionClient;
import dev.berth.docker.registry.internal.Ledger;
import dev.berth.docker.registry.internal.ManifestDocument;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.progress.ProgressListener;
import dev.berth.registry.Image;
import dev.berth.registry.RegistryCredentialsProvider;
import dev.berth.registry.RepositoryDescription;
import dev.berth.registry.RepositorySettings;
import dev.berth.registry.TagMutability;
import dev.berth.spi.RegistryBackend;
import dev.berth.spi.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RegistryBackend} on an OCI distribution registry (the CNCF registry, Docker Hub-style registries) through
 * the Distribution HTTP API v2, with pushes and pulls through a Docker engine using the registry's credentials.
 *
 * <p>What such a registry cannot do, this backend does or records itself, in its own memory (one backend instance
 * per registry and process; a new instance starts without these records):
 * <ul>
 *   <li><b>Repository create is recorded, not sent:</b> the distribution API has no create call, so a repository
 *       exists for this backend from {@code createRepository} on, and in the registry from its first push. A
 *       repository the registry lists with tags is found too, MUTABLE.</li>
 *   <li><b>Tag immutability</b> is enforced before a push or a retag: the tag is looked up first ({@code HEAD}) and
 *       an existing tag in an IMMUTABLE repository refuses the push.</li>
 *   <li><b>Untag:</b> the registry deletes only by digest, which drops every tag of the image; the backend then puts
 *       the unchanged manifest back under the tags that remain (not atomic for readers in between).</li>
 *   <li><b>Untagged images</b> are invisible to the registry's tag list; the backend lists the ones it saw (a tag
 *       moved away by a push or retag) while the registry still serves them by digest.</li>
 *   <li><b>pushedAt</b> is when this backend pushed the image, or first saw it for images pushed by others.</li>
 *   <li><b>Delete repository</b> deletes its manifests; the registry's catalog may still name it, without tags, and
 *       such a repository counts as gone.</li>
 *   <li><b>scanOnPush</b> is recorded; nothing scans.</li>
 * </ul>
 * Deletes need a registry that allows them (distribution: {@code storage.delete.enabled: true}). Every HTTP call
 * has the configured deadline, every push and pull the engine's pull timeout.
 */
public final class OciRegistryBackend implements RegistryBackend {

    private static final Logger LOG = LoggerFactory.getLogger(OciRegistryBackend.class);

    private final OciRegistryConfig config;
    private final DistributionClient registry;
    private final EngineTransfer engine;
    private final Ledger ledger = new Ledger();

    private OciRegistryBackend(OciRegistryConfig config) {
        this.config = config;
        this.registry = new DistributionClient(config.endpoint(), config.credentials(), config.connectTimeout(),
                config.callTimeout());
        this.engine = EngineTransfer.open(config.engine());
    }

    /**
     * @param config the registry and the engine
     * @return a backend; nothing is contacted until the first call
     */
    public static OciRegistryBackend create(OciRegistryConfig config) {
        return new OciRegistryBackend(config);
    }

    @Override
    public String host() {
        return config.host();
    }

    /** @return the configured login ({@link OciRegistryConfig#credentials()}) */
    @Override
    public RegistryCredentialsProvider credentials() {
        return config.credentials();
    }

    @Override
    public synchronized RepositoryDescription createRepository(String name, RepositorySettings settings) {
        if (describeRepository(name).isPresent()) {
            throw new ConflictException("Repository '" + name + "' already exists in registry " + host());
        }
        RepositoryDescription description = new RepositoryDescription(name, host() + "/" + name, settings,
                config.clock().instant());
        ledger.record(description);
        LOG.debug("recorded repository={} registry={} (created in the registry by the first push)", name, host());
        return description;
    }

    @Override
    public synchronized Optional<RepositoryDescription> describeRepository(String name) {
        Optional<RepositoryDescription> recorded = ledger.repository(name);
        if (recorded.isPresent()) {
            return recorded;
        }
        if (registry.tags(name).isEmpty()) {
            return Optional.empty();
        }
        RepositoryDescription found = new RepositoryDescription(name, host() + "/" + name,
                RepositorySettings.defaults(), config.clock().instant());
        ledger.record(found);
        return Optional.of(found);
    }

    @Override
    public synchronized List<RepositoryDescription> listRepositories() {
        Map<String, RepositoryDescription> all = new TreeMap<>(ledger.repositories());
        for (String name : registry.catalog()) {
            if (!all.containsKey(name)) {
                describeRepository(name).ifPresent(d -> all.put(name, d));
            }
        }
        return List.copyOf(all.values());
    }

    @Override
    public synchronized void deleteRepository(String name, boolean force) {
        List<Image> images = listImages(name);
        if (!images.isEmpty() && !force) {
            throw new ConflictException("Repository '" + name + "' still holds " + images.size() + " image(s):"
                    + " delete them first or delete with force");
        }
        for (Image image : images) {
            registry.delete(name, image.digest());
        }
        ledger.forget(name);
    }

    @Override
    public synchronized List<Image> listImages(String repository) {
        require(repository);
        Map<String, List<String>> tagsByDigest = new TreeMap<>();
        Map<String, ManifestDocument> manifests = new HashMap<>();
        for (String tag : registry.tags(repository)) {
            registry.manifest(repository, tag).ifPresent(m -> {
                manifests.putIfAbsent(m.digest(), m);
                tagsByDigest.computeIfAbsent(m.digest(), d -> new ArrayList<>()).add(tag);
            });
        }
        for (String digest : ledger.digests(repository).keySet()) {
            if (!manifests.containsKey(digest)) {
                Optional<ManifestDocument> untagged = registry.manifest(repository, digest);
                if (untagged.isPresent()) {
                    manifests.put(digest, untagged.get());
                    tagsByDigest.put(digest, List.of());
                } else {
                    ledger.deleted(repository, digest);
                }
            }
        }
        Instant now = config.clock().instant();
        return tagsByDigest.entrySet().stream()
                .map(e -> new Image(e.getKey(), e.getValue(), ledger.seen(repository, e.getKey(), now),
                        manifests.get(e.getKey()).size()))
                .sorted(Comparator.comparing(Image::digest)).toList();
    }

    @Override
    public synchronized void tagImage(String repository, String digest, String tag) {
        RepositoryDescription description = require(repository);
        ManifestDocument manifest = registry.manifest(repository, digest).orElseThrow(() -> missing(repository,
                "@" + digest));
        Optional<String> current = registry.digest(repository, tag);
        if (current.equals(Optional.of(digest))) {
            return;
        }
        checkMutable(description, tag, current);
        current.ifPresent(previous -> ledger.seen(repository, previous, config.clock().instant()));
        registry.putManifest(repository, tag, manifest);
    }

    @Override
    public synchronized void untag(String repository, String tag) {
        require(repository);
        String digest = registry.digest(repository, tag).orElseThrow(() -> missing(repository, ":" + tag));
        List<String> others = new ArrayList<>();
        for (String other : registry.tags(repository)) {
            if (!other.equals(tag) && registry.digest(repository, other).equals(Optional.of(digest))) {
                others.add(other);
            }
        }
        ManifestDocument manifest = registry.manifest(repository, digest).orElseThrow(() -> missing(repository,
                ":" + tag));
        registry.delete(repository, digest);
        if (others.isEmpty()) {
            ledger.deleted(repository, digest);
            return;
        }
        for (String other : others) {
            registry.putManifest(repository, other, manifest);
        }
    }

    @Override
    public synchronized void deleteImage(String repository, String digest) {
        require(repository);
        if (!registry.delete(repository, digest)) {
            throw missing(repository, "@" + digest);
        }
        ledger.deleted(repository, digest);
    }

    @Override
    public synchronized Image push(String repository, String localImage, String tag) {
        RepositoryDescription description = require(repository);
        Optional<String> current = registry.digest(repository, tag);
        checkMutable(description, tag, current);
        Instant now = config.clock().instant();
        current.ifPresent(previous -> ledger.seen(repository, previous, now));
        engine.push(localImage, host() + "/" + repository, tag, config.credentials().credentials());
        String digest = registry.digest(repository, tag).orElseThrow(() -> new BackendUnavailableException(
                "Registry " + host() + " does not list " + repository + ":" + tag + " after its push", true));
        ledger.seen(repository, digest, now);
        return listImages(repository).stream().filter(i -> i.digest().equals(digest)).findFirst()
                .orElseThrow(() -> missing(repository, "@" + digest));
    }

    @Override
    public synchronized String pull(String repository, String reference) {
        require(repository);
        boolean byDigest = reference.startsWith("sha256:");
        String ref = host() + "/" + repository + (byDigest ? "@" : ":") + reference;
        if (registry.digest(repository, reference).isEmpty()) {
            throw missing(repository, (byDigest ? "@" : ":") + reference);
        }
        engine.pull(host() + "/" + repository, reference, config.credentials().credentials());
        return ref;
    }

    @Override
    public synchronized void putLifecyclePolicy(String repository, String policyText) {
        require(repository);
        ledger.putPolicy(repository, policyText);
    }

    @Override
    public synchronized Optional<String> lifecyclePolicy(String repository) {
        require(repository);
        return ledger.policy(repository);
    }

    @Override
    public synchronized void deleteLifecyclePolicy(String repository) {
        require(repository);
        if (!ledger.removePolicy(repository)) {
            throw new ResourceNotFoundException("Repository '" + repository + "' has no lifecycle policy");
        }
    }

    /** {@inheritDoc} Here: every {@link #pull} through the configured engine. */
    @Override
    public Subscription onProgress(ProgressListener listener) {
        return engine.watchProgress(Objects.requireNonNull(listener, "listener"));
    }

    /** Closes the engine clients; the registry's content and nothing else changes. */
    @Override
    public void close() {
        engine.close();
    }

    private RepositoryDescription require(String repository) {
        return describeRepository(repository).orElseThrow(() -> new ResourceNotFoundException("Repository '"
                + repository + "' does not exist in registry " + host() + ": create it first"));
    }

    private static void checkMutable(RepositoryDescription description, String tag, Optional<String> current) {
        if (current.isPresent() && description.settings().tagMutability() == TagMutability.IMMUTABLE) {
            throw new ConflictException("Tag '" + tag + "' already exists in IMMUTABLE repository '"
                    + description.name() + "' (ECR's ImageTagAlreadyExistsException): push under a new tag");
        }
    }

    private ResourceNotFoundException missing(String repository, String suffix) {
        return new ResourceNotFoundException("Image " + host() + "/" + repository + suffix + " does not exist");
    }
}
