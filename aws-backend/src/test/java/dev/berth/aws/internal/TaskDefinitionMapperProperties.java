package dev.berth.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.TaskDefinition;
import dev.berth.testing.TaskDefinitionArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * Berth's task definition survives the trip through the SDK's model unchanged, for every field of
 * RegisterTaskDefinition, volumes, Linux parameters, FireLens and the task-level features included.
 */
class TaskDefinitionMapperProperties {

    @Property(tries = 200)
    void berthToSdkToBerth_isIdentity(@ForAll("definitions") TaskDefinition definition) {
        RegisterTaskDefinitionRequest request = TaskDefinitionMapper.toRegisterRequest(definition);
        // What ECS describes after registering: the request's fields, as the SDK's TaskDefinition shape.
        var registered = software.amazon.awssdk.services.ecs.model.TaskDefinition.builder()
                .family(request.family())
                .containerDefinitions(request.containerDefinitions())
                .cpu(request.cpu())
                .memory(request.memory())
                .networkMode(request.networkModeAsString())
                .requiresCompatibilitiesWithStrings(request.requiresCompatibilitiesAsStrings())
                .placementConstraints(request.placementConstraints())
                .taskRoleArn(request.taskRoleArn())
                .executionRoleArn(request.executionRoleArn())
                .pidMode(request.pidModeAsString())
                .ipcMode(request.ipcModeAsString())
                .volumes(request.volumes())
                .proxyConfiguration(request.proxyConfiguration())
                .inferenceAccelerators(request.inferenceAccelerators())
                .ephemeralStorage(request.ephemeralStorage())
                .runtimePlatform(request.runtimePlatform())
                .enableFaultInjection(request.enableFaultInjection())
                .build();

        assertThat(TaskDefinitionMapper.fromSdk(registered, request.tags())).isEqualTo(definition);
    }

    @Provide
    Arbitrary<TaskDefinition> definitions() {
        return TaskDefinitionArbitraries.taskDefinitions();
    }
}
