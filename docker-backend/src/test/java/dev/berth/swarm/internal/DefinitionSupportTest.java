package dev.berth.swarm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RuntimePlatform;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Volume;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionSupportTest {

    @Test
    void check_fieldsTheSwarmBackendDoesNotCarry_areRefusedByPathNotDropped() {
        TaskDefinition definition = TaskDefinition.builder("files")
                .volume(Volume.taskScoped("data"))
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)
                        .mountPoint("data", "/data").privileged(true))
                .build();

        assertThatThrownBy(() -> DefinitionSupport.check(definition, false))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
                        .extracting(SpecProblem::path).containsExactly("volumes",
                                "containerDefinitions[0].mountPoints", "containerDefinitions[0].privileged"))
                .hasMessageContaining("does not carry 'containerDefinitions[0].mountPoints'");
    }

    @Test
    void check_runtimePlatformAlone_isAccepted() {
        TaskDefinition definition = TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64))
                .runtimePlatform(RuntimePlatform.linux(RuntimePlatform.CpuArchitecture.X86_64)).build();

        assertThatNoException().isThrownBy(() -> DefinitionSupport.check(definition, true));
    }

    @Test
    void platformConstraints_becomeSwarmsNodePlatformConstraints() {
        TaskDefinition definition = TaskDefinition.builder("arm-job")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64))
                .runtimePlatform(RuntimePlatform.linux(RuntimePlatform.CpuArchitecture.ARM64)).build();

        SwarmPlacement placement = SwarmPlacement.forRunTask(DefinitionSupport.platformConstraints(definition),
                List.of(PlacementStrategy.spreadByInstance()));

        assertThat(placement.constraints()).containsExactly("node.platform.arch==aarch64", "node.platform.os==linux");
    }
}
