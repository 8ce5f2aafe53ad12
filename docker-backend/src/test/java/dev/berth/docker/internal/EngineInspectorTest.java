package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import dev.berth.docker.EngineInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineInspectorTest {

    @Test
    void toInstance_reportsPlatformAndVolumeDrivers_asTheEcsAgentDoes() {
        Info info = new Info().withOsType("linux").withArchitecture("aarch64")
                .withPlugins(Map.of("Volume", List.of("local", "rexray/ebs:latest", "netapp:v2")));

        EngineInstance instance = EngineInspector.toInstance(info, new Version());

        assertThat(instance.attributes()).containsEntry("ecs.os-type", "linux")
                .containsEntry("ecs.cpu-architecture", "arm64")
                .containsKeys("com.amazonaws.ecs.capability.docker-plugin.local",
                        "com.amazonaws.ecs.capability.docker-plugin.rexray/ebs",
                        "com.amazonaws.ecs.capability.docker-plugin.rexray/ebs.latest",
                        "com.amazonaws.ecs.capability.docker-plugin.netapp.v2");
    }

    @Test
    void toInstance_withoutPlugins_reportsTheLocalDriver() {
        EngineInstance instance = EngineInspector.toInstance(new Info(), new Version());

        assertThat(instance.attributes()).containsKey("com.amazonaws.ecs.capability.docker-plugin.local")
                .containsEntry("ecs.cpu-architecture", "");
    }
}
