package dev.berth.swarm;

import dev.berth.docker.internal.Labels;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.InstanceStatus;
import dev.berth.spi.BackendCapabilities;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.ContainerInstance;
import dev.berth.spi.ManagedServices;
import dev.berth.spi.ManagedTasks;
import dev.berth.spi.Subscription;
import dev.berth.spi.TaskChangePoller;
import dev.berth.spi.StartTaskRequest;
import dev.berth.swarm.internal.DefinitionSupport;
import dev.berth.swarm.internal.NodeInstances;
import dev.berth.swarm.internal.NodeUpdates;
import dev.berth.swarm.internal.Selectors;
import dev.berth.swarm.internal.SwarmApi;
import dev.berth.swarm.internal.SwarmManagedServices;
import dev.berth.swarm.internal.SwarmManagedTasks;
import dev.berth.swarm.internal.SwarmNode;
import dev.berth.swarm.internal.SwarmPlacement;
import dev.berth.swarm.internal.SwarmService;
import dev.berth.swarm.internal.SwarmTask;
import dev.berth.swarm.internal.SwarmTaskRuntime;
import dev.berth.swarm.internal.TaskLaunch;
import dev.berth.swarm.internal.TaskLogs;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Berth on Docker Swarm, through one of the swarm's managers. The swarm's nodes are the container instances (every
 * Berth cluster sees them all); a task's containers are Swarm services, labelled with the task's identity, so that
 * a new process reports and stops what an earlier one started.
 *
 * <pre>{@code
 * try (Berth berth = Berth.builder(SwarmBackend.create(SwarmBackendConfig.fromEnvironment())).build()) {
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Two modes.</b> In {@link SwarmBackendConfig.Mode#SWARM_MANAGED} (the default) {@link #capabilities()} tells
 * Berth that services are Swarm's: a Berth service is a Swarm service named {@code <cluster>_<service>}, REPLICA
 * replicated and DAEMON global, whose deployment bounds, circuit breaker, health check and placement become Swarm's
 * update config, rollback, health check, constraints and preferences ({@link #managedServices()}); RunTask places
 * through Swarm too ({@link #managedTasks()}). What Swarm cannot express is refused with the reason: binpack,
 * random, 'or' constraints, a service of several containers. In {@link SwarmBackendConfig.Mode#CLIENT_SCHEDULED}
 * Berth's scheduler and reconciler place every task: {@link #startTask} pins the task's containers to the chosen
 * node, so binpack, distinctInstance and the whole query language work.
 *
 * <p><b>Tasks.</b> Each container of a task is a Swarm service that runs one task and never restarts it, pinned to
 * the task's node; several containers share an overlay network of their own, find each other by name and link
 * alias, start in {@code dependsOn} order and stop in reverse order, each with its stopTimeout as Swarm's stop grace
 * period; an essential container's exit stops the others. A stop is recorded on the services and keeps them, so that
 * exit codes stay readable until {@link #forgetTask}. See {@code docs/backends.md} for what of ECS's task semantics
 * holds.
 *
 * <p><b>Instances.</b> Resources from each node's description, less what other clusters' and non-Berth tasks there
 * reserve; node labels (and engine labels as {@code engine.labels.<name>}) as attributes, the node label
 * {@code ecs.availability-zone} as the zone, {@code ecs.os-type} and {@code ecs.cpu-architecture} from the platform;
 * a node that is not ready has its agent disconnected, and one drained or paused is drained. Draining or activating
 * an instance through Berth sets the node's availability; putting or deleting custom attributes sets node labels,
 * so that Swarm's constraints see them too.
 *
 * <p><b>Not on Swarm.</b> Swarm cannot stop one task of a service: {@link #stopTask} of a Swarm-managed service's
 * task throws {@link UnsupportedOperationException} (scale or update the service instead). Task change signals are
 * polled ({@link SwarmBackendConfig#changePollInterval()}): a manager's event stream does not report tasks on other
 * nodes.
 */
public final class SwarmBackend implements ComputeBackend {

    private final SwarmBackendConfig config;
    private final SwarmApi api;
    private final SwarmTaskRuntime runtime;
    private final TaskLogs logs;
    private final TaskChangePoller changes;
    private final Optional<ManagedServices> managedServices;
    private final Optional<ManagedTasks> managedTasks;

    private SwarmBackend(SwarmBackendConfig config) {
        this.config = config;
        this.api = SwarmApi.connect(config.manager());
        this.runtime = new SwarmTaskRuntime(api, config);
        this.logs = new TaskLogs(api.clients(), config.manager().timeouts().call());
        this.changes = new TaskChangePoller("berth-swarm-task-changes", runtime::tasks,
                config.changePollInterval());
        boolean managed = config.mode() == SwarmBackendConfig.Mode.SWARM_MANAGED;
        this.managedServices = managed ? Optional.of(new SwarmManagedServices(api, config)) : Optional.empty();
        this.managedTasks = managed ? Optional.of(new SwarmManagedTasks(runtime, config)) : Optional.empty();
    }

    /**
     * @param config the manager and the backend's settings
     * @return a backend on that swarm; the manager is first contacted by the first call
     */
    public static SwarmBackend create(SwarmBackendConfig config) {
        return new SwarmBackend(Objects.requireNonNull(config, "config"));
    }

    /** @return the configuration */
    public SwarmBackendConfig config() {
        return config;
    }

    /** @return {@code swarm} */
    @Override
    public String name() {
        return "swarm";
    }

    /** @return services scheduled by Swarm in managed mode, by Berth in client-scheduled mode */
    @Override
    public BackendCapabilities capabilities() {
        return new BackendCapabilities(config.mode() == SwarmBackendConfig.Mode.SWARM_MANAGED);
    }

    /** @return in managed mode, Swarm's services; empty in client-scheduled mode */
    @Override
    public Optional<ManagedServices> managedServices() {
        return managedServices;
    }

    /** @return in managed mode, Swarm's placement of standalone tasks; empty in client-scheduled mode */
    @Override
    public Optional<ManagedTasks> managedTasks() {
        return managedTasks;
    }

    /**
     * @return every node of the swarm
     * @throws BackendUnavailableException if the manager cannot be reached, or its engine is not a swarm manager
     */
    @Override
    public List<ContainerInstance> containerInstances(String cluster) {
        List<SwarmNode> nodes = api.nodes();
        Set<String> ours = api.services(Selectors.cluster(config.manager().labels(), cluster)).stream()
                .map(SwarmService::id).collect(Collectors.toSet());
        Map<String, List<SwarmTask>> othersByNode = api.tasks().stream()
                .filter(t -> !t.isFinal() && !t.shutDownBySwarm() && !ours.contains(t.serviceId()))
                .collect(Collectors.groupingBy(SwarmTask::nodeId));
        return nodes.stream().map(n -> NodeInstances.of(n, othersByNode.getOrDefault(n.id(), List.of()))).toList();
    }

    /**
     * Records the task as PENDING and creates its containers' services on a worker thread. A definition Swarm cannot
     * run as ECS would (a restartPolicy, pidMode, ipcMode) gives a task STOPPED at once with
     * {@code TaskFailedToStart} and the reason, as a start that fails does.
     *
     * @throws ResourceNotFoundException if the swarm has no such node
     * @throws ConflictException if the node is not ready, or drained
     */
    @Override
    public Task startTask(StartTaskRequest request) {
        Optional<Task> known = runtime.known(request.cluster(), request.taskId());
        if (known.isPresent()) {
            return known.get();
        }
        SwarmNode node = api.nodes().stream().filter(n -> n.id().equals(request.instanceId())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("The swarm has no node '" + request.instanceId()
                        + "' to start task " + request.taskId() + " on"));
        if (!node.ready() || NodeInstances.drainedBySwarm(node)) {
            throw new ConflictException("Cannot start task " + request.taskId() + " on node " + node.hostname()
                    + " (" + node.id() + "): it is " + node.state() + " with availability " + node.availability());
        }
        changes.watch(request.cluster());
        TaskLaunch launch = new TaskLaunch(request.cluster(), request.taskId(), request.taskDefinition(),
                request.group(), request.startedBy(), request.overrides(), config.manager().clock().instant(),
                Optional.of(node.id()), SwarmPlacement.pinned(node.id()), config.manager().labels());
        try {
            DefinitionSupport.check(request.taskDefinition().definition(), false);
        } catch (InvalidSpecException refused) {
            return runtime.refuse(launch, "CannotStartContainerError: " + refused.getMessage());
        }
        return runtime.start(launch);
    }

    /**
     * Records the stop on the task's services and stops its containers in reverse dependency order on a worker
     * thread.
     *
     * @throws UnsupportedOperationException for a task of a Swarm-managed service: Swarm cannot stop one task of a
     *     service
     */
    @Override
    public void stopTask(String cluster, String taskId, StopCode stopCode, String reason) {
        if (!runtime.stop(cluster, taskId, stopCode, reason) && isManagedServiceTask(cluster, taskId)) {
            throw new UnsupportedOperationException("Swarm cannot stop one task of a service (task " + taskId
                    + "): scale the service or update it (forceNewDeployment replaces every task)");
        }
    }

    @Override
    public List<Task> tasks(String cluster) {
        changes.watch(cluster);
        return runtime.tasks(cluster);
    }

    @Override
    public void forgetTask(String cluster, String taskId) {
        runtime.forget(cluster, taskId);
    }

    /**
     * {@inheritDoc} Here: the Swarm task's logs through the manager, bounded by the call timeout.
     *
     * @throws ResourceNotFoundException if the cluster has no such task, or the task no such container (yet)
     */
    @Override
    public List<String> logs(String cluster, String taskId, String containerName, int tailLines) {
        if (tailLines < 1) {
            throw new IllegalArgumentException("tailLines must be >= 1, was " + tailLines);
        }
        return logs.tail(runtime.swarmTaskFor(cluster, taskId, containerName), tailLines);
    }

    /**
     * {@inheritDoc} Here: the Swarm task's log stream through the manager, without a read deadline.
     *
     * @throws ResourceNotFoundException if the cluster has no such task, or the task no such container (yet)
     */
    @Override
    public Subscription followLogs(String cluster, String taskId, String containerName, Consumer<String> lines) {
        return logs.follow(runtime.swarmTaskFor(cluster, taskId, containerName), lines);
    }

    /**
     * {@inheritDoc} Here: the clusters this backend was asked about are read every
     * {@link SwarmBackendConfig#changePollInterval()} while someone listens.
     */
    @Override
    public Subscription onTaskChange(Consumer<String> listener) {
        return changes.subscribe(listener);
    }

    /**
     * Sets the node's availability, so that Swarm places nothing new there either. DRAINING is, in managed mode,
     * Swarm's {@code drain}: Swarm moves its services' tasks off the node. In client-scheduled mode it is
     * {@code pause}: the tasks stay, and Berth's reconciler replaces its services' tasks there within their
     * deployment bounds, as ECS drains an instance. ACTIVE is {@code active}.
     *
     * @throws ResourceNotFoundException if the swarm has no such node
     */
    @Override
    public void instanceStatusChanged(String cluster, String instanceId, InstanceStatus status) {
        String availability = status != InstanceStatus.DRAINING ? "active"
                : config.mode() == SwarmBackendConfig.Mode.SWARM_MANAGED ? "drain" : "pause";
        NodeUpdates.availability(api, instanceId, availability);
    }

    /** Puts the attributes on the node as labels, where Swarm's constraints see them too. */
    @Override
    public void attributesPut(String cluster, String instanceId, Map<String, String> attributes) {
        NodeUpdates.putLabels(api, instanceId, attributes);
    }

    /** Removes the node labels of those names. */
    @Override
    public void attributesDeleted(String cluster, String instanceId, Set<String> names) {
        NodeUpdates.deleteLabels(api, instanceId, names);
    }

    /** Lets running starts and stops finish (up to the call timeout), then releases the manager's clients. */
    @Override
    public void close() {
        changes.close();
        runtime.close();
        api.close();
    }

    @Override
    public String toString() {
        return "SwarmBackend[" + config.manager().dockerHost() + ", " + config.mode() + "]";
    }

    private boolean isManagedServiceTask(String cluster, String taskId) {
        Set<String> managed = new HashSet<>();
        for (SwarmService s : api.services(Selectors.cluster(config.manager().labels(), cluster))) {
            if (!s.labels().containsKey(Labels.TASK)) {
                managed.add(s.id());
            }
        }
        return api.tasksOf(List.copyOf(managed)).stream().anyMatch(t -> t.id().equals(taskId));
    }
}
