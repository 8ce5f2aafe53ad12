package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.BerthException;
import dev.berth.model.LinuxParameters;
import dev.berth.model.ResourceRequirement;
import dev.berth.model.TaskDefinition;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerSupportTest {

    @Test
    void unsupported_whenTheEngineCanRunEverything_isEmpty() {
        TaskDefinition td = TaskDefinition.builder("ok").container(c -> c.name("app").image("busybox").memoryMiB(64)
                .resourceRequirement(ResourceRequirement.gpus(1))
                .linuxParameters(LinuxParameters.builder().maxSwapMiB(32).build())).build();

        assertThat(DockerSupport.unsupported(td)).isEmpty();
    }

    @Test
    void unsupported_namesEachFieldTheEngineCannotHonour() {
        TaskDefinition td = TaskDefinition.builder("neuron").enableFaultInjection(true)
                .container(c -> c.name("model").image("busybox").memoryReservationMiB(64)
                        .resourceRequirement(new ResourceRequirement(ResourceRequirement.Type.NEURON_DEVICE, "2",
                                Optional.empty()))
                        .linuxParameters(LinuxParameters.builder().maxSwapMiB(32).build()))
                .build();

        assertThat(DockerSupport.unsupported(td)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("the Docker backend cannot run ")
                .contains("enableFaultInjection")
                .contains("containerDefinitions 'model' resourceRequirements NeuronDevice")
                .contains("containerDefinitions 'model' linuxParameters.maxSwap"));
    }

    @Test
    void repositoryLogins_whenTheSecretIsNoLogin_sayWhatIsWrongWithoutTheValue() {
        TaskDefinition td = TaskDefinition.builder("private").container(c -> c.name("app").image("reg.example/app:1")
                .memoryMiB(64).repositoryCredentials("registry-login")).build();

        assertThatThrownBy(() -> RepositoryLogins.of(td, key -> "hunter2-not-json"))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("repositoryCredentials of container 'app' (registry-login)")
                .hasMessageContaining("\"username\" and \"password\"")
                .hasMessageNotContaining("hunter2");
    }
}
