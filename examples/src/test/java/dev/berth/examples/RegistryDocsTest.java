package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Registry;
import dev.berth.api.Repository;
import dev.berth.exception.ConflictException;
import dev.berth.inmemory.InMemoryRegistryBackend;
import dev.berth.model.ImageRef;
import dev.berth.model.TaskDefinition;
import dev.berth.registry.RepositorySettings;
import dev.berth.registry.TagMutability;
import dev.berth.registry.TagStatus;
import dev.berth.registry.lifecycle.ExpiredImage;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code of docs/registries.md, on the in-memory registry backend. */
class RegistryDocsTest {

    @Test
    void immutableRepository_pinsByDigest_refusesAMovedTag_andExpiresOldImages() {
        InMemoryRegistryBackend backend = InMemoryRegistryBackend.create("registry.test:5000", Clock.systemUTC());
        for (int build = 1; build <= 5; build++) {
            backend.addLocalImage("web:build-" + build, "web image, build " + build);
        }
        // tag::push-and-pin[]
        try (Registry registry = Registry.create(backend)) {     // an OciRegistryBackend, or in memory in tests
            Repository web = registry.repositories().create("team/web",
                    RepositorySettings.defaults().withTagMutability(TagMutability.IMMUTABLE));
            web.push("web:build-1", "1.0.0");                   // an image of the engine, pushed under a tag
            ImageRef pinned = registry.resolve(ImageRef.parse(web.uri() + ":1.0.0"));
            TaskDefinition td = TaskDefinition.builder("web")
                    .container(c -> c.name("web").image(pinned).memoryMiB(64))   // ...:1.0.0@sha256:...
                    .build();
            // end::push-and-pin[]
            assertThat(pinned.digest()).isPresent();
            assertThat(td.containerDefinitions().get(0).image().toString())
                    .startsWith("registry.test:5000/team/web:1.0.0@sha256:");
            assertThatThrownBy(() -> web.push("web:build-2", "1.0.0")).isInstanceOf(ConflictException.class);

            for (int build = 2; build <= 5; build++) {
                web.push("web:build-" + build, "1.0." + (build - 1));
            }
            // tag::lifecycle[]
            web.putLifecyclePolicy("""
                    {"rules": [{"rulePriority": 1, "description": "keep the 3 newest images",
                                "selection": {"tagStatus": "any", "countType": "imageCountMoreThan",
                                              "countNumber": 3},
                                "action": {"type": "expire"}}]}
                    """);
            List<ExpiredImage> expired = web.applyLifecyclePolicy();   // deleted by digest, oldest first
            // end::lifecycle[]
            assertThat(expired).hasSize(2);
            assertThat(web.images(TagStatus.ANY)).hasSize(3);
        }
    }
}
