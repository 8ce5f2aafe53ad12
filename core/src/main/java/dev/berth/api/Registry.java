package dev.berth.api;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.internal.registry.RegistryNames;
import dev.berth.model.ImageRef;
import dev.berth.progress.ProgressListener;
import dev.berth.registry.Image;
import dev.berth.registry.ImageId;
import dev.berth.registry.RegistryCredentialsLookup;
import dev.berth.registry.RegistryCredentialsProvider;
import dev.berth.spi.RegistryBackend;
import dev.berth.spi.Subscription;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A registry of container images with ECR's semantics: repositories that hold images, tags, tag immutability and
 * lifecycle policies, on a {@link RegistryBackend} (an OCI distribution registry, ECR, or memory). It owns its
 * backend: closing it closes the backend.
 *
 * <pre>{@code
 * try (Registry registry = Registry.create(OciRegistryBackend.create(config))) {
 *     Repository web = registry.repositories().create("team/web",
 *             RepositorySettings.defaults().withTagMutability(TagMutability.IMMUTABLE));
 *     Image pushed = web.push("web:build-17", "1.0.0");
 *     ImageRef pinned = web.imageRef(ImageId.digest(pushed.digest()));
 * }
 * }</pre>
 *
 * <p>A task definition runs a registry's image by its reference ({@link #resolve}, {@link Repository#imageRef});
 * the compute backend pulls it with the registry's login when its configuration holds a
 * {@link RegistryCredentialsLookup} over the registry, e.g. {@code Registry.credentialsLookup(registry)}
 * (for the Docker backend: {@code DockerBackendConfig.builder().registryCredentials(...)}).
 */
public final class Registry implements AutoCloseable {

    private final RegistryBackend backend;
    private final Clock clock;

    private Registry(RegistryBackend backend, Clock clock) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param backend where the repositories are; closed with the registry
     * @return a registry on {@code backend} whose lifecycle policies evaluate at the system clock's time
     */
    public static Registry create(RegistryBackend backend) {
        return new Registry(backend, Clock.systemUTC());
    }

    /**
     * @param backend where the repositories are; closed with the registry
     * @param clock the time lifecycle policies evaluate at
     * @return a registry on {@code backend} whose lifecycle policies evaluate at {@code clock}'s time
     */
    public static Registry create(RegistryBackend backend, Clock clock) {
        return new Registry(backend, clock);
    }

    /**
     * @param registries Berth registries, each answering for its {@link Registry#host()} with its
     *     {@link Registry#credentials()}
     * @return a lookup over those registries for a compute backend; other hosts are anonymous
     * @throws IllegalArgumentException if two registries have the same host
     */
    public static RegistryCredentialsLookup credentialsLookup(Registry... registries) {
        Map<String, RegistryCredentialsProvider> byHost = new LinkedHashMap<>();
        for (Registry registry : registries) {
            String host = Objects.requireNonNull(registry, "registry").host();
            if (byHost.putIfAbsent(host.toLowerCase(Locale.ROOT), registry.credentials()) != null) {
                throw new IllegalArgumentException("two registries answer for host " + host
                        + ": give credentialsLookup each registry once");
            }
        }
        return RegistryCredentialsLookup.of(byHost);
    }

    /** @return the registry's host and port as image references name it, e.g. {@code 127.0.0.1:5000} */
    public String host() {
        return backend.host();
    }

    /**
     * @return the login this registry's backend uses; a compute backend pulls the registry's images with it when
     *     given {@link #credentialsLookup(Registry...)}
     */
    public RegistryCredentialsProvider credentials() {
        return backend.credentials();
    }

    /** @return the registry's repositories */
    public Repositories repositories() {
        return new Repositories(backend, clock);
    }

    /**
     * Resolves a reference into this registry to the image it names now, pinned by digest: what a task definition
     * should run so that a moved tag cannot change it.
     *
     * @param reference e.g. {@code 127.0.0.1:5000/team/web:1.0.0}; without tag or digest it means {@code latest}
     * @return the same reference with the image's digest, e.g. {@code 127.0.0.1:5000/team/web:1.0.0@sha256:...}
     * @throws ResourceNotFoundException if the reference names another registry, or the repository or image does
     *     not exist
     * @throws InvalidSpecException if the repository name or tag breaks ECR's rules
     */
    public ImageRef resolve(ImageRef reference) {
        String host = reference.registry().orElse("");
        if (!host.equalsIgnoreCase(backend.host())) {
            throw new ResourceNotFoundException("Image '" + reference + "' is not in registry " + backend.host()
                    + " (its registry is '" + host + "'): use a reference of the form " + backend.host()
                    + "/<repository>:<tag>");
        }
        Repository repository = repositories().get(reference.repository());
        ImageId id = reference.digest().map(ImageId::digest)
                .orElseGet(() -> ImageId.tag(reference.tag().orElse("latest")));
        Image image = repository.describeImage(id);
        return reference.withDigest(image.digest());
    }

    /**
     * @param repositoryUri a repository URI, {@code <host>/<name>}, e.g. {@code 127.0.0.1:5000/team/web}
     * @return the repository it names
     * @throws ResourceNotFoundException if the URI names another registry or the repository does not exist
     * @throws InvalidSpecException if the name breaks ECR's rules
     */
    public Repository repositoryAt(String repositoryUri) {
        ImageRef ref = ImageRef.parse(repositoryUri);
        if (!ref.registry().orElse("").equalsIgnoreCase(backend.host()) || ref.tag().isPresent()
                || ref.digest().isPresent()) {
            throw new ResourceNotFoundException("'" + repositoryUri + "' is not a repository URI of registry "
                    + backend.host() + ": use " + backend.host() + "/<repository>");
        }
        return repositories().get(ref.repository());
    }

    /**
     * Registers a listener for the progress of {@link Repository#pull pulls} from this registry, for backends that
     * report it (the OCI registry backend reports each pull through its Docker engine).
     *
     * @param listener receives {@link dev.berth.progress.ImagePullProgress} reports, on a thread of the backend; it
     *     must not block
     * @return the handle that unregisters the listener
     */
    public Subscription onProgress(ProgressListener listener) {
        return backend.onProgress(listener);
    }

    /** Closes the backend. */
    @Override
    public void close() {
        backend.close();
    }

    static void checkRepositoryName(String name) {
        RegistryNames.checkRepositoryName(Objects.requireNonNull(name, "name"));
    }
}
