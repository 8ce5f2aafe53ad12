package dev.berth.aws.ecr;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.SpecProblem;
import dev.berth.registry.Image;
import dev.berth.registry.ImageId;
import dev.berth.registry.RegistryCredentialsProvider;
import dev.berth.registry.RepositoryDescription;
import dev.berth.registry.RepositorySettings;
import dev.berth.registry.TagMutability;
import dev.berth.registry.TagStatus;
import dev.berth.spi.RegistryBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * A {@link RegistryBackend} on Amazon ECR through the AWS SDK v2: repositories, images, tags, tag mutability, scan
 * on push and stored lifecycle policies are ECR's own; push and pull go through a
 * Docker engine logged in with {@link EcrAuthorization}.
 *
 * <ul>
 *   <li><b>Retag</b> is ECR's way: {@code BatchGetImage} of the manifest, then {@code PutImage} of the same bytes
 *       under the new tag. ECR refuses to move a tag of an IMMUTABLE repository
 *       ({@code ImageTagAlreadyExistsException}; moto says {@code ImageAlreadyExistsException}): both become a
 *       {@link ConflictException}, except when the tag already names the image, which does nothing.</li>
 *   <li><b>Delete</b> is {@code BatchDeleteImage}: by tag removes the tag and the image with its last tag, by digest
 *       the image with all its tags.</li>
 *   <li><b>Lifecycle policies</b> are stored in ECR as given; Berth's {@link dev.berth.api.Repository} previews
 *       them with core's evaluator over {@code DescribeImages} and applies them by deleting exactly the previewed
 *       images, so the result does not wait for ECR's own daily run.</li>
 *   <li><b>Errors</b> become Berth's exceptions with ECR's message and request id; throttling and 5xx answers are
 *       retried by the SDK's retry strategy and then reported as retryable
 *       {@link BackendUnavailableException}s.</li>
 * </ul>
 * Thread-safe. Closing it closes the client Berth built and the engine clients, never the user's own client.
 */
public final class EcrRegistryBackend implements RegistryBackend {

