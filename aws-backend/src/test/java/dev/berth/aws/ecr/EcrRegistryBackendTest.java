package dev.berth.aws.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.registry.Image;
import dev.berth.registry.TagMutability;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Example;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;

/**
 * The backend's mapping where AWS behaves differently from moto, against fake ECR clients that answer as AWS does:
 * ECR's digest is the sha256 of the manifest bytes (moto hashes the layer digests), an
 * IMMUTABLE tag is refused with ImageTagAlreadyExistsException (moto: ImageAlreadyExistsException), and large
 * listings come in pages (moto's are small).
 */
class EcrRegistryBackendTest {

    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":"
            + "\"application/vnd.oci.image.manifest.v1+json\",\"config\":{},\"layers\":[]}";
    private static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

    /** Answers BatchGetImage with {@link #MANIFEST} and DescribeImages with what PutImage put, AWS-style. */
    private static class AwsLikeEcr extends FakeEcr {
        final List<PutImageRequest> puts = new ArrayList<>();
        final String digest = sha256(MANIFEST);

        @Override
        public BatchGetImageResponse batchGetImage(BatchGetImageRequest request) {
            return BatchGetImageResponse.builder().images(i -> i.imageManifest(MANIFEST)
                    .imageManifestMediaType(MEDIA_TYPE).imageId(id -> id.imageDigest(digest))).build();
        }

        @Override
        public PutImageResponse putImage(PutImageRequest request) {
            puts.add(request);
            return PutImageResponse.builder().image(i -> i.imageId(id -> id.imageDigest(sha256(request
                    .imageManifest())).imageTag(request.imageTag()))).build();
        }

        @Override
        public DescribeImagesResponse describeImages(DescribeImagesRequest request) {
            return DescribeImagesResponse.builder().imageDetails(detail(digest, "build-1", "release")).build();
        }
    }

    @Example
    void tagImage_putsTheManifestBytesUnchangedSoEcrKeepsTheDigest() {
        AwsLikeEcr ecr = new AwsLikeEcr();
        try (EcrRegistryBackend backend = backend(ecr)) {
            backend.tagImage("team/web", ecr.digest, "release");
        }
        assertThat(ecr.puts).singleElement().satisfies(put -> {
            assertThat(put.imageManifest()).isEqualTo(MANIFEST);
            assertThat(put.imageManifestMediaType()).isEqualTo(MEDIA_TYPE);
            assertThat(put.imageTag()).isEqualTo("release");
            assertThat(sha256(put.imageManifest())).isEqualTo(ecr.digest);
        });
    }

    @Example
    void tagImage_whenEcrRefusesImmutableTag_conflicts() {
        AwsLikeEcr ecr = new AwsLikeEcr() {
            @Override
            public PutImageResponse putImage(PutImageRequest request) {
                throw error("ImageTagAlreadyExistsException", 400, "The image tag 'release' already exists in the"
                        + " 'team/web' repository and cannot be overwritten because the repository is immutable.");
            }

            @Override
            public DescribeImagesResponse describeImages(DescribeImagesRequest request) {
                return DescribeImagesResponse.builder().imageDetails(detail(sha256("other"), "release")).build();
            }

            @Override
            public BatchGetImageResponse batchGetImage(BatchGetImageRequest request) {
                String wanted = request.imageIds().get(0).imageDigest();
                return BatchGetImageResponse.builder().images(i -> i.imageManifest(wanted.equals(digest) ? MANIFEST
                        : "other").imageManifestMediaType(MEDIA_TYPE).imageId(id -> id.imageDigest(wanted))).build();
            }
        };
        try (EcrRegistryBackend backend = backend(ecr)) {
            assertThatThrownBy(() -> backend.tagImage("team/web", ecr.digest, "release"))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("immutable")
                    .hasMessageContaining("req-ImageTagAlreadyExistsException");
        }
    }

    @Example
    void tagImage_whenTagAlreadyNamesTheImage_doesNothing() {
        AwsLikeEcr ecr = new AwsLikeEcr() {
            @Override
            public PutImageResponse putImage(PutImageRequest request) {
                throw error("ImageAlreadyExistsException", 400, "Image with digest '" + digest + "' and tag"
                        + " 'release' already exists in the repository");
            }
        };
        try (EcrRegistryBackend backend = backend(ecr)) {
            backend.tagImage("team/web", ecr.digest, "release");
        }
    }

    @Example
    void tagImage_whenDigestMissing_isNotFound() {
        FakeEcr ecr = new FakeEcr() {
            @Override
            public BatchGetImageResponse batchGetImage(BatchGetImageRequest request) {
                return BatchGetImageResponse.builder().failures(f -> f.failureCode(ImageFailureCode.IMAGE_NOT_FOUND)
                        .failureReason("Requested image not found")).build();
            }
        };
        try (EcrRegistryBackend backend = backend(ecr)) {
            assertThatThrownBy(() -> backend.tagImage("team/web", sha256("x"), "t"))
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("ImageNotFound");
        }
    }

