package dev.berth.api;

import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.internal.json.LifecyclePolicyJsonCodec;
import dev.berth.internal.registry.RegistryNames;
import dev.berth.model.ImageRef;
import dev.berth.registry.Image;
import dev.berth.registry.ImageId;
import dev.berth.registry.RepositoryDescription;
import dev.berth.registry.TagStatus;
import dev.berth.registry.lifecycle.ExpiredImage;
import dev.berth.registry.lifecycle.LifecyclePolicy;
import dev.berth.spi.RegistryBackend;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One repository of a {@link Registry} and its images, with ECR's semantics: removing an image's last tag deletes
 * the image, deleting by digest removes every tag of the image, and an IMMUTABLE repository refuses to move a tag.
 */
public final class Repository {

    private final RegistryBackend backend;
    private final Clock clock;
    private final String name;

    Repository(RegistryBackend backend, Clock clock, String name) {
        this.backend = backend;
        this.clock = clock;
        this.name = name;
    }

    /** @return the repository's name */
    public String name() {
        return name;
    }

    /** @return where its images are pushed and pulled, {@code <registry-host>/<name>} */
    public String uri() {
        return backend.host() + "/" + name;
    }

    /**
     * @return the repository's current description
     * @throws ResourceNotFoundException if it was deleted
     */
    public RepositoryDescription describe() {
        return backend.describeRepository(name).orElseThrow(this::missing);
    }

    /**
     * @param filter which images by their tags
     * @return the images, newest push first (then by digest)
     * @throws ResourceNotFoundException if the repository was deleted
     */
    public List<Image> images(TagStatus filter) {
        Objects.requireNonNull(filter, "filter");
        return backend.listImages(name).stream().filter(filter::selects)
                .sorted(Comparator.comparing(Image::pushedAt).reversed().thenComparing(Image::digest))
                .toList();
    }

    /**
     * @param id a tag or a digest
     * @return the image it names
     * @throws InvalidSpecException if the tag or digest is malformed
     * @throws ResourceNotFoundException if the repository or the image does not exist
     */
    public Image describeImage(ImageId id) {
        check(id);
        return backend.listImages(name).stream()
                .filter(image -> id.byDigest() ? image.digest().equals(id.value()) : image.tags().contains(id.value()))
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Image " + uri() + id + " does not exist"));
    }

    /**
     * Points {@code newTag} at the image {@code source} names (ECR's PutImage with an existing manifest).
     *
     * @param source the image, by tag or digest
     * @param newTag the tag to add
     * @return the image with its new tag
     * @throws InvalidSpecException if a tag or digest is malformed
     * @throws ResourceNotFoundException if the repository or the image does not exist
     * @throws ConflictException if the repository is IMMUTABLE and {@code newTag} points to another image
     */
    public Image tag(ImageId source, String newTag) {
        RegistryNames.checkTag(Objects.requireNonNull(newTag, "newTag"));
        Image image = describeImage(source);
        backend.tagImage(name, image.digest(), newTag);
        return describeImage(ImageId.digest(image.digest()));
    }

    /**
     * Removes a tag; the image is deleted when that was its last tag.
     *
     * @param tag the tag
     * @throws InvalidSpecException if the tag is malformed
     * @throws ResourceNotFoundException if the repository or the tag does not exist
     */
    public void untag(String tag) {
        RegistryNames.checkTag(Objects.requireNonNull(tag, "tag"));
        backend.untag(name, tag);
    }

    /**
     * Deletes as ECR's BatchDeleteImage does: by tag, removes that tag (and the image if it was its last tag); by
     * digest, removes the image and all its tags.
     *
     * @param id a tag or a digest
     * @throws InvalidSpecException if the tag or digest is malformed
     * @throws ResourceNotFoundException if the repository or the image does not exist
     */
    public void delete(ImageId id) {
        check(id);
        if (id.byDigest()) {
            backend.deleteImage(name, id.value());
        } else {
            backend.untag(name, id.value());
        }
    }

