package dev.berth.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Registry;
import dev.berth.api.Repository;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ImageRef;
import dev.berth.registry.Image;
import dev.berth.registry.ImageId;
import dev.berth.registry.RepositoryDescription;
import dev.berth.registry.RepositorySettings;
import dev.berth.registry.TagMutability;
import dev.berth.registry.TagStatus;
import dev.berth.registry.lifecycle.ExpiredImage;
import dev.berth.spi.RegistryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RegistryBackend} must do, seen through {@link Registry}: ECR's repository, tag and image
 * semantics. A backend's test class extends this one and supplies the backend and local
 * images of distinct content to push. Each test works in repositories of its own, which it deletes afterwards.
 */
public abstract class RegistryContract {

    private final List<String> created = new ArrayList<>();
    private Registry registry;

    /** @return a new backend; the contract closes it after each test */
    protected abstract RegistryBackend createBackend();

    /**
     * @param variant 0 to 3
     * @return the name of a local image the backend can push; different variants have different content
     */
    protected abstract String localImage(int variant);

    @BeforeEach
    void openRegistry() {
        registry = Registry.create(createBackend());
    }

    @AfterEach
    void deleteRepositories() {
        try {
            for (String name : created) {
                if (registry.repositories().find(name).isPresent()) {
                    registry.repositories().delete(name, true);
                }
            }
        } finally {
            registry.close();
        }
    }

    /** @return the registry under test */
    protected Registry registry() {
        return registry;
    }

    /** @return a new repository with a unique name, deleted after the test */
    protected Repository newRepository(TagMutability mutability) {
        String name = "contract/r" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        created.add(name);
        return registry.repositories().create(name, RepositorySettings.defaults().withTagMutability(mutability));
    }

    @Test
    void create_whenNew_isDescribedAndListed() {
        Repository repo = newRepository(TagMutability.IMMUTABLE);
        RepositoryDescription description = registry.repositories().describe(repo.name());
        assertThat(description.name()).isEqualTo(repo.name());
        assertThat(description.uri()).isEqualTo(registry.host() + "/" + repo.name());
        assertThat(description.settings().tagMutability()).isEqualTo(TagMutability.IMMUTABLE);
        assertThat(registry.repositories().list()).extracting(RepositoryDescription::name).contains(repo.name());
        assertThat(repo.images(TagStatus.ANY)).isEmpty();
    }

