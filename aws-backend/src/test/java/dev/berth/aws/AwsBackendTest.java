package dev.berth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ContainerOverride;
import dev.berth.model.NetworkMode;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
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

    private static StartTaskRequest request(RegisteredTaskDefinition revision) {
        return new StartTaskRequest("c", "t-1", "arn:ci/1", revision, "service:web", "ecs-svc/1", List.of());
    }

    @Test
    void capabilities_followTheMode() {
        assertThat(backend(AwsBackendConfig.Mode.ECS_MANAGED).capabilities().schedulesServices()).isTrue();
        assertThat(backend(AwsBackendConfig.Mode.CLIENT_SCHEDULED).capabilities().schedulesServices()).isFalse();
    }

    @Test
    void startTask_whenEcsRefusesTheInstance_isAConflictNamingTheReason() {
        // moto's StartTask never checks resources or returns failures (moto/ecs/models.py start_task).
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
        backend.startTask(new StartTaskRequest("c", "t-2", "arn:ci/1", revision, "service:web", "ecs-svc/1",
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

    /** Runs {@code count} tasks of {@code revision} in cluster c, group family:web, through the backend's RunTask. */
    private static RunTaskResult runTasks(AwsBackend backend, RegisteredTaskDefinition revision, int count) {
        return backend.managedTasks().orElseThrow().runTasks("c", revision, "family:web",
                dev.berth.task.RunTaskRequest.builder(revision.ref()).count(count).startedBy("nightly")
                        .override(new ContainerOverride("app", Optional.of(List.of("echo", "hi")), List.of()))
                        .placementStrategy(PlacementStrategy.spread("attribute:ecs.availability-zone"))
                        .placementConstraint(PlacementConstraint.distinctInstance()).build());
    }

    /** RunTask answers with ECS's own task ids and, as moto and ECS do, the request's tags on each task. */
    private void runTaskStartsAll() {
        ecs.onRunTask = r -> RunTaskResponse.builder().tasks(IntStream.range(0, r.count())
                .mapToObj(i -> software.amazon.awssdk.services.ecs.model.Task.builder()
                        .taskArn("arn:aws:ecs:eu-west-1:1:task/c/ecs" + ecs.runTasks.size() + i)
                        .containerInstanceArn("arn:aws:ecs:eu-west-1:1:container-instance/c/ci1")
                        .group(r.group()).startedBy(r.startedBy()).lastStatus("PROVISIONING").desiredStatus("RUNNING")
                        .tags(r.tags()).build())
                .toList()).build();
    }

    @Test
    void managedTasks_existOnlyInTheManagedMode() {
        assertThat(backend(AwsBackendConfig.Mode.ECS_MANAGED).managedTasks()).isPresent();
        assertThat(backend(AwsBackendConfig.Mode.CLIENT_SCHEDULED).managedTasks()).isEmpty();
    }

    @Test
    void runTasks_sendsOneRunTaskWithThePlacementRules_andReportsTasksUnderEcsIds() {
        runTaskStartsAll();
        AwsBackend backend = backend(AwsBackendConfig.Mode.ECS_MANAGED);
        RegisteredTaskDefinition revision = revision(NetworkMode.AWSVPC);

        RunTaskResult outcome = runTasks(backend, revision, 2);

        var call = ecs.runTasks.get(0);
        assertThat(call.count()).isEqualTo(2);
        assertThat(call.taskDefinition()).isEqualTo("arn:aws:ecs:eu-west-1:1:task-definition/web:1");
        assertThat(call.group()).isEqualTo("family:web");
        assertThat(call.startedBy()).isEqualTo("nightly");
        assertThat(call.launchTypeAsString()).isEqualTo("EC2");
        assertThat(call.placementStrategy()).singleElement().satisfies(p -> {
            assertThat(p.typeAsString()).isEqualTo("spread");
            assertThat(p.field()).isEqualTo("attribute:ecs.availability-zone");
        });
        assertThat(call.placementConstraints()).extracting(c -> c.typeAsString()).containsExactly("distinctInstance");
        assertThat(call.overrides().containerOverrides()).singleElement()
                .satisfies(o -> assertThat(o.command()).containsExactly("echo", "hi"));
        assertThat(call.networkConfiguration().awsvpcConfiguration().subnets()).containsExactly("subnet-1");
        // One tag set for every task of the call: the revision and the call's client token, not a per-task id.
        assertThat(call.tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("berth:task-definition", revision.arn()),
                        org.assertj.core.groups.Tuple.tuple("berth:client-token", call.clientToken()));
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.tasks()).extracting(Task::taskId).containsExactly("ecs10", "ecs11");
        assertThat(outcome.tasks()).allSatisfy(t -> {
            assertThat(t.taskDefinitionArn()).isEqualTo(revision.arn());
            assertThat(t.containerInstanceId()).isEqualTo("arn:aws:ecs:eu-west-1:1:container-instance/c/ci1");
        });
    }

    @Test
    void tasksRunByEcs_areListedAndStoppedUnderTheirEcsIds() {
        runTaskStartsAll();
        AwsBackend backend = backend(AwsBackendConfig.Mode.ECS_MANAGED);
        RegisteredTaskDefinition revision = revision(NetworkMode.BRIDGE);
        List<software.amazon.awssdk.services.ecs.model.Task> ran = new java.util.ArrayList<>();
        ecs.onRunTask = ecs.onRunTask.andThen(response -> {
            ran.addAll(response.tasks());
            return response;
        });
        runTasks(backend, revision, 1);
        var unrelated = software.amazon.awssdk.services.ecs.model.Task.builder().taskArn("arn:task/c/other").build();
        ecs.onListTasks = r -> ListTasksResponse.builder().taskArns(
                "RUNNING".equals(r.desiredStatusAsString()) ? List.of(ran.get(0).taskArn(), unrelated.taskArn())
                        : List.of()).build();
        ecs.onDescribeTasks = r -> DescribeTasksResponse.builder().tasks(ran.get(0), unrelated).build();

        // A new process finds it by its tag alone.
        AwsBackend restarted = backend(AwsBackendConfig.Mode.ECS_MANAGED);
        assertThat(restarted.tasks("c")).singleElement().satisfies(t -> {
            assertThat(t.taskId()).isEqualTo("ecs10");
            assertThat(t.taskDefinitionArn()).isEqualTo(revision.arn());
        });
        restarted.stopTask("c", "ecs10", StopCode.USER_INITIATED, "done");

        assertThat(ecs.stopTasks).singleElement().satisfies(s -> assertThat(s.task()).isEqualTo(ran.get(0).taskArn()));
    }

    @Test
    void runTasks_whenEcsPlacesSome_reportsItsReasonsPerInstanceAndInItsWords() {
        ecs.onRunTask = r -> RunTaskResponse.builder()
                .tasks(software.amazon.awssdk.services.ecs.model.Task.builder().taskArn("arn:task/c/a")
                        .tags(r.tags()).build())
                .failures(Failure.builder().arn("arn:aws:ecs:eu-west-1:1:container-instance/c/ci1")
                                .reason("RESOURCE:MEMORY").build(),
                        Failure.builder().reason("Capacity is unavailable at this time").build())
                .build();

        RunTaskResult outcome = runTasks(backend(AwsBackendConfig.Mode.ECS_MANAGED), revision(NetworkMode.BRIDGE), 3);

        assertThat(outcome.tasks()).extracting(Task::taskId).containsExactly("a");
        assertThat(outcome.failure()).get().satisfies(f -> {
            assertThat(f.unplacedCount()).isEqualTo(2);
            assertThat(f.instances()).singleElement().satisfies(i -> {
                assertThat(i.instanceId()).isEqualTo("arn:aws:ecs:eu-west-1:1:container-instance/c/ci1");
                assertThat(i.rejections()).extracting(Rejection::reason).containsExactly(RejectionReason.RESOURCE_MEMORY);
            });
            assertThat(f.otherReasons()).containsExactly("Capacity is unavailable at this time");
        });
    }

    @Test
    void runTasks_onFargate_checksTheTaskSizeBeforeAnyCall() {
        AwsBackend fargate = AwsBackend.create(AwsBackendConfig.builder().ecsClient(ecs)
                .launchType(LaunchType.FARGATE).awsVpc(AwsVpcConfiguration.subnets("subnet-1")).build());

        assertThatThrownBy(() -> runTasks(fargate, revision(NetworkMode.AWSVPC), 1))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("FARGATE");
        assertThat(ecs.runTasks).isEmpty();
    }

    @Test
    void attributesDeleted_sendsNamesAndTargetWithoutValues_inCallsOfTen() {
        // ECS: "For custom attributes, specify the attribute name and target ID, but don't specify the value."
        Set<String> names = IntStream.range(0, 12).mapToObj(i -> "a" + i).collect(Collectors.toSet());

        backend(AwsBackendConfig.Mode.ECS_MANAGED).attributesDeleted("c", "ci-1", names);

        assertThat(ecs.deleteAttributes).extracting(r -> r.attributes().size()).containsExactly(10, 2);
        assertThat(ecs.deleteAttributes).flatExtracting(r -> r.attributes()).allSatisfy(a -> {
            assertThat(a.value()).isNull();
            assertThat(a.targetId()).isEqualTo("ci-1");
            assertThat(a.targetTypeAsString()).isEqualTo("container-instance");
        }).extracting(a -> a.name()).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void stopTask_ofAnUnknownTask_callsNothing() {
        backend(AwsBackendConfig.Mode.CLIENT_SCHEDULED).stopTask("c", "nope", StopCode.USER_INITIATED, "x");

        assertThat(ecs.stopTasks).isEmpty();
    }
}
