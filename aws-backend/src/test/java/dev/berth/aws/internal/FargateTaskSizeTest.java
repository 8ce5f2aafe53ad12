package dev.berth.aws.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.Compatibility;
import dev.berth.model.NetworkMode;
import dev.berth.model.TaskDefinition;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** Fargate's task sizes are checked before any call (moto accepts any size). */
class FargateTaskSizeTest {

    @Test
    void fargateDefinition_withAnOfferedSize_passes() {
        TaskDefinition definition = TaskDefinition.builder("f").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu(512).memoryMiB(2048)
                .container(c -> c.name("app").image("busybox:1")).build();

        assertThatCode(() -> FargateTaskSize.requireRunnable(definition)).doesNotThrowAnyException();
    }

    @Test
    void ec2Definition_namesEveryFieldThatKeepsItFromFargate() {
        TaskDefinition definition = TaskDefinition.builder("e").cpu(512).memoryMiB(512)
                .container(c -> c.name("app").image("busybox:1")).build();

        assertThatThrownBy(() -> FargateTaskSize.requireRunnable(definition))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("No Fargate configuration exists for given values: 512 CPU, 512 memory")
                .extracting(e -> ((InvalidSpecException) e).problems(), InstanceOfAssertFactories.list(SpecProblem.class))
                .extracting(SpecProblem::path)
                .contains("requiresCompatibilities", "networkMode")
                .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void missingTaskCpu_isNamed() {
        TaskDefinition definition = TaskDefinition.builder("n").networkMode(NetworkMode.AWSVPC)
                .container(c -> c.name("app").image("busybox:1").memoryMiB(64)).build();

        assertThatThrownBy(() -> FargateTaskSize.requireRunnable(definition))
                .hasMessageContaining("Fargate requires that 'cpu' be defined at the task level");
    }
}
