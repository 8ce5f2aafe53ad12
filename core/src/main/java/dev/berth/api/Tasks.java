package dev.berth.api;

import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.WaitFailedException;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.spi.Subscription;
import dev.berth.task.HealthStatus;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The tasks of one cluster: running standalone tasks, stopping any task, waiting for them, and their logs. */
public final class Tasks {

    private final Context context;
    private final String cluster;

    Tasks(Context context, String cluster) {
        this.context = context;
        this.cluster = cluster;
    }

    /**
     * Places and starts standalone tasks (ECS's {@code RunTask}): the scheduler chooses instances with the
     * request's strategies (random by default) and constraints (the task definition's included). Tasks that do
     * not fit are not started; the result says why, per instance. On a backend that places tasks itself (ECS in
     * its managed mode, see {@link dev.berth.spi.ComputeBackend#managedTasks()}) the request goes to the backend's
     * placement instead, with the same strategies and constraints, and the result gives the backend's reasons.
     *
     * @param request what to run, how many, and where
     * @return the started tasks and, if some did not fit, why
     * @throws ResourceNotFoundException if the task definition or cluster does not exist
     * @throws ConflictException if the task definition is INACTIVE
     */
    public RunTaskResult run(RunTaskRequest request) {
        RegisteredTaskDefinition revision = context.taskDefinitions().resolveForLaunch(request.taskDefinition());
        context.store().cluster(cluster).orElseThrow(this::clusterNotFound);
        return context.tasks().run(cluster, revision, request.group().orElse("family:" + revision.family()), request);
    }

    /**
     * Stops a task gracefully (SIGTERM, stopTimeout, SIGKILL). A service replaces the tasks it loses.
     *
     * @param taskId the task's id
     * @param reason shown on the task, at most 255 characters
     * @throws ResourceNotFoundException if the cluster has no such task
     */
    public void stop(String taskId, String reason) {
        describe(taskId);
        context.backend().stopTask(cluster, taskId, StopCode.USER_INITIATED,
                reason.length() > 255 ? reason.substring(0, 255) : reason);
    }

    /** @return the cluster's tasks, including those stopped recently */
    public List<Task> list() {
        return context.runtime().networks().overlay(cluster, context.backend().tasks(cluster));
    }

    /**
     * @param taskId the task's id
     * @return the task
     * @throws ResourceNotFoundException if the cluster has no such task
     */
    public Task describe(String taskId) {
        return find(taskId).orElseThrow(() -> new ResourceNotFoundException(
                "Task " + taskId + " is not in cluster " + cluster + " (stopped tasks are kept for a while only)."));
    }

    /**
     * Reads the last lines a task's container wrote, stdout and stderr interleaved.
     *
     * @param taskId the task's id
     * @param container the container's name in the task definition
     * @param tailLines how many of the last lines, at least 1
     * @return the lines, oldest first
     * @throws ResourceNotFoundException if the cluster has no such task, or the task no such container
     * @throws IllegalArgumentException if {@code tailLines} is less than 1
     */
    public List<String> logs(String taskId, String container, int tailLines) {
        if (tailLines < 1) {
            throw new IllegalArgumentException("tailLines must be at least 1, was " + tailLines);
        }
        requireContainer(taskId, container);
        return context.backend().logs(cluster, taskId, container, tailLines);
    }

    /**
     * Follows what a task's container writes from now on. Lines arrive on a thread of the backend, in order; the
     * listener must not block. Following ends when the container stops or the returned handle is closed.
     *
     * @param taskId the task's id
     * @param container the container's name in the task definition
     * @param lines receives each new line
     * @return the handle that stops following
     * @throws ResourceNotFoundException if the cluster has no such task, or the task no such container
     */
    public Subscription followLogs(String taskId, String container, Consumer<String> lines) {
        Objects.requireNonNull(lines, "lines");
        requireContainer(taskId, container);
        return context.backend().followLogs(cluster, taskId, container, lines);
    }

