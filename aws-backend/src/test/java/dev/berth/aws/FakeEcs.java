package dev.berth.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.DeleteAttributesRequest;
import software.amazon.awssdk.services.ecs.model.DeleteAttributesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.StartTaskRequest;
import software.amazon.awssdk.services.ecs.model.StartTaskResponse;
import software.amazon.awssdk.services.ecs.model.StopTaskRequest;
import software.amazon.awssdk.services.ecs.model.StopTaskResponse;

/**
 * A hand-written {@link EcsClient} for what moto cannot show: each operation answers with the function a test sets and
 * records its requests. Operations a test does not set throw, as the interface's defaults do.
 */
public final class FakeEcs implements EcsClient {

    public final List<RunTaskRequest> runTasks = new ArrayList<>();
    public final List<StartTaskRequest> startTasks = new ArrayList<>();
    public final List<StopTaskRequest> stopTasks = new ArrayList<>();
    public final List<DescribeTasksRequest> describeTasks = new ArrayList<>();
    public final List<ListTasksRequest> listTasks = new ArrayList<>();
    public final List<DeleteAttributesRequest> deleteAttributes = new ArrayList<>();

    public Function<RunTaskRequest, RunTaskResponse> onRunTask = r -> RunTaskResponse.builder().build();
    public Function<StartTaskRequest, StartTaskResponse> onStartTask = r -> StartTaskResponse.builder().build();
    public Function<DescribeTasksRequest, DescribeTasksResponse> onDescribeTasks =
            r -> DescribeTasksResponse.builder().build();
    public Function<ListTasksRequest, ListTasksResponse> onListTasks = r -> ListTasksResponse.builder().build();
    public final List<RegisterTaskDefinitionRequest> registrations = new ArrayList<>();

    @Override
    public DescribeTaskDefinitionResponse describeTaskDefinition(DescribeTaskDefinitionRequest request) {
        throw ClientException.builder().message("Unable to describe task definition.").statusCode(400).build();
    }

    @Override
    public RegisterTaskDefinitionResponse registerTaskDefinition(RegisterTaskDefinitionRequest request) {
        registrations.add(request);
        return RegisterTaskDefinitionResponse.builder().taskDefinition(t -> t.family(request.family())
                .revision(registrations.size()).status("ACTIVE")
                .taskDefinitionArn("arn:aws:ecs:eu-west-1:1:task-definition/" + request.family() + ":"
                        + registrations.size())).build();
    }

    @Override
    public DeleteAttributesResponse deleteAttributes(DeleteAttributesRequest request) {
        deleteAttributes.add(request);
        return DeleteAttributesResponse.builder().attributes(request.attributes()).build();
    }

    @Override
    public RunTaskResponse runTask(RunTaskRequest request) {
        runTasks.add(request);
        return onRunTask.apply(request);
    }

    @Override
    public StartTaskResponse startTask(StartTaskRequest request) {
        startTasks.add(request);
        return onStartTask.apply(request);
    }

    @Override
    public StopTaskResponse stopTask(StopTaskRequest request) {
        stopTasks.add(request);
        return StopTaskResponse.builder().build();
    }

    @Override
    public DescribeTasksResponse describeTasks(DescribeTasksRequest request) {
        describeTasks.add(request);
        return onDescribeTasks.apply(request);
    }

    @Override
    public ListTasksResponse listTasks(ListTasksRequest request) {
        listTasks.add(request);
        return onListTasks.apply(request);
    }

    @Override
    public String serviceName() {
        return "ecs";
    }

    @Override
    public void close() {
    }
}
