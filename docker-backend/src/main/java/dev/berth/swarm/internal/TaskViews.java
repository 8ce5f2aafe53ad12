package dev.berth.swarm.internal;

import dev.berth.docker.internal.ContainerObservation;
import dev.berth.docker.internal.Labels;
import dev.berth.docker.internal.TaskObservation;
import dev.berth.docker.internal.TaskStates;
import dev.berth.model.Protocol;
import dev.berth.task.ContainerState;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Swarm's tasks as Berth's (pure). A container's run is its Swarm task: PENDING until it runs (a container with a
 * health check counts as RUNNING while Swarm waits for it to be healthy, {@code starting}), RUNNING while it runs
 * (HEALTHY once Swarm reports a checked container running, since Swarm reports it running only then), STOPPED in
 * any final state, with its exit code. A task of several containers folds them as the Docker backend does
 * ({@link TaskStates}), then adds what the swarm records: the stop Berth asked for, and a shutdown Swarm decided
 * by itself (a drained or lost node).
 */
public final class TaskViews {

    /** ECS's stop reason prefix for a container that could not be created or started. */
    static final String CANNOT_START = "CannotStartContainerError: ";
    /** Why a task stopped that Swarm shut down by itself. */
    static final String SWARM_SHUTDOWN = "Swarm shut the task down: ";

    private final Map<String, SwarmNode> nodes;
    private final Function<String, Optional<Instant>> runningSince;

    /**
     * @param nodes the swarm's nodes by id
     * @param runningSince when a Swarm task was first seen running, by its id, if it was
     */
    public TaskViews(Map<String, SwarmNode> nodes, Function<String, Optional<Instant>> runningSince) {
        this.nodes = Map.copyOf(nodes);
        this.runningSince = runningSince;
    }

    /**
     * @param cluster the cluster
     * @param runs the task's containers, one Swarm service each
     * @return the task as ECS would report it
     */
    public Task task(String cluster, List<ContainerRun> runs) {
        Map<String, String> labels = runs.get(0).service().labels();
        Optional<StopCode> code = runs.stream().map(r -> r.service().labels().get(SwarmLabels.STOP_CODE))
                .filter(Objects::nonNull).findFirst().flatMap(TaskViews::stopCode);
        Optional<String> reason = code.map(c -> runs.stream()
                .map(r -> r.service().labels().getOrDefault(SwarmLabels.STOP_REASON, ""))
                .filter(s -> !s.isEmpty()).findFirst().orElse(""));
        boolean stopRecorded = code.isPresent();
        List<ContainerObservation> containers = new ArrayList<>();
        for (String name : containerNames(labels, runs)) {
            containers.add(runs.stream().filter(r -> r.name().equals(name)).findFirst().map(this::container)
                    .orElseGet(() -> notCreated(name, stopRecorded)));
        }
        TaskObservation o = TaskStates.derive(labels, containers);
        Optional<ContainerRun> unstartable = runs.stream()
                .filter(r -> r.essential() && r.run().filter(SwarmTask::neverRan).isPresent()).findFirst();
        if (code.isEmpty() && unstartable.isPresent()) {
            code = Optional.of(StopCode.TASK_FAILED_TO_START);
            reason = Optional.of(CANNOT_START + unstartable.get().run().map(TaskViews::why).orElse(""));
        }
        if (code.isEmpty() && o.stopCode().isPresent()) {
            code = o.stopCode();
            reason = o.stoppedReason();
        }
        Optional<SwarmTask> shutDown = runs.stream().flatMap(r -> r.run().stream())
                .filter(t -> !t.isFinal() && t.shutDownBySwarm()).findFirst();
        if (code.isEmpty() && shutDown.isPresent()) {
            code = Optional.of(StopCode.SERVICE_SCHEDULER_INITIATED);
            reason = Optional.of(SWARM_SHUTDOWN + shutdownCause(shutDown.get()));
        }
        boolean stopWanted = code.isPresent() || o.desiredStatus() == DesiredStatus.STOPPED;
        TaskStatus last = o.lastStatus() == TaskStatus.RUNNING && stopWanted ? TaskStatus.STOPPING : o.lastStatus();
        String instance = labels.getOrDefault(SwarmLabels.NODE, runs.stream().flatMap(r -> r.run().stream())
                .map(SwarmTask::nodeId).filter(n -> !n.isEmpty()).findFirst().orElse(""));
        return new Task(o.taskId(), cluster, o.taskDefinitionArn(), instance, o.group(), o.startedBy(), last,
                stopWanted ? DesiredStatus.STOPPED : DesiredStatus.RUNNING, o.health(),
                containers.stream().map(ContainerObservation::toState).toList(), o.createdAt(), o.startedAt(),
                last == TaskStatus.STOPPED ? o.stoppedAt() : Optional.empty(),
                code, reason.map(TaskViews::bounded));
    }