    @Test
    void create_whenExists_conflicts() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        assertThatThrownBy(() -> registry.repositories().create(repo.name(), RepositorySettings.defaults()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void create_whenNameBreaksEcrRules_isInvalid() {
        assertThatThrownBy(() -> registry.repositories().create("Team/Web", RepositorySettings.defaults()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("repositoryName");
    }

    @Test
    void get_whenMissing_isNotFound() {
        assertThatThrownBy(() -> registry.repositories().get("contract/never-created"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(registry.repositories().find("contract/never-created")).isEmpty();
    }

    @Test
    void push_twoTagsOfTwoImages_listsBoth() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        Image first = repo.push(localImage(0), "one");
        Image second = repo.push(localImage(1), "two");
        assertThat(first.digest()).isNotEqualTo(second.digest()).startsWith("sha256:");
        assertThat(repo.images(TagStatus.TAGGED)).extracting(Image::digest)
                .containsExactlyInAnyOrder(first.digest(), second.digest());
        assertThat(repo.describeImage(ImageId.tag("two")).digest()).isEqualTo(second.digest());
        assertThat(repo.describeImage(ImageId.digest(first.digest())).tags()).containsExactly("one");
    }

    @Test
    void push_sameContentUnderSecondTag_isOneImageWithTwoTags() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        Image first = repo.push(localImage(0), "a");
        Image again = repo.push(localImage(0), "b");
        assertThat(again.digest()).isEqualTo(first.digest());
        assertThat(repo.images(TagStatus.ANY)).singleElement()
                .satisfies(image -> assertThat(image.tags()).containsExactly("a", "b"));
    }

    @Test
    void push_whenMutableTagExists_movesTagAndLeavesOldImageUntagged() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        Image old = repo.push(localImage(0), "latest");
        Image current = repo.push(localImage(1), "latest");
        assertThat(repo.describeImage(ImageId.tag("latest")).digest()).isEqualTo(current.digest());
        assertThat(repo.images(TagStatus.UNTAGGED)).extracting(Image::digest).containsExactly(old.digest());
    }

    @Test
    void push_whenImmutableTagExists_conflictsAndKeepsTag() {
        Repository repo = newRepository(TagMutability.IMMUTABLE);
        Image first = repo.push(localImage(0), "1.0");
        assertThatThrownBy(() -> repo.push(localImage(1), "1.0")).isInstanceOf(ConflictException.class);
        assertThat(repo.describeImage(ImageId.tag("1.0")).digest()).isEqualTo(first.digest());
    }

    @Test
    void push_whenRepositoryMissing_isNotFound() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        registry.repositories().delete(repo.name(), false);
        assertThatThrownBy(() -> repo.push(localImage(0), "x")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void tag_addsTagToExistingImage() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        Image image = repo.push(localImage(0), "build-1");
        Image retagged = repo.tag(ImageId.digest(image.digest()), "release");
        assertThat(retagged.tags()).containsExactly("build-1", "release");
    }

    @Test
    void tag_whenImmutableTagPointsElsewhere_conflicts() {
        Repository repo = newRepository(TagMutability.IMMUTABLE);
        repo.push(localImage(0), "a");
        Image other = repo.push(localImage(1), "b");
        assertThatThrownBy(() -> repo.tag(ImageId.digest(other.digest()), "a"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void deleteByTag_whenImageHasAnotherTag_keepsImage() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        Image image = repo.push(localImage(0), "a");
        repo.tag(ImageId.tag("a"), "b");
        repo.delete(ImageId.tag("a"));
        assertThat(repo.describeImage(ImageId.digest(image.digest())).tags()).containsExactly("b");
    }

    @Test
    void deleteByTag_whenLastTag_deletesImage() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        repo.push(localImage(0), "only");
        repo.delete(ImageId.tag("only"));
        assertThat(repo.images(TagStatus.ANY)).isEmpty();
    }

    @Test
    void deleteByDigest_removesImageWithAllTags() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        Image image = repo.push(localImage(0), "a");
        repo.tag(ImageId.tag("a"), "b");
        Image kept = repo.push(localImage(1), "c");
        repo.delete(ImageId.digest(image.digest()));
        assertThat(repo.images(TagStatus.ANY)).extracting(Image::digest).containsExactly(kept.digest());
        assertThatThrownBy(() -> repo.describeImage(ImageId.tag("b"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void delete_whenImageMissing_isNotFound() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        assertThatThrownBy(() -> repo.delete(ImageId.tag("nope"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> repo.delete(ImageId.digest("sha256:" + "0".repeat(64))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleteRepository_withImages_needsForce() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        repo.push(localImage(0), "a");
        assertThatThrownBy(() -> registry.repositories().delete(repo.name(), false))
                .isInstanceOf(ConflictException.class);
        registry.repositories().delete(repo.name(), true);
        assertThat(registry.repositories().find(repo.name())).isEmpty();
        assertThat(registry.repositories().list()).extracting(RepositoryDescription::name)
                .doesNotContain(repo.name());
    }

    @Test
    void pull_byDigest_givesPinnedReference() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        Image image = repo.push(localImage(0), "a");
        ImageRef pulled = repo.pull(ImageId.digest(image.digest()));
        assertThat(pulled.digest()).contains(image.digest());
        assertThat(pulled.name()).isEqualTo(repo.uri());
        assertThatThrownBy(() -> repo.pull(ImageId.tag("missing"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void resolve_pinsTagToDigest() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        Image image = repo.push(localImage(0), "1.0");
        ImageRef resolved = registry.resolve(ImageRef.parse(repo.uri() + ":1.0"));
        assertThat(resolved.digest()).contains(image.digest());
        assertThat(registry.repositoryAt(repo.uri()).name()).isEqualTo(repo.name());
        assertThatThrownBy(() -> registry.resolve(ImageRef.parse("elsewhere.example:5000/" + repo.name() + ":1.0")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void lifecyclePolicy_applyDeletesExactlyThePreview() {
        Repository repo = newRepository(TagMutability.MUTABLE);
        repo.push(localImage(0), "keep-0");
        repo.push(localImage(1), "build-1");
        repo.push(localImage(2), "build-2");
        repo.push(localImage(3), "build-2");
        String policy = """
                {"rules": [
                  {"rulePriority": 1, "description": "expire untagged",
                   "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 1},
                   "action": {"type": "expire"}},
                  {"rulePriority": 2, "description": "keep one build",
                   "selection": {"tagStatus": "tagged", "tagPrefixList": ["build"],
                                 "countType": "imageCountMoreThan", "countNumber": 1},
                   "action": {"type": "expire"}}]}
                """;
        repo.putLifecyclePolicy(policy);
        assertThat(repo.lifecyclePolicy()).isPresent();
        List<Image> before = repo.images(TagStatus.ANY);
        List<ExpiredImage> preview = repo.previewLifecyclePolicy(repo.lifecyclePolicy().orElseThrow());
        assertThat(preview).hasSize(1);
        List<ExpiredImage> applied = repo.applyLifecyclePolicy();
        assertThat(applied).isEqualTo(preview);
        List<String> expected = before.stream().map(Image::digest)
                .filter(d -> preview.stream().noneMatch(e -> e.image().digest().equals(d))).toList();
        assertThat(repo.images(TagStatus.ANY)).extracting(Image::digest)
                .containsExactlyInAnyOrderElementsOf(expected);
        repo.deleteLifecyclePolicy();
        assertThat(repo.lifecyclePolicy()).isEmpty();
    }
}
