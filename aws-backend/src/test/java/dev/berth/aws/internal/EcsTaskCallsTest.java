package dev.berth.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.aws.FakeEcs;
import dev.berth.exception.BackendUnavailableException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/** ECS's per-call limits, on a fake client. */
class EcsTaskCallsTest {

    private final FakeEcs ecs = new FakeEcs();
    private final EcsTaskCalls calls = new EcsTaskCalls(ecs);

    @Test
    void runTask_whenMoreThanTen_splitsIntoCallsOfAtMostTen() {
        // moto does not cap RunTask's count at 10 (moto/ecs/models.py run_task), so only a fake shows the split.
        ecs.onRunTask = r -> RunTaskResponse.builder()
                .tasks(IntStream.range(0, r.count()).mapToObj(i -> Task.builder().taskArn("t" + i).build()).toList())
                .failures(Failure.builder().reason("RESOURCE:MEMORY").build())
                .build();

        EcsTaskCalls.RunOutcome outcome = calls.runTask(RunTaskRequest.builder().cluster("c").taskDefinition("td:1")
                .build(), 25);

        assertThat(ecs.runTasks).extracting(RunTaskRequest::count).containsExactly(10, 10, 5);
        // One idempotency token per call: a reused token would return the first call's tasks.
        assertThat(ecs.runTasks).extracting(RunTaskRequest::clientToken).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(outcome.tasks()).hasSize(25);
        assertThat(outcome.failures()).hasSize(3);
    }

    @Test
    void describeTasks_whenMoreThanAHundred_batchesByAHundred() {
        List<String> arns = IntStream.range(0, 250).mapToObj(i -> "arn:task/" + i).toList();
        ecs.onDescribeTasks = r -> DescribeTasksResponse.builder()
                .tasks(r.tasks().stream().map(a -> Task.builder().taskArn(a).build()).toList()).build();

        List<Task> described = calls.describeTasks("c", arns);

        assertThat(ecs.describeTasks).extracting(r -> r.tasks().size()).containsExactly(100, 100, 50);
        assertThat(ecs.describeTasks).allSatisfy(r -> assertThat(r.includeAsStrings()).containsExactly("TAGS"));
        assertThat(described).extracting(Task::taskArn).isEqualTo(arns);
    }

    @Test
    void describeTasks_whenIdsAreMissing_leavesThemOut() {
        // Real ECS reports unknown ids as failures with reason MISSING; moto just omits them (7.2).
        ecs.onDescribeTasks = r -> DescribeTasksResponse.builder()
                .failures(Failure.builder().arn("arn:task/gone").reason("MISSING").build()).build();

        assertThat(calls.describeTasks("c", List.of("arn:task/gone"))).isEmpty();
    }

    @Test
    void listTaskArns_pagesThroughEveryPageForRunningAndStopped() {
        ecs.onListTasks = r -> r.nextToken() == null
                ? ListTasksResponse.builder().taskArns(r.desiredStatusAsString() + "-1").nextToken("p2").build()
                : ListTasksResponse.builder().taskArns(r.desiredStatusAsString() + "-2").build();

        assertThat(calls.listTaskArns("c", b -> { }))
                .containsExactly("RUNNING-1", "RUNNING-2", "STOPPED-1", "STOPPED-2");
    }

    @Test
    void throttling_whenTheSdkGivesUp_isRetryableBackendUnavailableWithRequestId() {
        // moto never throttles; the SDK's retry strategy has already retried when this reaches Berth.
        ecs.onDescribeTasks = r -> {
            throw (EcsException) EcsException.builder().statusCode(400).requestId("req-123")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException")
                            .errorMessage("Rate exceeded").build())
                    .build();
        };

        assertThatThrownBy(() -> calls.describeTasks("c", List.of("a")))
                .isInstanceOfSatisfying(BackendUnavailableException.class,
                        e -> assertThat(e.isRetryable()).isTrue())
                .hasMessageContaining("Rate exceeded")
                .hasMessageContaining("ThrottlingException")
                .hasMessageContaining("request id req-123");
    }

    @Test
    void accessDenied_isNotRetryable_andNamesThePermission() {
        ecs.onDescribeTasks = r -> {
            throw (EcsException) EcsException.builder().statusCode(400).requestId("req-9")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                            .errorMessage("User is not authorized").build())
                    .build();
        };

        assertThatThrownBy(() -> calls.describeTasks("c", List.of("a")))
                .isInstanceOfSatisfying(BackendUnavailableException.class,
                        e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("ecs:DescribeTasks")
                .hasMessageContaining("request id req-9");
    }

    @Test
    void batches_cutConsecutively() {
        assertThat(EcsTaskCalls.batches(List.of(1, 2, 3, 4, 5), 2)).containsExactly(List.of(1, 2), List.of(3, 4),
                List.of(5));
        assertThat(EcsTaskCalls.batches(List.of(), 2)).isEmpty();
    }
}