    /**
     * Pushes an image of the backend's engine under a tag.
     *
     * @param localImage the image on the engine, by name, name:tag or id
     * @param tag the tag to push it under
     * @return the pushed image
     * @throws InvalidSpecException if the tag is malformed
     * @throws ResourceNotFoundException if the repository or the local image does not exist
     * @throws ConflictException if the repository is IMMUTABLE and the tag exists
     */
    public Image push(String localImage, String tag) {
        Objects.requireNonNull(localImage, "localImage");
        RegistryNames.checkTag(Objects.requireNonNull(tag, "tag"));
        return backend.push(name, localImage, tag);
    }

    /**
     * Pulls an image into the backend's engine.
     *
     * @param id a tag or a digest
     * @return the reference the engine now holds it under
     * @throws InvalidSpecException if the tag or digest is malformed
     * @throws ResourceNotFoundException if the repository or the image does not exist
     */
    public ImageRef pull(ImageId id) {
        check(id);
        return ImageRef.parse(backend.pull(name, id.value()));
    }

    /**
     * @param id a tag or a digest
     * @return the reference a container runs the image by, e.g. {@code 127.0.0.1:5000/team/web:1.0}; the image
     *     need not exist
     * @throws InvalidSpecException if the tag or digest is malformed
     */
    public ImageRef imageRef(ImageId id) {
        check(id);
        return ImageRef.parse(uri() + id);
    }

    /**
     * Validates and stores a lifecycle policy, replacing any previous one. Nothing expires until
     * {@link #applyLifecyclePolicy()} runs.
     *
     * @param policyJson ECR's lifecycle policy JSON
     * @return the parsed policy
     * @throws InvalidSpecException if the policy breaks ECR's rules
     * @throws ResourceNotFoundException if the repository does not exist
     */
    public LifecyclePolicy putLifecyclePolicy(String policyJson) {
        LifecyclePolicy policy = LifecyclePolicyJsonCodec.read(policyJson);
        backend.putLifecyclePolicy(name, policyJson);
        return policy;
    }

    /**
     * @return the stored lifecycle policy, or empty if there is none
     * @throws ResourceNotFoundException if the repository does not exist
     */
    public Optional<LifecyclePolicy> lifecyclePolicy() {
        return backend.lifecyclePolicy(name).map(LifecyclePolicyJsonCodec::read);
    }

    /**
     * @throws ResourceNotFoundException if the repository or its lifecycle policy does not exist
     */
    public void deleteLifecyclePolicy() {
        backend.deleteLifecyclePolicy(name);
    }

    /**
     * @param policy a policy to try, stored or not
     * @return the images it would expire now, oldest first, each with its rule; nothing is deleted
     * @throws ResourceNotFoundException if the repository does not exist
     */
    public List<ExpiredImage> previewLifecyclePolicy(LifecyclePolicy policy) {
        return policy.evaluate(backend.listImages(name), clock.instant());
    }

    /**
     * Evaluates the stored policy now and deletes, by digest, exactly the images it expires.
     *
     * @return the images deleted, oldest first, each with the rule that expired it
     * @throws ResourceNotFoundException if the repository or its lifecycle policy does not exist
     */
    public List<ExpiredImage> applyLifecyclePolicy() {
        LifecyclePolicy policy = lifecyclePolicy().orElseThrow(() -> new ResourceNotFoundException(
                "Repository " + uri() + " has no lifecycle policy: put one first"));
        List<ExpiredImage> expired = previewLifecyclePolicy(policy);
        for (ExpiredImage e : expired) {
            backend.deleteImage(name, e.image().digest());
        }
        return expired;
    }

    @Override
    public String toString() {
        return "Repository[" + uri() + "]";
    }

    private static void check(ImageId id) {
        Objects.requireNonNull(id, "id");
        if (id.byDigest()) {
            RegistryNames.checkDigest(id.value());
        } else {
            RegistryNames.checkTag(id.value());
        }
    }

    private ResourceNotFoundException missing() {
        return new ResourceNotFoundException("Repository '" + name + "' does not exist in registry "
                + backend.host());
    }
}
