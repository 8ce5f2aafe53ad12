package dev.berth.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.PortMapping;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.spi.ClusterChangeFeed;
import dev.berth.spi.ClusterChanges;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.ContainerInstance;
import dev.berth.spi.StartTaskRequest;
import dev.berth.spi.Subscription;
import dev.berth.task.ContainerState;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link ComputeBackend} must do, as seen through the SPI only. A backend's test class extends this
 * one and supplies the backend, a cluster with at least one connected instance, task definitions that suit the
 * backend, and a way to let time pass. Nothing here assumes how fast time passes: a simulated backend moves its
 * clock in {@link #await}, a real one polls.
 *
 * <p>Each test stops and forgets the tasks it started, and closes the backend.
 */
public abstract class ComputeBackendContract {

    /** The group of the tasks the contract starts. */
    protected static final String GROUP = "family:berth-contract";
    /** The {@code startedBy} of the tasks the contract starts. */
    protected static final String STARTED_BY = "berth-contract";

    private static final int EXIT_CODE = 3;

    private final List<String> startedTaskIds = new ArrayList<>();
    private ComputeBackend backend;

    /**
     * @return a new backend whose {@link #cluster()} has at least one connected instance; the contract closes it
     *     after each test
     */
    protected abstract ComputeBackend createBackend();

    /** @return the cluster the contract starts its tasks in */
    protected abstract String cluster();

    /** @return a cluster of the same backend in which the contract's tasks must not appear */
    protected String otherCluster() {
        return cluster() + "-other";
    }

    /**
     * @return a definition whose essential containers run until stopped, one of them with a dynamic host port
     *     mapping ({@code bridge} mode, host port 0); its first container writes lines to its log (see
     *     {@link #letContainerWrite})
     */
    protected abstract RegisteredTaskDefinition longRunningTaskDefinition();

    /**
     * Called, repeatedly, while the contract waits for a running task of {@link #longRunningTaskDefinition()} to
     * write to the log of its first container. A backend that runs real processes does nothing here, because the
     * container writes a line at least every few seconds by itself; a simulated one makes it write a line now.
     *
     * @param running the task, RUNNING
     * @param containerName the definition's first container
     */
    protected abstract void letContainerWrite(Task running, String containerName);

    /**
     * @param exitCode what its essential container exits with
     * @return a definition with one essential container that exits by itself with {@code exitCode} soon after
     *     it runs (see {@link #letEssentialContainerExit})
     */
    protected abstract RegisteredTaskDefinition exitingTaskDefinition(int exitCode);

    /**
     * Called right after a task of {@link #exitingTaskDefinition(int)} was started. A backend that runs real
     * processes does nothing here, because the container exits by itself; a simulated one makes the essential
     * container exit now or once it runs.
     *
     * @param started the task as {@link ComputeBackend#startTask} returned it
     * @param exitCode the code passed to {@link #exitingTaskDefinition(int)}
     */
    protected abstract void letEssentialContainerExit(Task started, int exitCode);

    /** @return a definition whose essential container has a health check that passes while it runs */
    protected abstract RegisteredTaskDefinition healthCheckedTaskDefinition();

    /**
     * @return a definition the backend accepts but cannot start, e.g. because its image cannot be found: its
     *     tasks end STOPPED with {@link StopCode#TASK_FAILED_TO_START}
     */
    protected abstract RegisteredTaskDefinition unstartableTaskDefinition();

    /**
     * Lets time pass until {@code condition} holds.
     *
     * @param description what is awaited, for the failure message
     * @param condition checked first before any time passes, then again after each step
     * @param timeout how much (simulated or real) time may pass
     * @throws AssertionError naming {@code description} if the condition does not hold in time
     */
    protected abstract void await(String description, BooleanSupplier condition, Duration timeout);

    /**
     * @return whether the backend offers a {@link ComputeBackend#changeFeed}; none unless overridden, and then the
     *     contract checks what it tells
     */
    protected boolean offersChangeFeed() {
        return false;
    }

    /** @return how long any single awaited condition may take; 60 seconds unless overridden */
    protected Duration timeout() {
        return Duration.ofSeconds(60);
    }

    /** @return the backend of the running test */
    protected final ComputeBackend backend() {
        return backend;
    }

    @BeforeEach
    final void createTheBackend() {
        backend = createBackend();
    }

    @AfterEach
    final void stopForgetAndClose() {
        try {
            for (String taskId : startedTaskIds) {
                backend.stopTask(cluster(), taskId, StopCode.USER_INITIATED, "contract test cleanup");
                await("task " + taskId + " stopped for cleanup",
                        () -> find(taskId).map(t -> t.lastStatus() == TaskStatus.STOPPED).orElse(true), timeout());
                backend.forgetTask(cluster(), taskId);
                assertThat(find(taskId)).as("task %s after forgetTask", taskId).isEmpty();
            }
        } finally {
            backend.close();
        }
    }

    @Test
    void containerInstances_whenListed_reportCpuAndMemory() {
        List<ContainerInstance> instances = backend.containerInstances(cluster());

        assertThat(instances).isNotEmpty();
        assertThat(instances).allSatisfy(i -> {
            assertThat(i.cpu()).as("cpu of %s", i.id()).isPositive();
            assertThat(i.memoryMiB()).as("memory of %s", i.id()).isPositive();
        });
        assertThat(instances).extracting(ContainerInstance::id).doesNotHaveDuplicates();
        assertThat(instances).anyMatch(ContainerInstance::agentConnected);
    }

    @Test
    void startTask_whenStarted_isListedAndReachesRunningWithBoundDynamicPort() {
        RegisteredTaskDefinition definition = longRunningTaskDefinition();
        StartTaskRequest request = request(definition);

        Task started = backend.startTask(request);

        assertThat(started.taskId()).isEqualTo(request.taskId());
        assertThat(started.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        Task running = awaitTask(request.taskId(), "RUNNING", t -> t.lastStatus() == TaskStatus.RUNNING);
        assertThat(running.cluster()).isEqualTo(cluster());
        assertThat(running.group()).isEqualTo(GROUP);
        assertThat(running.startedBy()).isEqualTo(STARTED_BY);
        assertThat(running.taskDefinitionArn()).isEqualTo(definition.arn());
        assertThat(running.containerInstanceId()).isEqualTo(request.instanceId());
        assertThat(running.startedAt()).hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(running.createdAt()));
        assertThat(running.stoppedAt()).isEmpty();
        ContainerDefinition published = definition.definition().containerDefinitions().stream()
                .filter(c -> c.portMappings().stream().anyMatch(PortMapping::isDynamic))
                .findFirst().orElseThrow(() -> new AssertionError("longRunningTaskDefinition has no dynamic port"));
        int containerPort = published.portMappings().stream().filter(PortMapping::isDynamic).findFirst()
                .orElseThrow().containerPort();
        assertThat(container(running, published.name()).networkBindings())
                .filteredOn(b -> b.containerPort() == containerPort)
                .extracting(NetworkBinding::hostPort)
                .singleElement().satisfies(hostPort -> assertThat(hostPort).isPositive());
    }

    @Test
    void startTask_whenSameIdTwice_startsOneTask() {
        StartTaskRequest request = request(longRunningTaskDefinition());
        Task first = backend.startTask(request);
        Task running = awaitTask(request.taskId(), "RUNNING", t -> t.lastStatus() == TaskStatus.RUNNING);

        Task second = backend.startTask(request);

        assertThat(second.taskId()).isEqualTo(first.taskId());
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(backend.tasks(cluster())).filteredOn(t -> t.taskId().equals(request.taskId())).singleElement()
                .satisfies(t -> {
                    assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING);
                    assertThat(t.startedAt()).isEqualTo(running.startedAt());
                    assertThat(t.containers()).extracting(ContainerState::networkBindings)
                            .isEqualTo(running.containers().stream().map(ContainerState::networkBindings).toList());
                });
    }

    @ParameterizedTest
    @EnumSource(value = StopCode.class, names = {"USER_INITIATED", "SERVICE_SCHEDULER_INITIATED"})
    void stopTask_whenRunning_reachesStoppedWithCodeAndReason(StopCode stopCode) {
        Task started = start(longRunningTaskDefinition());
        awaitTask(started.taskId(), "RUNNING", t -> t.lastStatus() == TaskStatus.RUNNING);

        backend.stopTask(cluster(), started.taskId(), stopCode, "stopped by the contract");

        Task stopped = awaitTask(started.taskId(), "STOPPED", t -> t.lastStatus() == TaskStatus.STOPPED);
        assertThat(stopped.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(stopped.stopCode()).contains(stopCode);
        assertThat(stopped.stoppedReason()).contains("stopped by the contract");
        assertThat(stopped.stoppedAt()).hasValueSatisfying(at ->
                assertThat(at).isAfterOrEqualTo(stopped.startedAt().orElseThrow()));
        assertThat(stopped.containers()).allSatisfy(c -> {
            assertThat(c.lastStatus()).as("container %s", c.name()).isEqualTo(TaskStatus.STOPPED);
            assertThat(c.exitCode()).as("exit code of %s", c.name()).isPresent();
        });
    }

    @Test
    void forgetTask_whenStopped_removesTheTask() {
        Task started = start(longRunningTaskDefinition());
        awaitTask(started.taskId(), "RUNNING", t -> t.lastStatus() == TaskStatus.RUNNING);
        backend.stopTask(cluster(), started.taskId(), StopCode.USER_INITIATED, "done");
        awaitTask(started.taskId(), "STOPPED", t -> t.lastStatus() == TaskStatus.STOPPED);

        backend.forgetTask(cluster(), started.taskId());

        assertThat(find(started.taskId())).isEmpty();
    }

    @Test
    void essentialContainer_whenItExits_stopsTheTaskWithItsExitCode() {
        RegisteredTaskDefinition definition = exitingTaskDefinition(EXIT_CODE);
        Task started = start(definition);

        letEssentialContainerExit(started, EXIT_CODE);

        Task stopped = awaitTask(started.taskId(), "STOPPED", t -> t.lastStatus() == TaskStatus.STOPPED);
        assertThat(stopped.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(stopped.stopCode()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(stopped.stoppedReason()).contains("Essential container in task exited");
        assertThat(stopped.startedAt()).isPresent();
        List<String> essential = definition.definition().containerDefinitions().stream()
                .filter(ContainerDefinition::essential).map(ContainerDefinition::name).toList();
        assertThat(stopped.containers())
                .filteredOn(c -> essential.contains(c.name()))
                .anySatisfy(c -> assertThat(c.exitCode()).hasValue(EXIT_CODE));
        assertThat(stopped.containers()).allSatisfy(c ->
                assertThat(c.lastStatus()).as("container %s", c.name()).isEqualTo(TaskStatus.STOPPED));
    }

    @Test
    void healthCheck_whenItPasses_taskTurnsHealthy() {
        Task started = start(healthCheckedTaskDefinition());

        Task healthy = awaitTask(started.taskId(), "HEALTHY", t -> t.healthStatus() == HealthStatus.HEALTHY);

        assertThat(healthy.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(healthy.containers()).anySatisfy(c -> assertThat(c.health()).isEqualTo(HealthStatus.HEALTHY));
    }

    @Test
    void startTask_whenTheStartFails_endsStoppedWithTaskFailedToStart() {
        Task started = start(unstartableTaskDefinition());

        Task stopped = awaitTask(started.taskId(), "STOPPED", t -> t.lastStatus() == TaskStatus.STOPPED);

        assertThat(stopped.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
        assertThat(stopped.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(stopped.startedAt()).isEmpty();
        assertThat(stopped.stoppedAt()).isPresent();
        assertThat(stopped.failedToStart()).isTrue();
    }

    @Test
    void stopTask_whenTheTaskIsUnknown_doesNothing() {
        Task started = start(longRunningTaskDefinition());
        awaitTask(started.taskId(), "RUNNING", t -> t.lastStatus() == TaskStatus.RUNNING);

        backend.stopTask(cluster(), "no-such-task-" + UUID.randomUUID(), StopCode.USER_INITIATED, "nothing");
        backend.forgetTask(cluster(), "no-such-task-" + UUID.randomUUID());

        assertThat(backend.tasks(cluster())).extracting(Task::taskId).containsOnlyOnce(started.taskId());
        assertThat(find(started.taskId())).hasValueSatisfying(t -> {
            assertThat(t.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
            assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        });
    }

    @Test
    void tasks_ofOneGroup_areTheClustersTasksOfThatGroup() {
        Task started = start(longRunningTaskDefinition());

        assertThat(backend.tasks(cluster(), GROUP)).extracting(Task::taskId).contains(started.taskId())
                .containsExactlyElementsOf(backend.tasks(cluster()).stream().filter(t -> t.group().equals(GROUP))
                        .map(Task::taskId).toList());
        assertThat(backend.tasks(cluster(), GROUP + "-other")).extracting(Task::taskId)
                .doesNotContain(started.taskId());
    }

    @Test
    void tasks_whenAskedForAnotherCluster_doNotListThisClustersTasks() {
        Task started = start(longRunningTaskDefinition());
        awaitTask(started.taskId(), "RUNNING", t -> t.lastStatus() == TaskStatus.RUNNING);

        assertThat(backend.tasks(otherCluster())).extracting(Task::taskId).doesNotContain(started.taskId());
        assertThat(backend.tasks(cluster())).extracting(Task::taskId).contains(started.taskId());
    }

    @Test
    void logs_whenTheContainerWrote_returnAtMostTheLastLines() {
        RegisteredTaskDefinition definition = longRunningTaskDefinition();
        String container = firstContainer(definition);
        Task running = startRunning(definition);

        await("two lines in the log of " + container, () -> {
            letContainerWrite(running, container);
            return backend.logs(cluster(), running.taskId(), container, 100).size() >= 2;
        }, timeout());

        assertThat(backend.logs(cluster(), running.taskId(), container, 1)).singleElement()
                .satisfies(line -> assertThat(line).doesNotContain("\n"));
    }

    @Test
    void followLogs_whenTheContainerWrites_deliversNewLinesUntilClosed() {
        RegisteredTaskDefinition definition = longRunningTaskDefinition();
        String container = firstContainer(definition);
        Task running = startRunning(definition);
        List<String> received = new CopyOnWriteArrayList<>();

        Subscription follow = backend.followLogs(cluster(), running.taskId(), container, received::add);
        await("a followed line of " + container, () -> {
            letContainerWrite(running, container);
            return !received.isEmpty();
        }, timeout());
        follow.close();
        int afterClose = received.size();
        AtomicInteger writes = new AtomicInteger();
        await("more writes after the follow was closed", () -> {
            letContainerWrite(running, container);
            return writes.incrementAndGet() > 10;
        }, timeout());

        assertThat(received).hasSize(afterClose);
        follow.close();
    }

    @Test
    void logs_whenTheTaskOrContainerIsUnknown_throwNotFound() {
        RegisteredTaskDefinition definition = longRunningTaskDefinition();
        Task running = startRunning(definition);
        String unknownTask = "no-such-task-" + UUID.randomUUID();

        assertThatThrownBy(() -> backend.logs(cluster(), unknownTask, firstContainer(definition), 10))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(unknownTask);
        assertThatThrownBy(() -> backend.logs(cluster(), running.taskId(), "no-such-container", 10))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("no-such-container");
        assertThatThrownBy(() -> backend.followLogs(otherCluster(), running.taskId(), firstContainer(definition),
                line -> { })).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void onTaskChange_whenAnEssentialContainerExits_signalsTheCluster() {
        List<String> signalled = new CopyOnWriteArrayList<>();
        try (Subscription changes = backend.onTaskChange(signalled::add)) {
            Task started = start(exitingTaskDefinition(EXIT_CODE));
            letEssentialContainerExit(started, EXIT_CODE);

            await("a change signal for cluster " + cluster(), () -> signalled.contains(cluster()), timeout());
        }
        assertThat(signalled).doesNotContain(otherCluster());
    }

    @Test
    void changeFeed_whereOffered_tellsOfEachStartStopAndForget() {
        assertThat(backend.changeFeed()).as("the backend's change feed").matches(feed ->
                feed.isPresent() == offersChangeFeed(), offersChangeFeed() ? "present" : "absent");
        if (!offersChangeFeed()) {
            return; // nothing more is promised
        }
        ClusterChangeFeed feed = backend.changeFeed().orElseThrow();
        long beforeStart = feed.cursor(cluster());
        Task started = start(longRunningTaskDefinition());

        ClusterChanges afterStart = feed.since(cluster(), beforeStart).orElseThrow();
        assertThat(afterStart.tasks()).extracting(Task::taskId).contains(started.taskId());
        awaitTask(started.taskId(), "RUNNING", t -> t.lastStatus() == TaskStatus.RUNNING);
        backend.stopTask(cluster(), started.taskId(), StopCode.USER_INITIATED, "stopped by the contract");
        awaitTask(started.taskId(), "STOPPED", t -> t.lastStatus() == TaskStatus.STOPPED);

        ClusterChanges afterStop = feed.since(cluster(), afterStart.cursor()).orElseThrow();
        assertThat(afterStop.tasks()).filteredOn(t -> t.taskId().equals(started.taskId())).singleElement()
                .satisfies(t -> assertThat(t.lastStatus()).isEqualTo(TaskStatus.STOPPED));
        backend.forgetTask(cluster(), started.taskId());

        ClusterChanges afterForget = feed.since(cluster(), afterStop.cursor()).orElseThrow();
        assertThat(afterForget.goneTaskIds()).containsExactly(started.taskId());
        assertThat(feed.since(otherCluster(), beforeStart).orElseThrow().tasks()).extracting(Task::taskId)
                .doesNotContain(started.taskId());
    }

    private Task startRunning(RegisteredTaskDefinition definition) {
        Task started = start(definition);
        return awaitTask(started.taskId(), "RUNNING", t -> t.lastStatus() == TaskStatus.RUNNING);
    }

    private static String firstContainer(RegisteredTaskDefinition definition) {
        return definition.definition().containerDefinitions().get(0).name();
    }

    /** Starts a task of {@code definition} and cleans it up after the test. */
    private Task start(RegisteredTaskDefinition definition) {
        return backend.startTask(request(definition));
    }

    /** A request for a new task on the cluster's first connected instance, cleaned up after the test. */
    private StartTaskRequest request(RegisteredTaskDefinition definition) {
        String instanceId = backend.containerInstances(cluster()).stream()
                .filter(ContainerInstance::agentConnected).findFirst()
                .orElseThrow(() -> new AssertionError("cluster " + cluster() + " has no connected instance"))
                .id();
        String taskId = "contract-" + UUID.randomUUID();
        startedTaskIds.add(taskId);
        return new StartTaskRequest(cluster(), taskId, instanceId, definition, GROUP, STARTED_BY, List.of());
    }

    private Optional<Task> find(String taskId) {
        return backend.tasks(cluster()).stream().filter(t -> t.taskId().equals(taskId)).findFirst();
    }

    /** @return the first observation of the task that satisfied {@code condition} */
    private Task awaitTask(String taskId, String state, Predicate<Task> condition) {
        AtomicReference<Task> seen = new AtomicReference<>();
        await("task " + taskId + " " + state, () -> {
            find(taskId).filter(condition).ifPresent(seen::set);
            return seen.get() != null;
        }, timeout());
        return seen.get();
    }

    private static ContainerState container(Task task, String name) {
        return task.containers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("task " + task.taskId() + " has no container " + name));
    }
}
