package dev.berth.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.TaskDefinition;
import dev.berth.model.Volume;
import org.junit.jupiter.api.Test;

class TaskDefinitionFeaturesTest {

    @Test
    void inUse_whenThePlainFieldsOnly_isEmpty() {
        TaskDefinition plain = TaskDefinition.builder("plain")
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16).command("sleep", "60"))
                .build();

        assertThat(TaskDefinitionFeatures.inUse(plain)).isEmpty();
    }

    @Test
    void inUse_namesEachFeatureByItsPath_inTheDefinitionsOrder() {
        TaskDefinition storage = TaskDefinition.builder("storage")
                .volume(Volume.taskScoped("data"))
                .container(c -> c.name("init").image("busybox:1").memoryMiB(16).essential(false)
                        .mountPoint("data", "/data"))
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16)
                        .mountPoint("data", "/srv").readonlyRootFilesystem(true))
                .build();

        assertThat(TaskDefinitionFeatures.inUse(storage)).containsExactly("volumes",
                "containerDefinitions[0].mountPoints", "containerDefinitions[1].mountPoints",
                "containerDefinitions[1].readonlyRootFilesystem");
    }
}
