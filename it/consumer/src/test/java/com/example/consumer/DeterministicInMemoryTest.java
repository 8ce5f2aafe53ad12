package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.ServiceSpec;
import dev.berth.testing.ManualScheduledExecutor;
import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** docs/testing.md's deterministic test, with the fixtures of berth-core's test-jar at the version berth-bom gives. */
class DeterministicInMemoryTest {

    @Test
    void aCrashedTask_isReplacedOnTheNextPass() {
        TaskDefinition web = TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64))
                .build();
        MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
        InMemoryBackend backend = InMemoryBackend.create(clock);
        backend.addInstance("test", InMemoryBackend.instance("i-1"));
        try (Berth berth = Berth.builder(backend).clock(clock).executor(new ManualScheduledExecutor()).build()) {
            berth.taskDefinitions().register(web);
            Service service = berth.clusters().create("test").services()
                    .create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web")).desiredCount(2).build());
            berth.reconcileNow("test", "web");
            String crashed = service.tasks().get(0).taskId();
            backend.exitContainer("test", crashed, "app", 1);
            clock.advance(Duration.ofSeconds(1));
            berth.reconcileNow("test", "web");

            assertThat(service.tasks()).hasSize(2).noneMatch(t -> t.taskId().equals(crashed));
        }
    }
}
