package dev.berth.inmemory;

import static dev.berth.inmemory.Definitions.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ContainerOverride;
import dev.berth.model.HealthCheck;
import dev.berth.model.HostPorts;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.spi.ContainerInstance;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.ContainerState;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-memory backend's knobs and simulated time, beyond what the backend contract checks. */
class InMemoryBackendTest {

    private static final String CLUSTER = "dev";

    private final MutableClock clock = MutableClock.at(T0);
    private final InMemoryBackend backend = InMemoryBackend.create(clock);

    @BeforeEach
    void addInstance() {
        backend.addInstance(CLUSTER, InMemoryBackend.instance("i-1"));
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    @Test
    void startTask_withDefaultDelays_returnsPendingAndRunsAtTheFirstObservation() {
        Task started = start("t-1", Definitions.web());

        assertThat(started.lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(started.createdAt()).isEqualTo(T0);
        assertThat(started.containers()).extracting(ContainerState::lastStatus).containsOnly(TaskStatus.PENDING);
        Task observed = task("t-1");
        assertThat(observed.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(observed.startedAt()).contains(T0);
    }

    @Test
    void startTask_withStartDelay_isPendingUntilThenRunningSinceExactlyThatTime() {
        backend.startDelay(Duration.ofSeconds(5));
        start("t-1", Definitions.web());

        clock.advance(Duration.ofSeconds(4));
        Task pending = task("t-1");
        clock.advance(Duration.ofSeconds(10));
        Task running = task("t-1");

        assertThat(pending.lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(pending.startedAt()).isEmpty();
        assertThat(container(pending, "app").networkBindings()).isEmpty();
        assertThat(running.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(running.startedAt()).contains(T0.plusSeconds(5));
        assertThat(container(running, "app").networkBindings()).isNotEmpty();
    }

    @Test
    void startTask_whenTheIdExists_returnsTheExistingTaskAndStartsNothing() {
        start("t-1", Definitions.web());

        Task again = start("t-1", Definitions.of("other"));

        assertThat(again.taskDefinitionArn()).isEqualTo(Definitions.web().arn());
        assertThat(backend.tasks(CLUSTER)).hasSize(1);
    }

    @Test
    void healthCheck_withHealthyDelay_isUnknownUntilStartedAtPlusTheDelay() {
        backend.startDelay(Duration.ofSeconds(2));
        backend.healthyDelay(Duration.ofSeconds(30));
        start("t-1", Definitions.checkedWeb());

        clock.advance(Duration.ofSeconds(31));
        Task before = task("t-1");
        clock.advance(Duration.ofSeconds(1));
        Task after = task("t-1");

        assertThat(before.healthStatus()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(container(before, "app").health()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(after.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void taskHealth_whenOnlyANonEssentialContainerIsChecked_staysUnknown() {
        start("t-1", Definitions.registered(TaskDefinition.builder("checked-sidecar")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64))
                .container(c -> c.name("sidecar").image("busybox:stable").memoryMiB(64).essential(false)
                        .healthCheck(HealthCheck.shell("true")))
                .build()));

        Task running = task("t-1");

        assertThat(container(running, "sidecar").health()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(container(running, "app").health()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(running.healthStatus()).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void setHealth_unhealthy_makesTheTaskUnhealthyAndCancelsTheScheduledHealthy() {
        backend.healthyDelay(Duration.ofSeconds(30));
        start("t-1", Definitions.checkedWeb());
        task("t-1");

        backend.setHealth(CLUSTER, "t-1", "app", HealthStatus.UNHEALTHY);
        clock.advance(Duration.ofMinutes(5));

        Task task = task("t-1");
        assertThat(task.healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void setHealth_onAContainerWithoutHealthCheck_isRefused() {
        start("t-1", Definitions.web());
        task("t-1");

        assertThatThrownBy(() -> backend.setHealth(CLUSTER, "t-1", "app", HealthStatus.UNHEALTHY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no health check");
    }

    // ---------------------------------------------------------------------------------------------------- stop

    @Test
    void stopTask_withStopDelay_isStoppingThenStoppedAtExactlyTheEndOfTheDelay() {
        backend.stopDelay(Duration.ofSeconds(30));
        start("t-1", Definitions.web());
        clock.advance(Duration.ofSeconds(10));
        task("t-1");

        backend.stopTask(CLUSTER, "t-1", StopCode.SERVICE_SCHEDULER_INITIATED, "Scaling activity");
        Task stopping = task("t-1");
        clock.advance(Duration.ofMinutes(2));
        Task stopped = task("t-1");

        assertThat(stopping.lastStatus()).isEqualTo(TaskStatus.STOPPING);
        assertThat(stopping.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(stopping.stopCode()).contains(StopCode.SERVICE_SCHEDULER_INITIATED);
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stoppedAt()).contains(T0.plusSeconds(40));
        assertThat(container(stopped, "app").exitCode()).hasValue(InMemoryBackend.SIGTERM_EXIT_CODE);
        assertThat(container(stopped, "app").networkBindings()).isEmpty();
    }

    @Test
    void stopTask_whilePending_stopsWithoutStartingAnyContainer() {
        backend.startDelay(Duration.ofSeconds(10));
        start("t-1", Definitions.web());

        backend.stopTask(CLUSTER, "t-1", StopCode.USER_INITIATED, "changed my mind");
        clock.advance(Duration.ofMinutes(1));

        Task stopped = task("t-1");
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.startedAt()).isEmpty();
        assertThat(stopped.stopCode()).contains(StopCode.USER_INITIATED);
        assertThat(container(stopped, "app").exitCode()).isEmpty();
    }

    @Test
    void stopTask_twice_keepsTheFirstCodeAndReason() {
        backend.stopDelay(Duration.ofSeconds(30));
        start("t-1", Definitions.web());

        backend.stopTask(CLUSTER, "t-1", StopCode.SERVICE_SCHEDULER_INITIATED, "first");
        backend.stopTask(CLUSTER, "t-1", StopCode.USER_INITIATED, "second");

        assertThat(task("t-1").stopCode()).contains(StopCode.SERVICE_SCHEDULER_INITIATED);
        assertThat(task("t-1").stoppedReason()).contains("first");
    }

    @Test
    void forgetTask_whenNotStoppedYet_keepsTheTask() {
        start("t-1", Definitions.web());

        backend.forgetTask(CLUSTER, "t-1");

        assertThat(backend.tasks(CLUSTER)).extracting(Task::taskId).containsExactly("t-1");
    }

    // ---------------------------------------------------------------------------------------- failures and exits

    @Test
    void failStarts_whenTheRequestMatches_stopsTheTaskWhenItWouldHaveRun() {
        backend.startDelay(Duration.ofSeconds(5));
        backend.failStarts(request -> request.taskId().startsWith("bad"));
        start("bad-1", Definitions.web());
        start("good-1", Definitions.web());
        backend.failStarts(request -> false);

        clock.advance(Duration.ofSeconds(4));
        Task pending = task("bad-1");
        clock.advance(Duration.ofSeconds(60));
        Task failed = task("bad-1");

        assertThat(pending.lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(failed.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(failed.stoppedAt()).contains(T0.plusSeconds(5));
        assertThat(failed.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
        assertThat(failed.stoppedReason()).contains(InMemoryBackend.FAILED_START_REASON);
        assertThat(failed.failedToStart()).isTrue();
        assertThat(container(failed, "app").exitCode()).isEmpty();
        assertThat(container(failed, "app").reason()).contains(InMemoryBackend.FAILED_START_REASON);
        assertThat(task("good-1").lastStatus()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void exitContainer_whenEssential_stopsTheTaskAndTheOtherContainers() {
        start("t-1", withSidecar());
        task("t-1");

        backend.exitContainer(CLUSTER, "t-1", "app", 2);

        Task stopped = task("t-1");
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(stopped.stoppedReason()).contains(InMemoryBackend.ESSENTIAL_CONTAINER_EXITED_REASON);
        assertThat(container(stopped, "app").exitCode()).hasValue(2);
        assertThat(container(stopped, "sidecar").exitCode()).hasValue(InMemoryBackend.SIGTERM_EXIT_CODE);
    }

    @Test
    void exitContainer_whenNotEssential_stopsOnlyThatContainer() {
        start("t-1", withSidecar());
        task("t-1");

        backend.exitContainer(CLUSTER, "t-1", "sidecar", 1);
        clock.advance(Duration.ofMinutes(1));

        Task running = task("t-1");
        assertThat(running.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(running.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        assertThat(running.stopCode()).isEmpty();
        assertThat(container(running, "app").lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(container(running, "sidecar").lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(container(running, "sidecar").exitCode()).hasValue(1);
    }

    @Test
    void exitContainer_whilePending_isRefused() {
        backend.startDelay(Duration.ofSeconds(5));
        start("t-1", Definitions.web());

        assertThatThrownBy(() -> backend.exitContainer(CLUSTER, "t-1", "app", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running");
    }

    @Test
    void exitContainer_ofAnUnknownTask_isRefused() {
        assertThatThrownBy(() -> backend.exitContainer(CLUSTER, "nope", "app", 1))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("nope");
    }

    // --------------------------------------------------------------------------------------------------- ports

    @Test
    void dynamicPorts_ofManyTasks_areDistinctFromTheFirstDynamicPortUpward() {
        RegisteredTaskDefinition twoPorts = Definitions.registered(TaskDefinition.builder("two-ports")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64).portMapping(80).portMapping(443))
                .build());
        for (int i = 0; i < 5; i++) {
            start("t-" + i, twoPorts);
        }

        List<Integer> hostPorts = backend.tasks(CLUSTER).stream()
                .flatMap(t -> container(t, "app").networkBindings().stream())
                .map(NetworkBinding::hostPort).toList();

        assertThat(hostPorts).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).isBetween(InMemoryBackend.FIRST_DYNAMIC_PORT,
                        InMemoryBackend.FIRST_DYNAMIC_PORT + 9));
    }

    @Test
    void dynamicPorts_skipReservedAndStaticPortsAndReuseThoseOfStoppedTasks() {
        backend.addInstance(CLUSTER, InMemoryBackend.instance("i-2")
                .reservedPorts(HostPorts.of(Protocol.TCP, 22, 49153)));
        start("static", "i-2", Definitions.registered(TaskDefinition.builder("static")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64).portMapping(80, 49154))
                .build()));
        start("first", "i-2", Definitions.web());
        start("second", "i-2", Definitions.web());
        backend.stopTask(CLUSTER, "first", StopCode.USER_INITIATED, "make room");
        start("third", "i-2", Definitions.web());

        assertThat(hostPort(task("static"))).isEqualTo(49154);
        assertThat(hostPort(task("second"))).isEqualTo(49156);
        assertThat(hostPort(task("third"))).isEqualTo(49155);
        assertThat(hostPort(startAndObserve("on-i-1", "i-1"))).isEqualTo(49153);
    }

    @Test
    void dynamicPorts_areCountedPerProtocol() {
        start("tcp", Definitions.web());
        start("udp", Definitions.registered(TaskDefinition.builder("dns")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)
                        .portMapping(PortMapping.of(53).withProtocol(Protocol.UDP)))
                .build()));

        assertThat(container(task("udp"), "app").networkBindings()).singleElement()
                .isEqualTo(new NetworkBinding(53, InMemoryBackend.FIRST_DYNAMIC_PORT, Protocol.UDP, "0.0.0.0"));
        assertThat(hostPort(task("tcp"))).isEqualTo(InMemoryBackend.FIRST_DYNAMIC_PORT);
    }

    @Test
    void hostNetworkMode_bindsTheContainerPortAndHoldsIt() {
        start("host", Definitions.registered(TaskDefinition.builder("host")
                .networkMode(NetworkMode.HOST)
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)
                        .portMapping(InMemoryBackend.FIRST_DYNAMIC_PORT))
                .build()));
        start("bridge", Definitions.web());

        assertThat(hostPort(task("host"))).isEqualTo(InMemoryBackend.FIRST_DYNAMIC_PORT);
        assertThat(hostPort(task("bridge"))).isEqualTo(InMemoryBackend.FIRST_DYNAMIC_PORT + 1);
    }

    // ----------------------------------------------------------------------------------------------- instances

    @Test
    void instance_builder_reportsItsResourcesAndDefaultAttributes() {
        ContainerInstance added = backend.addInstance("other", InMemoryBackend.instance("i-9").cpu(4096)
                .memoryMiB(8192).attribute("ecs.availability-zone", "eu-west-1a"));

        assertThat(backend.containerInstances("other")).containsExactly(added);
        assertThat(added.cpu()).isEqualTo(4096);
        assertThat(added.memoryMiB()).isEqualTo(8192);
        assertThat(added.registeredAt()).isEqualTo(T0);
        assertThat(added.reservedPorts()).isEqualTo(HostPorts.ECS_DEFAULT_RESERVED);
        assertThat(added.attributes()).containsEntry("ecs.os-type", "linux")
                .containsEntry("ecs.availability-zone", "eu-west-1a");
        assertThat(backend.containerInstances(CLUSTER)).extracting(ContainerInstance::id).containsExactly("i-1");
    }

    @Test
    void addInstance_whenTheIdExistsInAnyCluster_isRefused() {
        assertThatThrownBy(() -> backend.addInstance("other", InMemoryBackend.instance("i-1")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("i-1");
    }

    @Test
    void startTask_onAnUnknownInstanceOrOneOfAnotherCluster_namesTheInstance() {
        backend.addInstance("other", InMemoryBackend.instance("i-2"));

        assertThatThrownBy(() -> start("t-1", "i-404", Definitions.web()))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("i-404");
        assertThatThrownBy(() -> start("t-1", "i-2", Definitions.web()))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("i-2");
        assertThat(backend.tasks(CLUSTER)).isEmpty();
    }

    @Test
    void startTask_withAnOverrideOfAnUnknownContainer_isRefused() {
        StartTaskRequest request = new StartTaskRequest(CLUSTER, "t-1", "i-1", Definitions.web(), "family:web",
                "test", List.of(new ContainerOverride("ghost", Optional.of(List.of("true")), List.of())));

        assertThatThrownBy(() -> backend.startTask(request))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("ghost");
    }

    @Test
    void disconnect_refusesStartsAndFreezesTasksUntilReconnectReportsWhatWasDue() {
        backend.startDelay(Duration.ofSeconds(5));
        start("t-1", Definitions.web());
        clock.advance(Duration.ofSeconds(1));

        backend.disconnect("i-1");
        clock.advance(Duration.ofSeconds(20));
        Task frozen = task("t-1");
        boolean connected = backend.containerInstances(CLUSTER).get(0).agentConnected();
        backend.reconnect("i-1");
        Task caughtUp = task("t-1");

        assertThat(connected).isFalse();
        assertThat(frozen.lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(caughtUp.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(caughtUp.startedAt()).contains(T0.plusSeconds(5));
    }

    @Test
    void disconnect_whenAStartIsAttempted_namesTheInstance() {
        backend.disconnect("i-1");

        assertThatThrownBy(() -> start("t-1", Definitions.web()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("i-1")
                .hasMessageContaining("disconnected");
    }

    @Test
    void stopTask_whileDisconnected_marksTheTaskAndStopsItAfterReconnect() {
        backend.stopDelay(Duration.ofSeconds(10));
        start("t-1", Definitions.web());
        task("t-1");
        backend.disconnect("i-1");

        backend.stopTask(CLUSTER, "t-1", StopCode.USER_INITIATED, "while away");
        Task marked = task("t-1");
        clock.advance(Duration.ofMinutes(1));
        backend.reconnect("i-1");
        Task stopping = task("t-1");
        clock.advance(Duration.ofSeconds(10));
        Task stopped = task("t-1");

        assertThat(marked.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(marked.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(stopping.lastStatus()).isEqualTo(TaskStatus.STOPPING);
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stoppedAt()).contains(T0.plusSeconds(70));
    }

    @Test
    void removeInstance_stopsItsTasksWithoutExitCodesAndKeepsThemListed() {
        start("t-1", Definitions.web());
        task("t-1");
        clock.advance(Duration.ofSeconds(3));

        backend.removeInstance("i-1");

        Task lost = task("t-1");
        assertThat(backend.containerInstances(CLUSTER)).isEmpty();
        assertThat(lost.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(lost.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(lost.stoppedAt()).contains(T0.plusSeconds(3));
        assertThat(lost.stopCode()).isEmpty();
        assertThat(lost.stoppedReason()).contains(InMemoryBackend.INSTANCE_REMOVED_REASON);
        assertThat(container(lost, "app").exitCode()).isEqualTo(OptionalInt.empty());
    }

    // ------------------------------------------------------------------------------------------------- helpers

    // ------------------------------------------------------------------------------------------- killed process

    @Test
    void killDuringStart_leavesTheTaskPendingAndFailsEveryCall_restartProcessFailsTheAbandonedStart() {
        backend.killDuringNext(InMemoryBackend.Interruption.HALF_STARTED);

        assertThatThrownBy(() -> start("t-1", withSidecar())).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("killed while starting task t-1");
        assertThatThrownBy(() -> backend.tasks(CLUSTER)).isInstanceOf(BackendUnavailableException.class);
        backend.restartProcess();

        Task stopped = task("t-1");
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
        assertThat(stopped.startAbandoned()).isTrue();
        assertThat(stopped.containers()).extracting(ContainerState::name, ContainerState::exitCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("app", OptionalInt.of(InMemoryBackend.SIGTERM_EXIT_CODE)),
                org.assertj.core.groups.Tuple.tuple("sidecar", OptionalInt.empty()));
    }

    @Test
    void killAfterTheStopWasRecorded_leavesItRunning_restartProcessSignalsIt() {
        start("t-1", Definitions.web());
        task("t-1");
        backend.killDuringNext(InMemoryBackend.Interruption.STOP_RECORDED_NOT_SIGNALLED);

        assertThatThrownBy(() -> backend.stopTask(CLUSTER, "t-1", StopCode.SERVICE_SCHEDULER_INITIATED, "scale in"))
                .isInstanceOf(BackendUnavailableException.class);
        backend.restartProcess();
        Task recorded = task("t-1");

        assertThat(recorded.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(recorded.stopCode()).contains(StopCode.SERVICE_SCHEDULER_INITIATED);
        assertThat(recorded.stoppedReason()).contains("scale in");
    }

    private static RegisteredTaskDefinition withSidecar() {
        return Definitions.registered(TaskDefinition.builder("with-sidecar")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64))
                .container(c -> c.name("sidecar").image("busybox:stable").memoryMiB(64).essential(false))
                .build());
    }

    private Task start(String taskId, RegisteredTaskDefinition definition) {
        return start(taskId, "i-1", definition);
    }

    private Task start(String taskId, String instanceId, RegisteredTaskDefinition definition) {
        return backend.startTask(new StartTaskRequest(CLUSTER, taskId, instanceId, definition,
                "family:" + definition.family(), "test", List.of()));
    }

    private Task task(String taskId) {
        return backend.tasks(CLUSTER).stream().filter(t -> t.taskId().equals(taskId)).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + taskId));
    }

    /** Starts a task of {@link Definitions#web()} on {@code instanceId} and returns it as observed. */
    private Task startAndObserve(String taskId, String instanceId) {
        start(taskId, instanceId, Definitions.web());
        return task(taskId);
    }

    private static int hostPort(Task task) {
        return task.containers().get(0).networkBindings().get(0).hostPort();
    }

    private static ContainerState container(Task task, String name) {
        return task.containers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("task " + task.taskId() + " has no container " + name));
    }
}