    /**
     * Waits until every task is RUNNING (ECS's {@code TasksRunning}).
     *
     * @param taskIds the tasks' ids
     * @param timeout how long to wait at most
     * @return the tasks
     * @throws WaitTimeoutException if not all run in time; the message gives each task's state
     * @throws WaitFailedException as soon as a task stopped instead: the message starts with its cause (e.g.
     *     {@code CannotPullContainerError: ...}, an essential container's exit code) and shows its containers' last
     *     log lines
     * @throws BerthException if the calling thread is interrupted (its interrupt flag stays set)
     */
    public List<Task> awaitRunning(List<String> taskIds, Duration timeout) {
        String what = "tasks " + taskIds + " in cluster " + cluster + " to be RUNNING";
        long startedAt = System.nanoTime();
        return context.runtime().waiter().await(what, timeout, () -> {
            List<Task> tasks = current(taskIds);
            tasks.stream().filter(t -> t.lastStatus() == TaskStatus.STOPPED).findFirst().ifPresent(t -> {
                throw FailFast.taskStopped(t, what, startedAt, context.backend(), describeAll(taskIds));
            });
            boolean all = tasks.size() == taskIds.size()
                    && tasks.stream().allMatch(t -> t.lastStatus() == TaskStatus.RUNNING);
            return all ? Optional.of(tasks) : Optional.empty();
        }, () -> describeAll(taskIds));
    }

    /**
     * Waits until every task is STOPPED (ECS's {@code TasksStopped}); tasks no longer listed count as stopped.
     *
     * @param taskIds the tasks' ids
     * @param timeout how long to wait at most
     * @throws WaitTimeoutException if not all stop in time; the message gives each task's state
     * @throws BerthException if the calling thread is interrupted (its interrupt flag stays set)
     */
    public void awaitStopped(List<String> taskIds, Duration timeout) {
        context.runtime().waiter().await("tasks " + taskIds + " in cluster " + cluster + " to be STOPPED", timeout,
                () -> current(taskIds).stream().allMatch(t -> t.lastStatus() == TaskStatus.STOPPED)
                        ? Optional.of(true) : Optional.empty(),
                () -> describeAll(taskIds));
    }

    private List<Task> current(List<String> taskIds) {
        Set<String> wanted = Set.copyOf(taskIds);
        return list().stream().filter(t -> wanted.contains(t.taskId())).toList();
    }

    /** E.g. {@code t1 RUNNING, t2 PENDING (desired RUNNING), t3 not found}. */
    private String describeAll(List<String> taskIds) {
        Map<String, Task> tasks = current(taskIds).stream().collect(Collectors.toMap(Task::taskId, t -> t));
        return taskIds.stream().map(id -> Optional.ofNullable(tasks.get(id)).map(Tasks::describeOne)
                .orElse(id + " not found")).collect(Collectors.joining(", "));
    }

    private static String describeOne(Task task) {
        StringBuilder text = new StringBuilder(task.taskId()).append(' ').append(task.lastStatus());
        if (task.desiredStatus().name().equals(task.lastStatus().name())) {
            return text.toString();
        }
        text.append(" (desired ").append(task.desiredStatus());
        if (task.healthStatus() != HealthStatus.UNKNOWN) {
            text.append(", health ").append(task.healthStatus());
        }
        task.stoppedReason().ifPresent(reason -> text.append(", stopping: ").append(reason));
        return text.append(')').toString();
    }

    private void requireContainer(String taskId, String container) {
        Task task = describe(taskId);
        if (task.containers().stream().noneMatch(c -> c.name().equals(container))) {
            throw new ResourceNotFoundException("Task " + taskId + " in cluster " + cluster + " has no container "
                    + container + "; its containers are " + task.containers().stream()
                    .map(c -> c.name()).collect(Collectors.joining(", ")) + ".");
        }
    }

    private Optional<Task> find(String taskId) {
        return list().stream().filter(t -> t.taskId().equals(taskId)).findFirst();
    }

    private ResourceNotFoundException clusterNotFound() {
        return new ResourceNotFoundException("Cluster " + cluster + " does not exist.");
    }
}
