package dev.berth.spi;

import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.progress.ImagePullProgress;
import dev.berth.progress.ProgressListener;
import dev.berth.registry.Image;
import dev.berth.registry.RegistryCredentialsProvider;
import dev.berth.registry.RepositoryDescription;
import dev.berth.registry.RepositorySettings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The service-provider interface of registries: repositories, images, tags and stored lifecycle policies, with
 * ECR's semantics. Names and tags reach a backend already validated by
 * {@link dev.berth.api.Registry}; a backend checks state, not syntax.
 *
 * <p>Every method may also throw a backend-specific subtype of {@link BerthException} when the registry cannot be
 * reached or does not answer in time. Implementations are thread-safe.
 */
public interface RegistryBackend extends AutoCloseable {

    /** @return the registry's host and port as image references name it, e.g. {@code 127.0.0.1:5000} */
    String host();

    /**
     * The login this backend uses, so that compute backends can pull the registry's images with it (see
     * {@link dev.berth.api.Registry#credentialsLookup}).
     *
     * @return the registry's credentials provider; {@link RegistryCredentialsProvider#anonymous()} by default
     */
    default RegistryCredentialsProvider credentials() {
        return RegistryCredentialsProvider.anonymous();
    }

    /**
     * @param name the repository name
     * @param settings its tag mutability and scan on push
     * @return the new repository
     * @throws ConflictException if the repository exists
     */
    RepositoryDescription createRepository(String name, RepositorySettings settings);

    /**
     * @param name the repository name
     * @return the repository, or empty if it does not exist
     */
    Optional<RepositoryDescription> describeRepository(String name);

    /** @return every repository, sorted by name */
    List<RepositoryDescription> listRepositories();

    /**
     * Deletes a repository with its images and lifecycle policy.
     *
     * @param name the repository name
     * @param force whether to delete it when it still holds images
     * @throws ResourceNotFoundException if the repository does not exist
     * @throws ConflictException if it holds images and {@code force} is false (ECR's RepositoryNotEmptyException)
     */
    void deleteRepository(String name, boolean force);

    /**
     * @param repository the repository name
     * @return every image, tagged or not, sorted by digest
     * @throws ResourceNotFoundException if the repository does not exist
     */
    List<Image> listImages(String repository);

    /**
     * Points {@code tag} at the image {@code digest}. Retagging an image with a tag it already has does nothing.
     *
     * @param repository the repository name
     * @param digest the image's digest
     * @param tag the tag to put
     * @throws ResourceNotFoundException if the repository or the image does not exist
     * @throws ConflictException if the repository is IMMUTABLE and the tag points to another image
     */
    void tagImage(String repository, String digest, String tag);

    /**
     * Removes a tag; an image that loses its last tag is deleted (ECR's BatchDeleteImage by tag).
     *
     * @param repository the repository name
     * @param tag the tag to remove
     * @throws ResourceNotFoundException if the repository or the tag does not exist
     */
    void untag(String repository, String tag);

    /**
     * Deletes an image and every tag pointing to it.
     *
     * @param repository the repository name
     * @param digest the image's digest
     * @throws ResourceNotFoundException if the repository or the image does not exist
     */
    void deleteImage(String repository, String digest);

    /**
     * Pushes an image that the backend's engine holds under {@code <host>/<repository>:<tag>}. On a MUTABLE
     * repository a tag that pointed elsewhere moves and the image it left stays, untagged if that was its last tag.
     *
     * @param repository the repository name
     * @param localImage the image on the engine, by name, name:tag or id
     * @param tag the tag to push it under
     * @return the pushed image as the registry now lists it
     * @throws ResourceNotFoundException if the repository or the local image does not exist
     * @throws ConflictException if the repository is IMMUTABLE and the tag exists
     */
    Image push(String repository, String localImage, String tag);

    /**
     * Pulls an image into the backend's engine.
     *
     * @param repository the repository name
     * @param reference a tag, or a digest {@code sha256:...}
     * @return the reference the engine now holds, {@code <host>/<repository>:<tag>} or {@code ...@<digest>}
     * @throws ResourceNotFoundException if the repository or the image does not exist
     */
    String pull(String repository, String reference);

    /**
     * Stores a lifecycle policy, replacing any previous one. The text is already validated.
     *
     * @param repository the repository name
     * @param policyText the policy JSON, as given
     * @throws ResourceNotFoundException if the repository does not exist
     */
    void putLifecyclePolicy(String repository, String policyText);

    /**
     * @param repository the repository name
     * @return the stored lifecycle policy's text, or empty if there is none
     * @throws ResourceNotFoundException if the repository does not exist
     */
    Optional<String> lifecyclePolicy(String repository);

    /**
     * @param repository the repository name
     * @throws ResourceNotFoundException if the repository or its lifecycle policy does not exist
     */
    void deleteLifecyclePolicy(String repository);

    /**
     * Registers a listener for the progress of {@link #pull pulls} through the backend's engine
     * ({@link ImagePullProgress}), throttled to a few reports per second per image and delivered so that a slow
     * listener never holds up a pull; each pull ends with a finished report. The default reports nothing.
     *
     * @param listener receives the reports, on a thread of the backend; it must not block
     * @return the handle that unregisters the listener
     */
    default Subscription onProgress(ProgressListener listener) {
        Objects.requireNonNull(listener, "listener");
        return () -> { };
    }

    /** Releases the backend's connections; the registry's content stays. */
    @Override
    void close();
}