    @Example
    void untag_whenTagMissing_isNotFound() {
        FakeEcr ecr = new FakeEcr() {
            @Override
            public BatchDeleteImageResponse batchDeleteImage(BatchDeleteImageRequest request) {
                return BatchDeleteImageResponse.builder().failures(f -> f.imageId(request.imageIds().get(0))
                        .failureCode(ImageFailureCode.IMAGE_NOT_FOUND).failureReason("Requested image not found"))
                        .build();
            }
        };
        try (EcrRegistryBackend backend = backend(ecr)) {
            assertThatThrownBy(() -> backend.untag("team/web", "gone")).isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("team/web:gone");
        }
    }

    @Example
    void listImages_readsEveryPage() {
        FakeEcr ecr = new FakeEcr() {
            @Override
            public DescribeImagesResponse describeImages(DescribeImagesRequest request) {
                if (request.nextToken() == null) {
                    return DescribeImagesResponse.builder().imageDetails(detail(sha256("b"), "two"))
                            .nextToken("page-2").build();
                }
                return DescribeImagesResponse.builder().imageDetails(detail(sha256("a"), "one")).build();
            }
        };
        try (EcrRegistryBackend backend = backend(ecr)) {
            assertThat(backend.listImages("team/web")).extracting(Image::digest)
                    .containsExactlyInAnyOrder(sha256("a"), sha256("b")).isSorted();
        }
    }

    @Example
    void describeRepository_readsTagMutabilityWithExclusionsAsItsBaseMode() {
        FakeEcr ecr = new FakeEcr() {
            @Override
            public DescribeRepositoriesResponse describeRepositories(DescribeRepositoriesRequest request) {
                return DescribeRepositoriesResponse.builder().repositories(r -> r.repositoryName("team/web")
                        .repositoryUri("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web")
                        .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                        .imageScanningConfiguration(s -> s.scanOnPush(true))
                        .createdAt(Instant.parse("2026-01-01T00:00:00Z"))).build();
            }
        };
        try (EcrRegistryBackend backend = backend(ecr)) {
            assertThat(backend.describeRepository("team/web")).hasValueSatisfying(d -> {
                assertThat(d.settings().tagMutability()).isEqualTo(TagMutability.IMMUTABLE);
                assertThat(d.settings().scanOnPush()).isTrue();
            });
        }
    }

    @Example
    void host_ofAnotherAccountReplacesTheAccountInEcrsProxyEndpoint() {
        FakeEcr ecr = new FakeEcr() {
            @Override
            public GetAuthorizationTokenResponse getAuthorizationToken(GetAuthorizationTokenRequest request) {
                return GetAuthorizationTokenResponse.builder().authorizationData(d -> d
                        .authorizationToken("QVdTOnNlY3JldA==").expiresAt(Instant.now().plus(Duration.ofHours(12)))
                        .proxyEndpoint("https://111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn")).build();
            }
        };
        try (EcrRegistryBackend backend = EcrRegistryBackend.create(EcrRegistryConfig.builder(ecr)
                .registryId("222222222222").build())) {
            assertThat(backend.host()).isEqualTo("222222222222.dkr.ecr.cn-north-1.amazonaws.com.cn");
        }
    }

    @Example
    void credentials_areTheEcrLogin_soADockerBackendCanPullTaskImagesWithThem() {
        FakeEcr ecr = new FakeEcr() {
            @Override
            public GetAuthorizationTokenResponse getAuthorizationToken(GetAuthorizationTokenRequest request) {
                return GetAuthorizationTokenResponse.builder().authorizationData(d -> d
                        .authorizationToken("QVdTOnNlY3JldA==").expiresAt(Instant.now().plus(Duration.ofHours(12)))
                        .proxyEndpoint("https://111111111111.dkr.ecr.eu-west-1.amazonaws.com")).build();
            }
        };
        try (EcrRegistryBackend backend = backend(ecr)) {
            assertThat(backend.credentials()).isSameAs(backend.authorization());
            assertThat(backend.credentials().credentials()).hasValueSatisfying(c -> assertThat(c.username()).isEqualTo("AWS"));
        }
    }

    @Example
    void builtClient_getsTheStandardRetryStrategyAndCallTimeoutUnlessTheCustomizerSetsThem() {
        EcrRegistryConfig defaults = EcrRegistryConfig.builder(b -> b.region(Region.EU_WEST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())).callTimeout(Duration.ofSeconds(7)).build();
        try (EcrClient client = EcrClients.build(defaults)) {
            var override = client.serviceClientConfiguration().overrideConfiguration();
            assertThat(override.apiCallTimeout()).contains(Duration.ofSeconds(7));
            assertThat(override.retryStrategy()).isPresent();
        }
        EcrRegistryConfig own = EcrRegistryConfig.builder(b -> b.region(Region.EU_WEST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(3)))).build();
        try (EcrClient client = EcrClients.build(own)) {
            var override = client.serviceClientConfiguration().overrideConfiguration();
            assertThat(override.apiCallTimeout()).contains(Duration.ofSeconds(3));
            assertThat(override.retryStrategy()).isPresent();
        }
    }

    private static EcrRegistryBackend backend(FakeEcr ecr) {
        return EcrRegistryBackend.create(EcrRegistryConfig.builder(ecr).build());
    }

    private static ImageDetail detail(String digest, String... tags) {
        return ImageDetail.builder().imageDigest(digest).imageTags(tags).imageSizeInBytes(10L)
                .imagePushedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
