package dev.berth.aws.internal;

import dev.berth.exception.BackendUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.StartTaskRequest;
import software.amazon.awssdk.services.ecs.model.StartTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.Tag;
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
    /** Attempts of one RunTask or StartTask call by default, the first included: the SDK's standard mode's 3. */
    static final int START_ATTEMPTS = 3;
    /** Backoff before the second attempt of a start that got no answer or a 5xx; it doubles, halved at random. */
    static final Duration BACKOFF = Duration.ofMillis(100);
    /** Backoff before the second attempt of a throttled start: the SDK's throttled base delay. */
    static final Duration THROTTLED_BACKOFF = Duration.ofMillis(500);

    private final EcsClient ecs;
    private final EcsClient starts;
    private final int startAttempts;

    /** @param ecs the client every call goes through, RunTask and StartTask included */
    public EcsTaskCalls(EcsClient ecs) {
        this(ecs, ecs, START_ATTEMPTS);
    }

    /**
     * @param ecs the client of every call but RunTask and StartTask
     * @param starts the client of RunTask and StartTask, best without retries of its own: these calls are retried
     *     here, once it is known that the failed attempt started nothing
     * @param startAttempts attempts of one RunTask or StartTask call, the first included
     */
    public EcsTaskCalls(EcsClient ecs, EcsClient starts, int startAttempts) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.starts = Objects.requireNonNull(starts, "starts");
        if (startAttempts < 1) {
            throw new IllegalArgumentException("startAttempts must be >= 1, was " + startAttempts);
        }
        this.startAttempts = startAttempts;
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
     * Runs {@code count} tasks with RunTask, in calls of at most 10. A call that may have started tasks without Berth
     * hearing so (no answer, or a 5xx) is not simply repeated: each call carries a client token of its own, as ECS's
     * idempotency token and as the tag {@link BerthTags#CLIENT_TOKEN} of the tasks it starts, and before it is tried
     * again Berth looks for tasks with that tag. Only then is the same request (same token) sent again. The client of
     * these calls should not retry by itself: it would repeat them blindly.
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
            String token = UUID.randomUUID().toString();
            List<Tag> tags = new ArrayList<>(request.tags());
            tags.add(BerthTags.of(BerthTags.CLIENT_TOKEN, token));
            RunTaskRequest call = request.toBuilder().count(Math.min(left, MAX_TASKS_PER_START)).clientToken(token)
                    .tags(tags).build();
            RunTaskResponse response = startOnce("RunTask", () -> starts.runTask(call),
                    () -> tagged(request.cluster(), BerthTags.CLIENT_TOKEN, token, b -> { })
                            .map(found -> RunTaskResponse.builder().tasks(found).build()));
            tasks.addAll(response.tasks());
            failures.addAll(response.failures());
        }
        return new RunOutcome(tasks, failures);
    }

    /**
     * Starts one task on each given instance with StartTask. StartTask has no idempotency token: a call that may have
     * started its task without Berth hearing so is tried again only once {@code alreadyStarted} found nothing (Berth
     * tags the task with its own id). The client of this call should not retry by itself.
     *
     * @param request everything but the instances
     * @param instances container-instance ids or ARNs, 1 to 10
     * @param alreadyStarted looks for the tasks of this request that ECS started already
     * @return what StartTask returned, or the tasks found
     * @throws IllegalArgumentException if there are no instances or more than 10
     */
    public StartTaskResponse startTask(StartTaskRequest request, List<String> instances,
                                       Supplier<List<Task>> alreadyStarted) {
        if (instances.isEmpty() || instances.size() > MAX_TASKS_PER_START) {
            throw new IllegalArgumentException("StartTask takes 1 to " + MAX_TASKS_PER_START
                    + " container instances, got " + instances.size());
        }
        StartTaskRequest call = request.toBuilder().containerInstances(instances).build();
        return startOnce("StartTask", () -> starts.startTask(call), () -> {
            List<Task> found = alreadyStarted.get();
            return found.isEmpty() ? Optional.empty() : Optional.of(StartTaskResponse.builder().tasks(found).build());
        });
    }

    /**
     * @param cluster the cluster's name
     * @param key a tag key
     * @param value its value
     * @param filter narrows the listing
     * @return the cluster's tasks with that tag; empty if none
     */
    public Optional<List<Task>> tagged(String cluster, String key, String value,
                                       Consumer<ListTasksRequest.Builder> filter) {
        List<Task> found = describeTasks(cluster, listTaskArns(cluster, filter)).stream()
                .filter(t -> BerthTags.value(t.tags(), key).filter(value::equals).isPresent()).toList();
        return found.isEmpty() ? Optional.empty() : Optional.of(found);
    }

    /**
     * Calls a start (one attempt each time) until it answers, at most {@code startAttempts} times. After a failure
     * that may have started tasks (ECS did not answer, or answered 5xx), {@code started} looks for them first: if they
     * exist, they are the answer. A throttled call started nothing and is just tried again after a longer backoff.
     */
    private <T> T startOnce(String operation, Supplier<T> call, Supplier<Optional<T>> started) {
        for (int attempt = 1; ; attempt++) {
            try {
                return EcsErrors.call(operation, call);
            } catch (BackendUnavailableException e) {
                if (!e.isRetryable() || attempt >= startAttempts) {
                    throw e;
                }
                boolean throttled = e.getCause() instanceof AwsServiceException service
                        && service.isThrottlingException();
                if (!throttled) {
                    Optional<T> found = started.get();
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
                pause((throttled ? THROTTLED_BACKOFF : BACKOFF).multipliedBy(1L << (attempt - 1)), operation);
            }
        }
    }

    private static void pause(Duration base, String operation) {
        long millis = base.toMillis() / 2 + ThreadLocalRandom.current().nextLong(base.toMillis() / 2 + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted while waiting to try ECS " + operation + " again",
                    false, e);
        }
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
     * Describes tasks that ListTasks just listed. ECS's reads are eventually consistent: a task listed a moment ago
     * that DescribeTasks reports {@code MISSING} is not gone, the two reads disagree for a moment. Left out, it would
     * look stopped and forgotten, and its service would start another; so that is a retryable failure instead.
     *
     * @param cluster the cluster's name
     * @param taskArns tasks ListTasks just returned
     * @return the tasks, every one of them
     * @throws BackendUnavailableException (retryable) if ECS did not describe one of them
     */
    public List<Task> describeListedTasks(String cluster, List<String> taskArns) {
        List<Task> tasks = new ArrayList<>();
        for (List<String> batch : batches(taskArns, MAX_DESCRIBE)) {
            var response = EcsErrors.call("DescribeTasks", () -> ecs.describeTasks(b -> b.cluster(cluster)
                    .tasks(batch).include(TaskField.TAGS)));
            if (!response.failures().isEmpty()) {
                throw new BackendUnavailableException("ECS DescribeTasks did not describe tasks that ListTasks had just"
                        + " listed: " + response.failures().stream().map(f -> f.arn() + " (" + f.reason() + ")")
                        .toList() + "; ECS's reads disagree for a moment, try again", true);
            }
            tasks.addAll(response.tasks());
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
