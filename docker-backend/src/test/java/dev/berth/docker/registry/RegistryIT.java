package dev.berth.docker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Registry;
import dev.berth.api.Repository;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.internal.TaskObservation;
import dev.berth.exception.ConflictException;
import dev.berth.model.ImageRef;
import dev.berth.model.TaskDefinition;
import dev.berth.registry.Image;
import dev.berth.registry.ImageId;
import dev.berth.registry.RepositorySettings;
import dev.berth.registry.TagMutability;
import dev.berth.registry.TagStatus;
import dev.berth.task.StopCode;
import dev.berth.task.TaskStatus;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The issue's scenarios on a real registry and engine, end to end: two tags pushed and listed, a pull by digest into
 * an engine that no longer has the image, retag, IMMUTABLE refusal, deletes by tag and digest, and a task started
 * from the registry's image.
 */
@RequiresRegistry
class RegistryIT extends EngineTestBase {

    private VariantImages images;
    private Registry registry;
    private Repository repo;

    @BeforeAll
    void openRegistry() {
        images = new VariantImages(config, session);
        registry = Registry.create(OciRegistryBackend.create(OciRegistryConfig.builder(
                TestRegistry.shared().registry().orElseThrow().endpoint(), config).build()));
    }

    @AfterEach
    void deleteRepository() {
        if (repo != null && registry.repositories().find(repo.name()).isPresent()) {
            registry.repositories().delete(repo.name(), true);
        }
    }

    @AfterAll
    void closeRegistry() {
        registry.close();
        images.close();
    }

    @Test
    void pushTwoTags_pullByDigestIntoCleanEngine_runsTaskFromIt() {
        repo = registry.repositories().create("it/web-" + session, RepositorySettings.defaults());
        Image first = repo.push(images.variant(0), "1.0");
        Image second = repo.push(images.variant(1), "2.0");
        assertThat(repo.images(TagStatus.TAGGED)).extracting(Image::digest).containsExactly(second.digest(),
                first.digest());

        ImageRef pinned = repo.imageRef(ImageId.digest(first.digest()));
        images.remove(pinned.toString());
        images.remove(images.variant(0));
        assertThat(images.present(pinned.toString())).isFalse();
        ImageRef pulled = repo.pull(ImageId.digest(first.digest()));
        assertThat(pulled).isEqualTo(pinned);
        assertThat(images.present(pinned.toString())).isTrue();

        ImageRef resolved = registry.resolve(ImageRef.parse(repo.uri() + ":2.0"));
        images.remove(resolved.name() + "@" + second.digest());
        TaskDefinition fromRegistry = TaskDefinition.builder("from-registry")
                .container(c -> c.name("app").image(resolved.name() + "@" + second.digest()).memoryMiB(16)
                        .command("sh", "-c", "trap 'exit 0' TERM; sleep 60 & wait"))
                .build();
        TaskObservation task = engine.start(request(fromRegistry));
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        engine.stop(task.taskId(), StopCode.USER_INITIATED, "Stopped by the test");
        engine.remove(task.taskId());
        images.remove(resolved.name() + "@" + second.digest());
        images.remove(pinned.toString());
    }

    @Test
    void retagImmutableRefusalAndDeletes_followEcr() {
        repo = registry.repositories().create("it/app-" + session,
                RepositorySettings.defaults().withTagMutability(TagMutability.IMMUTABLE));
        Image image = repo.push(images.variant(2), "build-1");
        assertThat(repo.tag(ImageId.tag("build-1"), "release").tags()).containsExactly("build-1", "release");
        assertThatThrownBy(() -> repo.push(images.variant(3), "release")).isInstanceOf(ConflictException.class);

        repo.delete(ImageId.tag("build-1"));
        assertThat(repo.describeImage(ImageId.digest(image.digest())).tags()).containsExactly("release");
        Image other = repo.push(images.variant(3), "other");
        repo.delete(ImageId.digest(image.digest()));
        assertThat(repo.images(TagStatus.ANY)).extracting(Image::digest).containsExactly(other.digest());
    }
}
