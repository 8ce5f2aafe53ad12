package dev.berth.inmemory;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.HostPorts;
import dev.berth.model.NetworkMode;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.ContainerState;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mutable state of one simulated task, guarded by the backend's lock. Transitions that are due at a known
 * time (start, failed start, health, end of a stop) are applied by {@link #advance(Instant)} with the time they
 * were due, not the time they were observed, so the history depends on the clock only.
 */
final class SimulatedTask {

    private final StartTaskRequest request;
    private final Instant createdAt;
    /** The stopped reason it fails to start with, if it does. */
    private final Optional<String> startFailure;
    private final Duration healthyDelay;
    private final HostPorts heldPorts;
    /** In the task definition's order; an array, as every read of the cluster's tasks walks it. */
    private final SimulatedContainer[] containers;
    private TaskStatus lastStatus = TaskStatus.PENDING;
    private DesiredStatus desiredStatus = DesiredStatus.RUNNING;
    private Optional<Instant> runAt;
    private Optional<Instant> startedAt = Optional.empty();
    private Optional<Instant> stopAt = Optional.empty();
    private Optional<Instant> stoppedAt = Optional.empty();
    private Optional<StopCode> stopCode = Optional.empty();
    private Optional<String> stoppedReason = Optional.empty();
    private boolean stopWaitsForAgent;
    /** Its start was cut off by a killed process: nothing moves it on until a new process stops it. */
    private boolean startAbandoned;

    SimulatedTask(StartTaskRequest request, Instant createdAt, Duration startDelay, Optional<String> startFailure,
                  Duration healthyDelay, Map<String, List<NetworkBinding>> bindings) {
        this.request = request;
        this.createdAt = createdAt;
        this.runAt = Optional.of(createdAt.plus(startDelay));
        this.startFailure = startFailure;
        this.healthyDelay = healthyDelay;
        List<ContainerDefinition> definitions = request.taskDefinition().definition().containerDefinitions();
        this.containers = new SimulatedContainer[definitions.size()];
        HostPorts held = HostPorts.none();
        for (int i = 0; i < containers.length; i++) {
            List<NetworkBinding> bound = bindings.getOrDefault(definitions.get(i).name(), List.of());
            containers[i] = new SimulatedContainer(definitions.get(i), bound);
            for (NetworkBinding binding : bound) {
                held = held.plus(HostPorts.of(binding.protocol(), binding.hostPort()));
            }
        }
        this.heldPorts = holdsHostPorts(request.taskDefinition().definition().networkMode()) ? held : HostPorts.none();
    }

    private static boolean holdsHostPorts(NetworkMode mode) {
        return mode == NetworkMode.BRIDGE || mode == NetworkMode.HOST;
    }

    String instanceId() {
        return request.instanceId();
    }

    String taskId() {
        return request.taskId();
    }

    String group() {
        return request.group();
    }

    /** @return the names its containers resolve, as it was started with them */
    Map<String, String> hostEntries() {
        return request.hostEntries();
    }

    /** @return the host ports it holds on its instance until it is STOPPED */
    HostPorts heldPorts() {
        return heldPorts;
    }

    TaskStatus lastStatus() {
        return lastStatus;
    }

    boolean isLive() {
        return lastStatus.isLive();
    }

    boolean isStopRequested() {
        return desiredStatus == DesiredStatus.STOPPED;
    }

    boolean stopWaitsForAgent() {
        return stopWaitsForAgent;
    }

    boolean isStartAbandoned() {
        return startAbandoned;
    }

    /**
     * The process starting it was killed at {@code now}: every container created, and either none started or only
     * the first one. It stays PENDING.
     */
    void abandonStart(Instant now, boolean firstContainerStarted) {
        startAbandoned = true;
        runAt = Optional.empty();
        if (firstContainerStarted && containers.length > 1) {
            containers[0].run(now, healthyDelay);
        }
    }

    /** @return the container of that name, if the task has one */
    Optional<SimulatedContainer> container(String name) {
        for (SimulatedContainer container : containers) {
            if (container.name().equals(name)) {
                return Optional.of(container);
            }
        }
        return Optional.empty();
    }

    /** Applies every transition due by {@code now}, in order, each at the time it was due. */
    void advance(Instant now) {
        if (lastStatus == TaskStatus.PENDING && runAt.isPresent() && !runAt.get().isAfter(now)) {
            Instant at = runAt.get();
            runAt = Optional.empty();
            if (startFailure.isPresent()) {
                desiredStatus = DesiredStatus.STOPPED;
                stopCode = Optional.of(StopCode.TASK_FAILED_TO_START);
                stoppedReason = startFailure;
                finish(at, stoppedReason);
            } else {
                lastStatus = TaskStatus.RUNNING;
                startedAt = Optional.of(at);
                for (SimulatedContainer container : containers) {
                    container.run(at, healthyDelay);
                }
            }
        }
        if (lastStatus == TaskStatus.RUNNING) {
            for (SimulatedContainer container : containers) {
                container.checkHealth(now);
            }
        }
        if (lastStatus == TaskStatus.STOPPING && !stopAt.orElseThrow().isAfter(now)) {
            finish(stopAt.get(), Optional.empty());
        }
    }

    /**
     * Records a request to stop; the containers are stopped by {@link #beginStopping} now, or once the agent is
     * reachable again.
     */
    void requestStop(StopCode code, String reason) {
        desiredStatus = DesiredStatus.STOPPED;
        stopCode = Optional.of(code);
        stoppedReason = Optional.of(reason);
        stopWaitsForAgent = true;
    }

    /** The agent got the stop request at {@code now}: STOPPING, and STOPPED {@code stopDelay} later. */
    void beginStopping(Instant now, Duration stopDelay) {
        stopWaitsForAgent = false;
        startAbandoned = false;
        runAt = Optional.empty();
        lastStatus = TaskStatus.STOPPING;
        stopAt = Optional.of(now.plus(stopDelay));
    }

    /**
     * Its instance is gone at {@code now}: the task is STOPPED at once and its containers without exit codes. A
     * stop that was already requested keeps its code and reason.
     */
    void lose(Instant now, String reason) {
        if (!isStopRequested()) {
            desiredStatus = DesiredStatus.STOPPED;
            stoppedReason = Optional.of(reason);
        }
        for (SimulatedContainer container : containers) {
            if (container.isPending() || container.isRunning()) {
                container.stopWithoutExitCode(Optional.empty());
            }
        }
        finish(now, Optional.empty());
    }

    /**
     * STOPPED at {@code at}: running containers exit as SIGTERM'd, those that never ran stop with
     * {@code reasonForUnstarted}.
     */
    private void finish(Instant at, Optional<String> reasonForUnstarted) {
        for (SimulatedContainer c : containers) {
            if (c.isRunning()) {
                c.exit(InMemoryBackend.SIGTERM_EXIT_CODE);
            } else if (c.isPending()) {
                c.stopWithoutExitCode(reasonForUnstarted);
            }
        }
        lastStatus = TaskStatus.STOPPED;
        stopAt = Optional.empty();
        stoppedAt = Optional.of(at);
    }

    /** The task as the backend reports it; built on every read, so without streams (a cluster has many). */
    Task view() {
        List<HealthStatus> essentialHealth = new ArrayList<>(0);
        ContainerState[] states = new ContainerState[containers.length];
        for (int i = 0; i < containers.length; i++) {
            if (containers[i].essential() && containers[i].hasHealthCheck()) {
                essentialHealth.add(containers[i].health());
            }
            states[i] = containers[i].state();
        }
        return new Task(request.taskId(), request.cluster(), request.taskDefinition().arn(), request.instanceId(),
                request.group(), request.startedBy(), lastStatus, desiredStatus,
                HealthStatus.foldEssential(essentialHealth), List.of(states), createdAt, startedAt, stoppedAt, stopCode,
                stoppedReason);
    }
}