    private static final Logger LOG = LoggerFactory.getLogger(EcrRegistryBackend.class);
    /** Every manifest type a retag may copy; ECR answers BatchGetImage only with a type listed here. */
    private static final List<String> MANIFEST_TYPES = List.of(
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v1+json");

    private final EcrClient ecr;
    private final boolean ownsClient;
    private final Optional<String> registryId;
    private final Optional<String> configuredHost;
    private final EcrAuthorization authorization;
    private final Optional<ImageTransfer> transfer;
    private volatile String host;

    private EcrRegistryBackend(EcrRegistryConfig config,
                               Function<EcrAuthorization, Optional<ImageTransfer>> transfer) {
        this.ownsClient = config.client().isEmpty();
        this.ecr = config.client().orElseGet(() -> EcrClients.build(config));
        this.registryId = config.registryId();
        this.configuredHost = config.registryHost();
        this.authorization = EcrAuthorization.create(ecr, config.clock());
        this.transfer = transfer.apply(authorization);
    }

    /**
     * @param config the client, the registry and the engine
     * @return a backend; nothing is contacted until the first call
     */
    public static EcrRegistryBackend create(EcrRegistryConfig config) {
        Objects.requireNonNull(config, "config");
        return new EcrRegistryBackend(config, auth -> config.engine().map(e -> EngineImages.open(e, auth)));
    }

    /** A backend whose pushes and pulls move content through {@code transfer} instead of the configured engine. */
    static EcrRegistryBackend create(EcrRegistryConfig config, ImageTransfer transfer) {
        return new EcrRegistryBackend(config, auth -> Optional.of(transfer));
    }

    /** @return the Docker login for this registry, renewed before it expires */
    public EcrAuthorization authorization() {
        return authorization;
    }

    /**
     * @return the Docker login for this registry ({@link #authorization()}), so that a Docker backend pulls task
     *     images from it through {@code Registry.credentialsLookup(...)}
     */
    @Override
    public RegistryCredentialsProvider credentials() {
        return authorization;
    }

    /**
     * @return the registry host, {@code <account>.dkr.ecr.<region>.amazonaws.com}: the configured one, else the host
     *     of ECR's {@code proxyEndpoint} with the configured account id in front (asked once)
     * @throws BackendUnavailableException if ECR has to be asked and does not answer
     */
    @Override
    public String host() {
        String known = host;
        if (known == null) {
            known = configuredHost.orElseGet(() -> {
                String own = authorization.registryHost();
                return registryId.map(id -> id + own.substring(own.indexOf('.'))).orElse(own);
            });
            host = known;
        }
        return known;
    }

    @Override
    public RepositoryDescription createRepository(String name, RepositorySettings settings) {
        Repository created = EcrErrors.call("CreateRepository " + name, () -> ecr.createRepository(b -> b
                .registryId(registryId.orElse(null))
                .repositoryName(name)
                .imageTagMutability(settings.tagMutability() == TagMutability.IMMUTABLE
                        ? ImageTagMutability.IMMUTABLE : ImageTagMutability.MUTABLE)
                .imageScanningConfiguration(s -> s.scanOnPush(settings.scanOnPush())))).repository();
        LOG.debug("created repository={} registry={}", name, created.registryId());
        return describe(created);
    }

    @Override
    public Optional<RepositoryDescription> describeRepository(String name) {
        try {
            return ecr.describeRepositories(b -> b.registryId(registryId.orElse(null)).repositoryNames(name))
                    .repositories().stream().findFirst().map(this::describe);
        } catch (SdkException e) {
            if ("RepositoryNotFoundException".equals(EcrErrors.code(e))) {
                return Optional.empty();
            }
            throw EcrErrors.translate("DescribeRepositories " + name, e);
        }
    }

    @Override
    public List<RepositoryDescription> listRepositories() {
        return EcrErrors.call("DescribeRepositories", () -> {
            List<RepositoryDescription> all = new ArrayList<>();
            ecr.describeRepositoriesPaginator(b -> b.registryId(registryId.orElse(null)).maxResults(1000))
                    .repositories().forEach(r -> all.add(describe(r)));
            all.sort(Comparator.comparing(RepositoryDescription::name));
            return List.copyOf(all);
        });
    }

    @Override
    public void deleteRepository(String name, boolean force) {
        EcrErrors.call("DeleteRepository " + name, () -> ecr.deleteRepository(b -> b
                .registryId(registryId.orElse(null)).repositoryName(name).force(force)));
    }

    /**
     * Changes whether tags of a repository may move (ECR's {@code PutImageTagMutability}); images stay as they are.
     *
     * @param repository the repository name
     * @param mutability the new tag mutability
     * @throws ResourceNotFoundException if the repository does not exist
     * @throws InvalidSpecException if ECR refuses the name
     */
    public void setTagMutability(String repository, TagMutability mutability) {
        Objects.requireNonNull(mutability, "mutability");
        EcrErrors.call("PutImageTagMutability " + repository, () -> ecr.putImageTagMutability(b -> b
                .registryId(registryId.orElse(null)).repositoryName(repository)
                .imageTagMutability(mutability == TagMutability.IMMUTABLE
                        ? ImageTagMutability.IMMUTABLE : ImageTagMutability.MUTABLE)));
    }

    /**
     * Turns scanning of each pushed image on or off (ECR's {@code PutImageScanningConfiguration}).
     *
     * @param repository the repository name
     * @param scanOnPush whether ECR scans each pushed image
     * @throws ResourceNotFoundException if the repository does not exist
     * @throws InvalidSpecException if ECR refuses the name
     */
    public void setScanOnPush(String repository, boolean scanOnPush) {
        EcrErrors.call("PutImageScanningConfiguration " + repository, () -> ecr.putImageScanningConfiguration(b -> b
                .registryId(registryId.orElse(null)).repositoryName(repository)
                .imageScanningConfiguration(s -> s.scanOnPush(scanOnPush))));
    }

    @Override
    public List<Image> listImages(String repository) {
        return images(repository, TagStatus.ANY);
    }

    /**
     * Lists images with ECR's own tag-status filter ({@code DescribeImages}, every page).
     *
     * @param repository the repository name
     * @param filter which images by their tags
     * @return the images, sorted by digest
     * @throws ResourceNotFoundException if the repository does not exist
     */
    public List<Image> images(String repository, TagStatus filter) {
        Objects.requireNonNull(filter, "filter");
        DescribeImagesRequest.Builder request = DescribeImagesRequest.builder().registryId(registryId.orElse(null))
                .repositoryName(repository).maxResults(1000);
        if (filter != TagStatus.ANY) {
            request.filter(f -> f.tagStatus(filter == TagStatus.TAGGED
                    ? software.amazon.awssdk.services.ecr.model.TagStatus.TAGGED
                    : software.amazon.awssdk.services.ecr.model.TagStatus.UNTAGGED));
        }
        return EcrErrors.call("DescribeImages " + repository, () -> {
            List<Image> images = new ArrayList<>();
            // ECR filters by itself; the same filter applied here again costs nothing and keeps the result right
            // on endpoints that ignore it (moto's DescribeImages does).
            ecr.describeImagesPaginator(request.build()).imageDetails().stream().map(EcrRegistryBackend::image)
                    .filter(filter::selects).forEach(images::add);
            images.sort(Comparator.comparing(Image::digest));
            return List.copyOf(images);
        });
    }

    /**
     * Looks one image up by tag or digest ({@code DescribeImages} with an image id).
     *
     * @param repository the repository name
     * @param id a tag or a digest
     * @return the image, or empty if the repository has no such image
     * @throws ResourceNotFoundException if the repository does not exist
     */
    public Optional<Image> image(String repository, ImageId id) {
        try {
            return ecr.describeImages(b -> b.registryId(registryId.orElse(null)).repositoryName(repository)
                    .imageIds(identifier(id))).imageDetails().stream().findFirst().map(EcrRegistryBackend::image);
        } catch (SdkException e) {
            if ("ImageNotFoundException".equals(EcrErrors.code(e))) {
                return Optional.empty();
            }
            throw EcrErrors.translate("DescribeImages " + repository + id, e);
        }
    }

    @Override
    public void tagImage(String repository, String digest, String tag) {
        BatchGetImageResponse got = EcrErrors.call("BatchGetImage " + repository + "@" + digest,
                () -> ecr.batchGetImage(b -> b.registryId(registryId.orElse(null)).repositoryName(repository)
                        .imageIds(ImageIdentifier.builder().imageDigest(digest).build()).acceptedMediaTypes(MANIFEST_TYPES)));
        software.amazon.awssdk.services.ecr.model.Image source = got.images().stream().findFirst()
                .orElseThrow(() -> failed(repository, "@" + digest, got.failures()));
        putManifest(repository, source.imageManifest(), source.imageManifestMediaType(), tag);
    }

    /**
     * Puts a manifest under a tag (ECR's {@code PutImage}, the last step of every {@code docker push}), for retags.
     * A tag that already names exactly this manifest is left as it is.
     *
     * @return the image as ECR lists it now
     * @throws ConflictException if the repository is IMMUTABLE and the tag names another image
     */
    Image putManifest(String repository, String manifest, String mediaType, String tag) {
        String what = "PutImage " + repository + ":" + tag;
        PutImageResponse put;
        try {
            put = ecr.putImage(b -> b.registryId(registryId.orElse(null)).repositoryName(repository)
                    .imageManifest(manifest).imageManifestMediaType(mediaType).imageTag(tag));
        } catch (SdkException e) {
            String code = EcrErrors.code(e);
            if ("ImageAlreadyExistsException".equals(code) || "ImageTagAlreadyExistsException".equals(code)) {
                // AWS: ImageAlreadyExists = this manifest already has this tag (nothing to do), ImageTagAlreadyExists
                // = IMMUTABLE tag on another image. moto raises ImageAlreadyExists for both, so look at the tag.
                Optional<Image> current = image(repository, ImageId.tag(tag));
                Optional<Image> wanted = current.filter(i -> manifestOf(repository, i.digest()).equals(manifest));
                if (wanted.isPresent()) {
                    return wanted.get();
                }
                ConflictException conflict = new ConflictException("Tag '" + tag + "' already names another image"
                        + " in IMMUTABLE repository '" + repository + "': push or tag under a new tag. "
                        + EcrErrors.translate(what, e).getMessage());
                conflict.initCause(e);
                throw conflict;
            }
            throw EcrErrors.translate(what, e);
        }
        String digest = put.image().imageId().imageDigest();
        return image(repository, ImageId.digest(digest)).orElseThrow(() -> new BackendUnavailableException(
                "ECR does not list " + repository + "@" + digest + " right after PutImage; retry later", true));
    }

    @Override
    public void untag(String repository, String tag) {
        delete(repository, ImageIdentifier.builder().imageTag(tag).build(), ":" + tag);
    }

    @Override
    public void deleteImage(String repository, String digest) {
        delete(repository, ImageIdentifier.builder().imageDigest(digest).build(), "@" + digest);
    }

    private void delete(String repository, ImageIdentifier id, String suffix) {
        BatchDeleteImageResponse deleted = EcrErrors.call("BatchDeleteImage " + repository + suffix,
                () -> ecr.batchDeleteImage(b -> b.registryId(registryId.orElse(null)).repositoryName(repository)
                        .imageIds(id)));
        if (deleted.hasFailures() && !deleted.failures().isEmpty()) {
            throw failed(repository, suffix, deleted.failures());
        }
    }

    @Override
    public Image push(String repository, String localImage, String tag) {
        ImageTransfer images = requireTransfer("push");
        RepositoryDescription description = describeRepository(repository).orElseThrow(() -> missing(repository));
        // ECR refuses the push itself, but the engine reports that as an opaque push error; asking first gives
        // the caller ECR's meaning. A racing push is still refused by ECR.
        if (description.settings().tagMutability() == TagMutability.IMMUTABLE
                && image(repository, ImageId.tag(tag)).isPresent()) {
            throw new ConflictException("Tag '" + tag + "' already exists in IMMUTABLE repository '" + repository
                    + "' (ECR's ImageTagAlreadyExistsException): push under a new tag");
        }
        images.push(localImage, host() + "/" + repository, tag);
        return image(repository, ImageId.tag(tag)).orElseThrow(() -> new BackendUnavailableException("ECR does not"
                + " list " + repository + ":" + tag + " after its push; retry the lookup later", true));
    }

    @Override
    public String pull(String repository, String reference) {
        ImageTransfer images = requireTransfer("pull");
        ImageId id = reference.startsWith("sha256:") ? ImageId.digest(reference) : ImageId.tag(reference);
        if (image(repository, id).isEmpty()) {
            throw new ResourceNotFoundException("Image " + host() + "/" + repository + id + " does not exist");
        }
        images.pull(host() + "/" + repository, reference);
        return host() + "/" + repository + id;
    }

    @Override
    public void putLifecyclePolicy(String repository, String policyText) {
        EcrErrors.call("PutLifecyclePolicy " + repository, () -> ecr.putLifecyclePolicy(b -> b
                .registryId(registryId.orElse(null)).repositoryName(repository).lifecyclePolicyText(policyText)));
    }

    @Override
    public Optional<String> lifecyclePolicy(String repository) {
        try {
            return Optional.ofNullable(ecr.getLifecyclePolicy(b -> b.registryId(registryId.orElse(null))
                    .repositoryName(repository)).lifecyclePolicyText());
        } catch (SdkException e) {
            if ("LifecyclePolicyNotFoundException".equals(EcrErrors.code(e))) {
                return Optional.empty();
            }
            throw EcrErrors.translate("GetLifecyclePolicy " + repository, e);
        }
    }

    @Override
    public void deleteLifecyclePolicy(String repository) {
        EcrErrors.call("DeleteLifecyclePolicy " + repository, () -> ecr.deleteLifecyclePolicy(b -> b
                .registryId(registryId.orElse(null)).repositoryName(repository)));
    }

    /** Closes the engine clients and the ECR client Berth built; the user's own client stays open. */
    @Override
    public void close() {
        transfer.ifPresent(ImageTransfer::close);
        if (ownsClient) {
            ecr.close();
        }
    }

    @Override
    public String toString() {
        return "EcrRegistryBackend[registryId=" + registryId.orElse("(caller's)") + ", host="
                + Objects.requireNonNullElse(host, configuredHost.orElse("(not asked yet)")) + "]";
    }

    private String manifestOf(String repository, String digest) {
        return EcrErrors.call("BatchGetImage " + repository + "@" + digest, () -> ecr.batchGetImage(b -> b
                        .registryId(registryId.orElse(null)).repositoryName(repository)
                        .imageIds(ImageIdentifier.builder().imageDigest(digest).build()).acceptedMediaTypes(MANIFEST_TYPES)))
                .images().stream().findFirst().map(software.amazon.awssdk.services.ecr.model.Image::imageManifest)
                .orElse("");
    }

    private RepositoryDescription describe(Repository r) {
        boolean immutable = r.imageTagMutability() == ImageTagMutability.IMMUTABLE
                || r.imageTagMutability() == ImageTagMutability.IMMUTABLE_WITH_EXCLUSION;
        boolean scanOnPush = r.imageScanningConfiguration() != null
                && Boolean.TRUE.equals(r.imageScanningConfiguration().scanOnPush());
        return new RepositoryDescription(r.repositoryName(), r.repositoryUri(),
                new RepositorySettings(immutable ? TagMutability.IMMUTABLE : TagMutability.MUTABLE, scanOnPush),
                r.createdAt() != null ? r.createdAt() : Instant.EPOCH);
    }

    private static Image image(ImageDetail d) {
        return new Image(d.imageDigest(), d.hasImageTags() ? d.imageTags() : List.of(),
                d.imagePushedAt() != null ? d.imagePushedAt() : Instant.EPOCH,
                d.imageSizeInBytes() != null ? d.imageSizeInBytes() : 0L);
    }

    private static ImageIdentifier identifier(ImageId id) {
        return id.byDigest() ? ImageIdentifier.builder().imageDigest(id.value()).build()
                : ImageIdentifier.builder().imageTag(id.value()).build();
    }

    /** What a BatchGetImage or BatchDeleteImage failure means, by ECR's failure code. */
    private static BerthException failed(String repository, String suffix, List<ImageFailure> failures) {
        String reasons = failures.stream().map(f -> f.failureCodeAsString() + ": " + f.failureReason())
                .reduce((a, b) -> a + "; " + b).orElse("no image and no failure returned");
        String message = "Image " + repository + suffix + ": ECR answered " + reasons;
        ImageFailureCode code = failures.isEmpty() ? ImageFailureCode.IMAGE_NOT_FOUND : failures.get(0).failureCode();
        return switch (code) {
            case IMAGE_NOT_FOUND, IMAGE_TAG_DOES_NOT_MATCH_DIGEST -> new ResourceNotFoundException(message);
            case IMAGE_REFERENCED_BY_MANIFEST_LIST -> new ConflictException(message
                    + ": delete the manifest list that references it first");
            case INVALID_IMAGE_DIGEST, INVALID_IMAGE_TAG, MISSING_DIGEST_AND_TAG -> new InvalidSpecException(
                    "ECR image id " + repository + suffix, List.of(new SpecProblem("imageIds[0]",
                            "ecr." + code, "", message)));
            default -> new BackendUnavailableException(message, false);
        };
    }

    private ImageTransfer requireTransfer(String what) {
        return transfer.orElseThrow(() -> new IllegalStateException("Cannot " + what + " without a Docker engine:"
                + " configure EcrRegistryConfig.builder(..).engine(DockerBackendConfig.fromEnvironment())"));
    }

    private ResourceNotFoundException missing(String repository) {
        return new ResourceNotFoundException("Repository '" + repository + "' does not exist in ECR registry "
                + registryId.orElse("of the caller") + ": create it first");
    }
}
