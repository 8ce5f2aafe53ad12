package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.TaskDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImagePinsTest {

    private static TaskDefinition definition(String image, ContainerDefinition.VersionConsistency consistency) {
        return TaskDefinition.builder("web").container(c -> c.name("app").image(image).memoryMiB(64)
                .versionConsistency(consistency)).build();
    }

    private static EngineTask serviceTask(TaskDefinition definition) {
        return new EngineTask("t1", "default", definition, "web:1", "service:web", "ecs-svc/123", Instant.EPOCH,
                List.of(), Map.of());
    }

    @Test
    void applies_toATaggedImageOfAServiceDeployment() {
        TaskDefinition td = definition("nginx:1.27", ContainerDefinition.VersionConsistency.ENABLED);

        assertThat(ImagePins.applies(serviceTask(td), td.containerDefinitions().get(0))).isTrue();
    }

    @Test
    void applies_notToStandaloneTasksDigestsOrDisabledContainers() {
        TaskDefinition tagged = definition("nginx:1.27", ContainerDefinition.VersionConsistency.ENABLED);
        TaskDefinition digest = definition("nginx@sha256:" + "a".repeat(64),
                ContainerDefinition.VersionConsistency.ENABLED);
        TaskDefinition disabled = definition("nginx:1.27", ContainerDefinition.VersionConsistency.DISABLED);

        assertThat(ImagePins.applies(EngineTask.standalone("t1", "default", tagged, 1, Instant.EPOCH, Map.of()),
                tagged.containerDefinitions().get(0))).isFalse();
        assertThat(ImagePins.applies(serviceTask(digest), digest.containerDefinitions().get(0))).isFalse();
        assertThat(ImagePins.applies(serviceTask(disabled), disabled.containerDefinitions().get(0))).isFalse();
    }
}