    /**
     * @param cluster the cluster
     * @param service a Berth service that Swarm keeps (managed mode)
     * @param run one of its Swarm tasks
     * @return that Swarm task as a Berth task of one container, under the Swarm task's id
     */
    public Task serviceTask(String cluster, SwarmService service, SwarmTask run) {
        Map<String, String> labels = run.containerLabels();
        ContainerObservation c = observe(labels.getOrDefault(Labels.CONTAINER, service.name()), true,
                Optional.of(run), service.ingressPorts());
        boolean stopWanted = run.shutDownBySwarm() || run.isFinal();
        TaskStatus last = c.status() == TaskStatus.RUNNING && stopWanted ? TaskStatus.STOPPING : c.status();
        Optional<StopCode> code = Optional.empty();
        Optional<String> reason = Optional.empty();
        if (run.state().equals("rejected") || run.neverRan()) {
            code = Optional.of(StopCode.TASK_FAILED_TO_START);
            reason = Optional.of(CANNOT_START + why(run));
        } else if (run.state().equals("failed") || run.state().equals("complete")) {
            code = Optional.of(StopCode.ESSENTIAL_CONTAINER_EXITED);
            reason = Optional.of(TaskStates.ESSENTIAL_EXITED_REASON);
        } else if (stopWanted) {
            code = Optional.of(StopCode.SERVICE_SCHEDULER_INITIATED);
            reason = Optional.of(SWARM_SHUTDOWN + shutdownCause(run));
        }
        return new Task(run.id(), cluster, labels.getOrDefault(Labels.TASK_DEFINITION, ""), run.nodeId(),
                labels.getOrDefault(Labels.GROUP, ""), labels.getOrDefault(Labels.STARTED_BY, ""), last,
                stopWanted ? DesiredStatus.STOPPED : DesiredStatus.RUNNING, c.hasHealthCheck() ? c.health()
                        : HealthStatus.UNKNOWN, List.of(c.toState()), run.createdAt(), c.startedAt(),
                last == TaskStatus.STOPPED ? c.finishedAt() : Optional.empty(), code, reason.map(TaskViews::bounded));
    }

    /**
     * @param r a container of a task
     * @return its state, for the task and for its dependents' conditions
     */
    public ContainerObservation container(ContainerRun r) {
        return observe(r.name(), r.essential(), r.run(), r.service().ingressPorts());
    }

    /** @return a container whose service was not created (yet): PENDING, or STOPPED once the task is stopped */
    private static ContainerObservation notCreated(String name, boolean taskStopped) {
        return new ContainerObservation(name, "", false, taskStopped ? TaskStatus.STOPPED : TaskStatus.PENDING,
                HealthStatus.UNKNOWN, false, OptionalInt.empty(),
                taskStopped ? Optional.of("The container was not started") : Optional.empty(), List.of(),
                Optional.empty(), Optional.empty());
    }

    /** @return the task's containers in definition order, as its label lists them (else the services found) */
    private static List<String> containerNames(Map<String, String> labels, List<ContainerRun> runs) {
        String listed = labels.getOrDefault(SwarmLabels.CONTAINERS, "");
        if (listed.isEmpty()) {
            return runs.stream().sorted(Comparator.comparingInt(ContainerRun::dependencyLevel))
                    .map(ContainerRun::name).toList();
        }
        return List.of(listed.split(","));
    }

    /**
     * @param ingress the ports the service publishes through the routing mesh: the task is reached at them too, on
     *     its node's address as on any other
     */
    private ContainerObservation observe(String name, boolean essential, Optional<SwarmTask> run,
                                         List<SwarmTask.PublishedPort> ingress) {
        if (run.isEmpty()) {
            return new ContainerObservation(name, "", essential, TaskStatus.PENDING, HealthStatus.UNKNOWN, false,
                    OptionalInt.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        }
        SwarmTask t = run.get();
        boolean checkedAndStarting = t.healthChecked() && t.state().equals("starting");
        TaskStatus status = t.isFinal() ? TaskStatus.STOPPED
                : t.running() || checkedAndStarting ? TaskStatus.RUNNING : TaskStatus.PENDING;
        HealthStatus health = !t.healthChecked() ? HealthStatus.UNKNOWN
                : t.running() ? HealthStatus.HEALTHY
                : t.isFinal() && why(t).contains("unhealthy") ? HealthStatus.UNHEALTHY : HealthStatus.UNKNOWN;
        Optional<Instant> startedAt = status == TaskStatus.RUNNING
                ? Optional.of(runningSince.apply(t.id()).orElse(t.statusAt()))
                : t.isFinal() && t.exitCode().isPresent()
                        // it ran; if it ran and ended between two reads, its creation is the best bound known
                        ? Optional.of(runningSince.apply(t.id()).orElse(t.createdAt()))
                        : Optional.empty();
        String address = Optional.ofNullable(nodes.get(t.nodeId())).map(SwarmNode::address).orElse("0.0.0.0");
        List<NetworkBinding> ports = status == TaskStatus.RUNNING ? Stream.concat(t.ports().stream(),
                        ingress.stream())
                .map(p -> new NetworkBinding(p.targetPort(), p.publishedPort(),
                        p.protocol().equals("udp") ? Protocol.UDP : Protocol.TCP, address))
                .toList() : List.of();
        return new ContainerObservation(name, t.id(), essential, status, health, t.healthChecked(), t.exitCode(),
                t.isFinal() ? Optional.of(bounded(why(t))) : Optional.empty(), ports, startedAt,
                t.isFinal() ? Optional.of(t.statusAt()) : Optional.empty());
    }

    private String shutdownCause(SwarmTask t) {
        SwarmNode node = nodes.get(t.nodeId());
        if (node == null) {
            return "its node " + t.nodeId() + " left the swarm";
        }
        if (!node.ready()) {
            return "its node " + node.hostname() + " (" + node.id() + ") is " + node.state();
        }
        if (node.draining()) {
            return "its node " + node.hostname() + " (" + node.id() + ") is draining";
        }
        return t.message().isEmpty() ? "desired state " + t.desiredState() : t.message();
    }

    private static String why(SwarmTask t) {
        return t.error().isEmpty() ? t.message() : t.error();
    }

    private static Optional<StopCode> stopCode(String ecsName) {
        for (StopCode c : StopCode.values()) {
            if (c.ecsName().equals(ecsName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static String bounded(String reason) {
        return reason.length() > 1024 ? reason.substring(0, 1024) : reason;
    }
}
