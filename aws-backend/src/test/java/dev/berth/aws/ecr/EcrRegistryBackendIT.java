package dev.berth.aws.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Registry;
import dev.berth.api.Repository;
import dev.berth.aws.RequiresMoto;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.registry.Image;
import dev.berth.registry.ImageId;
import dev.berth.registry.RepositoryDescription;
import dev.berth.registry.RepositorySettings;
import dev.berth.registry.TagMutability;
import dev.berth.registry.TagStatus;
import dev.berth.registry.lifecycle.ExpiredImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The ECR backend over HTTP against moto's server: repositories, images put as a {@code docker push} puts them last
 * (PutImage of a manifest; moto takes no layers), listing with ECR's filters, retag, tag mutability, deletes, lifecycle
 * policies with Berth's preview and apply, and ECR's errors as Berth's exceptions.
 */
@RequiresMoto
class EcrRegistryBackendIT {

    private final List<String> created = new ArrayList<>();
    private EcrClient moto;
    private EcrRegistryBackend backend;

    @BeforeEach
    void open() {
        moto = MotoEcr.client();
        backend = EcrRegistryBackend.create(EcrRegistryConfig.builder(moto).build());
    }

    @AfterEach
    void cleanUp() {
        try {
            for (String name : created) {
                if (backend.describeRepository(name).isPresent()) {
                    backend.deleteRepository(name, true);
                }
            }
        } finally {
            backend.close();
            moto.close();
        }
    }

    @Test
    void repositories_createDescribeListAndDelete() {
        String name = newName();
        RepositoryDescription made = backend.createRepository(name, new RepositorySettings(TagMutability.IMMUTABLE,
                true));

        assertThat(made.name()).isEqualTo(name);
        assertThat(made.uri()).isEqualTo(backend.host() + "/" + name).contains(".dkr.ecr.us-east-1.amazonaws.com/");
        assertThat(backend.describeRepository(name)).hasValueSatisfying(d -> {
            assertThat(d.settings()).isEqualTo(new RepositorySettings(TagMutability.IMMUTABLE, true));
            assertThat(d.createdAt()).isEqualTo(made.createdAt());
        });
        assertThat(backend.listRepositories()).extracting(RepositoryDescription::name).contains(name)
                .isSortedAccordingTo(String::compareTo);

        backend.deleteRepository(name, false);
        assertThat(backend.describeRepository(name)).isEmpty();
        assertThat(backend.listRepositories()).extracting(RepositoryDescription::name).doesNotContain(name);
    }

    @Test
    void settings_tagMutabilityAndScanOnPushChange() {
        String name = newRepository();
        backend.setTagMutability(name, TagMutability.IMMUTABLE);
        backend.setScanOnPush(name, true);

        assertThat(backend.describeRepository(name)).map(RepositoryDescription::settings)
                .contains(new RepositorySettings(TagMutability.IMMUTABLE, true));
    }

    @Test
    void putImage_underTwoTags_isOneImageListedWithFilters() {
        String name = newRepository();
        Image tagged = backend.putManifest(name, MotoEcr.manifest(0), MotoEcr.MEDIA_TYPE, "one");
        backend.putManifest(name, MotoEcr.manifest(0), MotoEcr.MEDIA_TYPE, "two");
        String untagged = moto.putImage(b -> b.repositoryName(name).imageManifest(MotoEcr.manifest(1))
                .imageManifestMediaType(MotoEcr.MEDIA_TYPE)).image().imageId().imageDigest();

        assertThat(backend.images(name, TagStatus.TAGGED)).singleElement().satisfies(image -> {
            assertThat(image.digest()).isEqualTo(tagged.digest()).startsWith("sha256:");
            assertThat(image.tags()).containsExactly("one", "two");
        });
        assertThat(backend.images(name, TagStatus.UNTAGGED)).extracting(Image::digest).containsExactly(untagged);
        assertThat(backend.listImages(name)).extracting(Image::digest)
                .containsExactlyInAnyOrder(tagged.digest(), untagged);
        assertThat(backend.image(name, ImageId.tag("two"))).map(Image::digest).contains(tagged.digest());
        assertThat(backend.image(name, ImageId.tag("three"))).isEmpty();
    }

