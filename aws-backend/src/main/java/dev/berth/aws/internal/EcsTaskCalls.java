package dev.berth.aws.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.StartTaskRequest;
import software.amazon.awssdk.services.ecs.model.StartTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/**
 * The ECS task and container-instance calls with ECS's per-call limits applied: RunTask starts at most 10 tasks and
 * StartTask at most 10 instances per call, DescribeTasks and DescribeContainerInstances take at most 100 ids, and
 * the List calls page through the SDK's paginators. Every SDK failure is translated by {@link EcsErrors}.
 */
public final class EcsTaskCalls {

    /** RunTask's {@code count} and StartTask's {@code containerInstances} take at most this many. */
    public static final int MAX_TASKS_PER_START = 10;
    /** DescribeTasks and DescribeContainerInstances take at most this many ids. */
    public static final int MAX_DESCRIBE = 100;

    private final EcsClient ecs;

    /** @param ecs the client every call goes through */
    public EcsTaskCalls(EcsClient ecs) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
    }

    /**
     * What RunTask returned over all its calls.
     *
     * @param tasks the tasks started
     * @param failures why the others were not (RESOURCE:MEMORY, ...)
     */
    public record RunOutcome(List<Task> tasks, List<Failure> failures) {
        public RunOutcome {
            tasks = List.copyOf(tasks);
            failures = List.copyOf(failures);
        }
    }

    /**
     * Runs {@code count} tasks with RunTask, in calls of at most 10. Each call carries a client token of its own
     * (ECS's idempotency token), so that the SDK's retry of a call that timed out returns the tasks that call
     * started instead of starting more.
     *
     * @param request everything but the count and the client token
     * @param count how many tasks, at least 1
     * @return the tasks ECS started and its failures, over all calls
     * @throws IllegalArgumentException if {@code count} is less than 1
     */
    public RunOutcome runTask(RunTaskRequest request, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        List<Task> tasks = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (int left = count; left > 0; left -= MAX_TASKS_PER_START) {
            RunTaskRequest call = request.toBuilder().count(Math.min(left, MAX_TASKS_PER_START))
                    .clientToken(UUID.randomUUID().toString()).build();
            RunTaskResponse response = EcsErrors.call("RunTask", () -> ecs.runTask(call));
            tasks.addAll(response.tasks());
            failures.addAll(response.failures());
        }
        return new RunOutcome(tasks, failures);
    }

    /**
     * Starts one task on each given instance with StartTask.
     *
     * @param request everything but the instances
     * @param instances container-instance ids or ARNs, 1 to 10
     * @return what StartTask returned
     * @throws IllegalArgumentException if there are no instances or more than 10
     */
    public StartTaskResponse startTask(StartTaskRequest request, List<String> instances) {
        if (instances.isEmpty() || instances.size() > MAX_TASKS_PER_START) {
            throw new IllegalArgumentException("StartTask takes 1 to " + MAX_TASKS_PER_START
                    + " container instances, got " + instances.size());
        }
        StartTaskRequest call = request.toBuilder().containerInstances(instances).build();
        return EcsErrors.call("StartTask", () -> ecs.startTask(call));
    }

    /**
     * @param cluster the cluster's name
     * @param taskArn the task
     * @param reason shown as the task's stoppedReason; cut to 255 characters
     */
    public void stopTask(String cluster, String taskArn, String reason) {
        String shortReason = reason.length() > 255 ? reason.substring(0, 255) : reason;
        EcsErrors.call("StopTask", () -> ecs.stopTask(b -> b.cluster(cluster).task(taskArn).reason(shortReason)));
    }

    /**
     * @param cluster the cluster's name
     * @param filter narrows the listing (containerInstance, startedBy, family, ...); the cluster is set here
     * @return the ARNs of the cluster's tasks with desired status RUNNING and STOPPED (ECS keeps stopped tasks for a
     *     while), every page, each once
     */
    public List<String> listTaskArns(String cluster, Consumer<software.amazon.awssdk.services.ecs.model.ListTasksRequest.Builder> filter) {
        Map<String, Boolean> arns = new LinkedHashMap<>();
        for (DesiredStatus desired : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            EcsErrors.call("ListTasks", () -> {
                ecs.listTasksPaginator(b -> {
                    filter.accept(b);
                    b.cluster(cluster).desiredStatus(desired);
                }).taskArns().forEach(arn -> arns.put(arn, true));
                return null;
            });
        }
        return List.copyOf(arns.keySet());
    }

    /**
     * @param cluster the cluster's name
     * @param taskArns tasks, any number
     * @return the tasks ECS still knows, with their tags, in calls of at most 100 ids; unknown ones are left out
     */
    public List<Task> describeTasks(String cluster, List<String> taskArns) {
        List<Task> tasks = new ArrayList<>();
        for (List<String> batch : batches(taskArns, MAX_DESCRIBE)) {
            tasks.addAll(EcsErrors.call("DescribeTasks", () -> ecs.describeTasks(b -> b.cluster(cluster)
                    .tasks(batch).include(TaskField.TAGS))).tasks());
        }
        return tasks;
    }

    /**
     * @param cluster the cluster's name
     * @return every container instance of the cluster (all pages), described in calls of at most 100
     */
    public List<ContainerInstance> containerInstances(String cluster) {
        List<String> arns = EcsErrors.call("ListContainerInstances", () ->
                ecs.listContainerInstancesPaginator(b -> b.cluster(cluster)).containerInstanceArns().stream().toList());
        List<ContainerInstance> instances = new ArrayList<>();
        for (List<String> batch : batches(arns, MAX_DESCRIBE)) {
            instances.addAll(EcsErrors.call("DescribeContainerInstances", () -> ecs.describeContainerInstances(
                    b -> b.cluster(cluster).containerInstances(batch))).containerInstances());
        }
        return instances;
    }

    /**
     * @param <T> the elements' type
     * @param all any list
     * @param size the largest batch
     * @return {@code all} cut into consecutive batches of at most {@code size}
     */
    public static <T> List<List<T>> batches(List<T> all, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            batches.add(List.copyOf(all.subList(from, Math.min(all.size(), from + size))));
        }
        return batches;
    }
}
