package dev.berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.NetworkMode;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.spi.TaskStartRequest;
import dev.berth.task.StopCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.StartTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;

/** AwsBackend on a fake client, for what moto does not do: its StartTask never fails, it ignores awsvpc on EC2. */
class AwsBackendTest {

    private final FakeEcs ecs = new FakeEcs();

    private AwsBackend backend(AwsBackendConfig.Mode mode) {
        return AwsBackend.create(AwsBackendConfig.builder().ecsClient(ecs).mode(mode)
                .awsVpc(AwsVpcConfiguration.subnets("subnet-1").withSecurityGroups("sg-1")).build());
    }

    private static RegisteredTaskDefinition revision(NetworkMode mode) {
        TaskDefinition definition = TaskDefinition.builder("web").networkMode(mode)
                .container(c -> c.name("app").image("busybox:1").memoryMiB(64)).build();
        return new RegisteredTaskDefinition("arn:aws:ecs:local:0:task-definition/web:7", 7,
                TaskDefinitionStatus.ACTIVE, definition, Instant.EPOCH, Optional.empty());
    }

    private static TaskStartRequest request(RegisteredTaskDefinition revision) {
        return new TaskStartRequest("c", "t-1", "arn:ci/1", revision, "service:web", "ecs-svc/1", List.of());
    }

    @Test
    void capabilities_followTheMode() {
        assertThat(backend(AwsBackendConfig.Mode.ECS_MANAGED).capabilities().schedulesServices()).isTrue();
        assertThat(backend(AwsBackendConfig.Mode.CLIENT_SCHEDULED).capabilities().schedulesServices()).isFalse();
    }

    @Test
    void startTask_whenEcsRefusesTheInstance_isAConflictNamingTheReason() {
        // moto's StartTask never checks resources or returns failures (ecs-semantics 7.2).
        ecs.onStartTask = r -> StartTaskResponse.builder()
                .failures(Failure.builder().arn("arn:ci/1").reason("RESOURCE:MEMORY").build()).build();

        assertThatThrownBy(() -> backend(AwsBackendConfig.Mode.CLIENT_SCHEDULED)
                .startTask(request(revision(NetworkMode.BRIDGE))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("RESOURCE:MEMORY")
                .hasMessageContaining("arn:ci/1");
    }

    @Test
    void startTask_whenTheInstanceIsGone_isNotFound() {
        ecs.onStartTask = r -> StartTaskResponse.builder()
                .failures(Failure.builder().arn("arn:ci/1").reason("MISSING").build()).build();

        assertThatThrownBy(() -> backend(AwsBackendConfig.Mode.CLIENT_SCHEDULED)
                .startTask(request(revision(NetworkMode.BRIDGE))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void startTask_tagsTheTaskAndSendsAwsvpcSettings_registeringTheRevisionOnce() {
        ecs.onStartTask = r -> StartTaskResponse.builder().tasks(t -> t.taskArn("arn:task/c/1")
                .containerInstanceArn("arn:ci/1").lastStatus("PROVISIONING").desiredStatus("RUNNING")
                .tags(r.tags())).build();
        AwsBackend backend = backend(AwsBackendConfig.Mode.CLIENT_SCHEDULED);
        RegisteredTaskDefinition revision = revision(NetworkMode.AWSVPC);

        backend.startTask(request(revision));
        backend.startTask(new TaskStartRequest("c", "t-2", "arn:ci/1", revision, "service:web", "ecs-svc/1",
                List.of()));

        assertThat(ecs.registrations).hasSize(1);
        var start = ecs.startTasks.get(0);
        assertThat(start.taskDefinition()).isEqualTo("arn:aws:ecs:eu-west-1:1:task-definition/web:1");
        assertThat(start.tags()).extracting(Tag::key, Tag::value).contains(
                org.assertj.core.groups.Tuple.tuple("berth:task-id", "t-1"),
                org.assertj.core.groups.Tuple.tuple("berth:task-definition", revision.arn()));
        assertThat(start.group()).isEqualTo("service:web");
        assertThat(start.startedBy()).isEqualTo("ecs-svc/1");
        assertThat(start.networkConfiguration().awsvpcConfiguration().subnets()).containsExactly("subnet-1");
        assertThat(start.networkConfiguration().awsvpcConfiguration().securityGroups()).containsExactly("sg-1");
    }

    @Test
    void stopTask_ofAnUnknownTask_callsNothing() {
        backend(AwsBackendConfig.Mode.CLIENT_SCHEDULED).stopTask("c", "nope", StopCode.USER_INITIATED, "x");

        assertThat(ecs.stopTasks).isEmpty();
    }
}