    @Test
    void tagImage_addsTagAndKeepsDigest() {
        String name = newRepository();
        Image image = backend.putManifest(name, MotoEcr.manifest(0), MotoEcr.MEDIA_TYPE, "build-7");

        backend.tagImage(name, image.digest(), "release");
        backend.tagImage(name, image.digest(), "release");

        assertThat(backend.image(name, ImageId.digest(image.digest()))).hasValueSatisfying(
                i -> assertThat(i.tags()).containsExactly("build-7", "release"));
    }

    @Test
    void tagImage_whenImmutableTagNamesAnotherImage_conflictsAndKeepsTheTag() {
        String name = newRepository();
        Image first = backend.putManifest(name, MotoEcr.manifest(0), MotoEcr.MEDIA_TYPE, "1.0");
        Image second = backend.putManifest(name, MotoEcr.manifest(1), MotoEcr.MEDIA_TYPE, "1.1");
        backend.setTagMutability(name, TagMutability.IMMUTABLE);

        assertThatThrownBy(() -> backend.tagImage(name, second.digest(), "1.0"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("IMMUTABLE")
                .hasMessageContaining("request id");
        assertThat(backend.image(name, ImageId.tag("1.0"))).map(Image::digest).contains(first.digest());
    }

    @Test
    void delete_byTagRemovesTheTagThenTheImage_byDigestRemovesAllTags() {
        String name = newRepository();
        Image shared = backend.putManifest(name, MotoEcr.manifest(0), MotoEcr.MEDIA_TYPE, "a");
        backend.tagImage(name, shared.digest(), "b");
        Image other = backend.putManifest(name, MotoEcr.manifest(1), MotoEcr.MEDIA_TYPE, "c");
        backend.tagImage(name, other.digest(), "d");

        backend.untag(name, "a");
        assertThat(backend.image(name, ImageId.digest(shared.digest()))).map(Image::tags).contains(List.of("b"));
        backend.untag(name, "b");
        assertThat(backend.image(name, ImageId.digest(shared.digest()))).isEmpty();

        backend.deleteImage(name, other.digest());
        assertThat(backend.listImages(name)).isEmpty();
        assertThatThrownBy(() -> backend.untag(name, "d")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> backend.deleteImage(name, other.digest()))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteRepository_withImages_needsForce() {
        String name = newRepository();
        backend.putManifest(name, MotoEcr.manifest(0), MotoEcr.MEDIA_TYPE, "a");

        assertThatThrownBy(() -> backend.deleteRepository(name, false)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("RepositoryNotEmptyException");
        backend.deleteRepository(name, true);
        assertThat(backend.describeRepository(name)).isEmpty();
    }

    @Test
    void lifecyclePolicy_storedInEcr_previewedAndAppliedByBerth() {
        String name = newRepository();
        Image keep = backend.putManifest(name, MotoEcr.manifest(0), MotoEcr.MEDIA_TYPE, "prod-1");
        Image build1 = backend.putManifest(name, MotoEcr.manifest(1), MotoEcr.MEDIA_TYPE, "build-1");
        Image build2 = backend.putManifest(name, MotoEcr.manifest(2), MotoEcr.MEDIA_TYPE, "build-2");
        Image build3 = backend.putManifest(name, MotoEcr.manifest(3), MotoEcr.MEDIA_TYPE, "build-3");
        String policy = """
                {"rules": [{"rulePriority": 1, "description": "keep the newest build",
                  "selection": {"tagStatus": "tagged", "tagPrefixList": ["build"],
                                "countType": "imageCountMoreThan", "countNumber": 1},
                  "action": {"type": "expire"}}]}""";
        try (Registry registry = Registry.create(EcrRegistryBackend.create(EcrRegistryConfig.builder(moto)
                .build()))) {
            Repository repository = registry.repositories().get(name);
            assertThat(repository.lifecyclePolicy()).isEmpty();
            repository.putLifecyclePolicy(policy);
            assertThat(backend.lifecyclePolicy(name)).isPresent();

            List<ExpiredImage> preview = repository.previewLifecyclePolicy(repository.lifecyclePolicy()
                    .orElseThrow());
            // moto records pushedAt in whole seconds, so which build is newest may be decided by the digest; the
            // count is certain, and apply must remove exactly what the preview named.
            assertThat(preview).hasSize(2).extracting(e -> e.image().digest())
                    .isSubsetOf(build1.digest(), build2.digest(), build3.digest());
            List<ExpiredImage> applied = repository.applyLifecyclePolicy();

            assertThat(applied).isEqualTo(preview);
            List<String> expired = preview.stream().map(e -> e.image().digest()).toList();
            assertThat(backend.listImages(name)).extracting(Image::digest).contains(keep.digest())
                    .hasSize(2).doesNotContainAnyElementsOf(expired);
            repository.deleteLifecyclePolicy();
            assertThat(repository.lifecyclePolicy()).isEmpty();
            assertThatThrownBy(repository::deleteLifecyclePolicy).isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void errors_ofMissingRepositoriesAndInvalidNames_areBerthExceptions() {
        String missing = MotoEcr.uniqueName("berth-ecr-missing");
        assertThat(backend.describeRepository(missing)).isEmpty();
        assertThatThrownBy(() -> backend.listImages(missing)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("RepositoryNotFoundException").hasMessageContaining("request id");
        assertThatThrownBy(() -> backend.deleteRepository(missing, true))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> backend.putLifecyclePolicy(missing, "{}"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> backend.tagImage(missing, "sha256:" + "0".repeat(64), "x"))
                .isInstanceOf(ResourceNotFoundException.class);

        String existing = newRepository();
        assertThatThrownBy(() -> backend.createRepository(existing, RepositorySettings.defaults()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("RepositoryAlreadyExistsException");
        // Sent as it is: core's Registry would refuse it first, the backend must still report ECR's refusal.
        assertThatThrownBy(() -> backend.createRepository("Not__Valid", RepositorySettings.defaults()))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.path()).isEqualTo("repositoryName")));
    }

    @Test
    void pull_whenImageMissing_isNotFoundBeforeTheEngineIsAsked() {
        String name = newRepository();
        ImageTransfer untouchable = new ImageTransfer() {
            @Override
            public void push(String localImage, String target, String tag) {
                throw new AssertionError("no transfer expected");
            }

            @Override
            public void pull(String target, String reference) {
                throw new AssertionError("no transfer expected");
            }

            @Override
            public void close() {
            }
        };
        try (EcrRegistryBackend withTransfer = EcrRegistryBackend.create(EcrRegistryConfig.builder(moto).build(),
                untouchable)) {
            assertThatThrownBy(() -> withTransfer.pull(name, "missing")).isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining(name + ":missing");
            assertThatThrownBy(() -> withTransfer.push(MotoEcr.uniqueName("berth-ecr-missing"), "local", "x"))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void pushAndPull_withoutEngine_sayHowToConfigureOne() {
        String name = newRepository();
        assertThatThrownBy(() -> backend.push(name, "local:1", "x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(".engine(");
        assertThatThrownBy(() -> backend.pull(name, "x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(".engine(");
    }

    private String newRepository() {
        String name = newName();
        backend.createRepository(name, RepositorySettings.defaults());
        return name;
    }

    private String newName() {
        String name = MotoEcr.uniqueName("berth-ecr-it");
        created.add(name);
        return name;
    }
}
