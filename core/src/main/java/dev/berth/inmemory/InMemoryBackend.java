package dev.berth.inmemory;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerOverride;
import dev.berth.model.HostPorts;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.TaskDefinition;
import dev.berth.spi.BackendCapabilities;
import dev.berth.spi.ClusterChangeFeed;
import dev.berth.spi.ClusterChanges;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.ContainerInstance;
import dev.berth.spi.LoadBalancing;
import dev.berth.spi.StartTaskRequest;
import dev.berth.spi.Subscription;
import dev.berth.task.HealthCheckRun;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A {@link ComputeBackend} that simulates container instances and tasks in memory. Everything it reports follows
 * from the calls made on it and from its {@link Clock}, so a test that moves a clock by hand gets the same history
 * on every run. It passes the same backend contract as the real backends.
 *
 * <h2>Lifecycle of a task</h2>
 * <ul>
 *   <li>{@link #startTask} records it PENDING at the clock's time, every container PENDING.</li>
 *   <li>It is RUNNING from {@code createdAt + startDelay} on, with {@code startedAt} exactly that time. With the
 *       default delay of zero, the first observation at or after creation sees it RUNNING.</li>
 *   <li>A container with a health check is HEALTHY from {@code startedAt + healthyDelay} on, unless
 *       {@link #setHealth} said otherwise first. The task's health is
 *       {@link HealthStatus#foldEssential folded} from its essential containers with health checks.</li>
 *   <li>{@link #stopTask} makes it STOPPING at once and STOPPED {@code stopDelay} later. Containers that ran stop
 *       with exit code {@value #SIGTERM_EXIT_CODE} (128 + SIGTERM, what {@code docker stop} reports); containers
 *       that never ran stop without an exit code.</li>
 *   <li>Ports are bound when the task starts and held until it is STOPPED: static host ports as mapped (the
 *       backend does not check conflicts; placement is Berth's scheduler's job), dynamic ones (host port 0 in
 *       {@code bridge} mode) the lowest free port of the instance from {@value #FIRST_DYNAMIC_PORT} upward, skipping
 *       the instance's reserved ports. In {@code host} and {@code awsvpc} mode the host port is the container
 *       port; {@code awsvpc} tasks hold no host port because each has its own network interface. A container
 *       reports its bindings while it runs.</li>
 * </ul>
 * A transition is applied when someone next looks, but stamped with the time it was due, so how often a test
 * observes never changes the history.
 *
 * <h2>Knobs</h2>
 * {@link #startDelay}, {@link #healthyDelay} and {@link #stopDelay} set the simulated durations;
 * {@link #failStarts} makes starts fail; {@link #exitContainer}, {@link #setHealth} and {@link #recordHealthCheck}
 * act on running containers; {@link #disconnect}, {@link #reconnect} and {@link #removeInstance} act on instances; {@link #appendLog}
 * makes a running container write a line.
 *
 * <h2>A killed process</h2>
 * {@link #killDuringNext} simulates the Berth process killed in the middle of its next task start or stop, leaving
 * what a real engine keeps ({@link Interruption}): containers created and never started, a task half started, a stop
 * recorded and never signalled. From then on every call fails, as the process is gone, until
 * {@link #restartProcess} stands for a new process on the same engine: like the Docker backend, it stops each
 * abandoned start as failed to start and signals each recorded stop.
 *
 * <h2>Logs and change signals</h2>
 * A container's log is what {@link #appendLog} wrote to it; {@link #followLogs} hands each new line to its
 * listener on the thread that appended it, and ends when the container stops. {@link #onTaskChange} listeners
 * hear of the changes made through the knobs that act on running containers and instances
 * ({@link #exitContainer}, {@link #setHealth}, {@link #disconnect}, {@link #reconnect}, {@link #removeInstance}),
 * on the calling thread; changes that follow from the clock are not signalled, they are seen when observed.
 *
 * <p>The backend neither places tasks nor checks capacity. Instance ids are unique across clusters. All methods
 * are thread-safe; {@link #close()} releases nothing and the backend stays usable.
 */
public final class InMemoryBackend implements ComputeBackend {

    /** The first port handed out for a dynamic port mapping, the start of Linux's ephemeral range. */
    public static final int FIRST_DYNAMIC_PORT = 49153;
    /** The last port handed out for a dynamic port mapping. */
    public static final int LAST_DYNAMIC_PORT = 65535;
    /** Exit code of a container stopped by a stop request: 128 + 15 (SIGTERM). */
    public static final int SIGTERM_EXIT_CODE = 143;
    /** ECS's {@code stoppedReason} when an essential container exited. */
    public static final String ESSENTIAL_CONTAINER_EXITED_REASON = "Essential container in task exited";
    /** {@code stoppedReason} of a task (and reason of its containers) that {@link #failStarts} made fail. */
    public static final String FAILED_START_REASON =
            "CannotStartContainerError: start failure injected by InMemoryBackend.failStarts";
    /** ECS's {@code stoppedReason} of the tasks left on an instance that was {@link #removeInstance removed}. */
    public static final String INSTANCE_REMOVED_REASON = "Container instance deregistration forced by user";

    /** What a Berth process killed in the middle of a task's start or stop leaves behind on the engine. */
    public enum Interruption {
        /** Killed between creating the task's containers and starting the first one. */
        CREATED_NOT_STARTED,
        /** Killed between starting the task's first container and its others (one container: none started). */
        HALF_STARTED,
        /** Killed after the stop was recorded on the engine and before any container got its signal. */
        STOP_RECORDED_NOT_SIGNALLED
    }

    private static final String BIND_IP = "0.0.0.0";

    private final Clock clock;
    private final Map<String, PlacedInstance> instances = new LinkedHashMap<>();
    private final Map<String, Map<String, SimulatedTask>> tasksByCluster = new HashMap<>();
    /** The same tasks by cluster, then group: a service pass reads only its own group. */
    private final Map<String, Map<String, Map<String, SimulatedTask>>> tasksByGroup = new HashMap<>();
    private Predicate<StartTaskRequest> failingStarts = request -> false;
    private String failingStartReason = FAILED_START_REASON;
    private Duration startDelay = Duration.ZERO;
    private Duration healthyDelay = Duration.ZERO;
    private Duration stopDelay = Duration.ZERO;
    private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();
    private final SimulatedLoadBalancing loadBalancing;
    private Predicate<String> failingTargets = taskId -> false;
    private final List<String> stopsBeforeDrained = new ArrayList<>();
    private Interruption nextInterruption;
    private boolean processKilled;
    private final ChangeLog changeLog = new ChangeLog(ChangeLog.CAPACITY);
    /**
     * Per cluster, the tasks changed since the feed last saw them RUNNING or STOPPED: the only ones that may stop
     * with time alone (a start that fails, the end of a stop).
     */
    private final Map<String, Set<String>> unsettled = new HashMap<>();

    private final ClusterChangeFeed feed = new ClusterChangeFeed() {
        @Override
        public long cursor(String cluster) {
            synchronized (InMemoryBackend.this) {
                requireProcessAlive();
                return changeLog.cursor();
            }
        }

        @Override
        public Optional<ClusterChanges> since(String cluster, long cursor) {
            synchronized (InMemoryBackend.this) {
                requireProcessAlive();
                settle(cluster);
                return changeLog.changedSince(cluster, cursor).map(ids -> changes(cluster, ids));
            }
        }
    };

    private InMemoryBackend(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.loadBalancing = new SimulatedLoadBalancing(this, clock, this::targetPasses);
    }

    /**
     * @param clock the only source of time of the backend; tests pass one they move by hand
     * @return a backend without instances or tasks
     */
    public static InMemoryBackend create(Clock clock) {
        return new InMemoryBackend(clock);
    }

    /**
     * Starts describing an instance for {@link #addInstance(String, InstanceBuilder)}.
     *
     * @param id the instance's id, unique in the backend
     * @return a builder with 1,024 CPU units, 2,048 MiB, ECS's default reserved ports and the attributes
     *     {@code ecs.os-type=linux} and {@code ecs.cpu-architecture=x86_64}
     */
    public static InstanceBuilder instance(String id) {
        return new InstanceBuilder(id);
    }

    // ----------------------------------------------------------------------------------------------- instances

    /**
     * Adds an instance, registered now, to a cluster.
     *
     * @param cluster the cluster's name
     * @param instance what to add
     * @return the instance as {@link #containerInstances} reports it
     * @throws ConflictException if an instance with that id exists, in any cluster
     */
    public synchronized ContainerInstance addInstance(String cluster, InstanceBuilder instance) {
        ContainerInstance added = instance.build(clock.instant());
        addInstance(cluster, added);
        return added;
    }

    /**
     * Adds an instance to a cluster as given, connected or not.
     *
     * @param cluster the cluster's name
     * @param instance what to add
     * @throws ConflictException if an instance with that id exists, in any cluster
     */
    public synchronized void addInstance(String cluster, ContainerInstance instance) {
        Objects.requireNonNull(cluster, "cluster");
        if (instances.containsKey(instance.id())) {
            throw new ConflictException("Container instance '" + instance.id() + "' already exists in cluster '"
                    + instances.get(instance.id()).cluster() + "'; instance ids are unique in the backend");
        }
        instances.put(instance.id(), new PlacedInstance(cluster, instance));
        changeLog.everythingChanged(cluster);
    }

    /**
     * The instance's agent loses its connection: no task can start there, and its tasks keep the state they had
     * at this moment. Their containers go on as they would (see {@link #reconnect}). Disconnecting a disconnected
     * instance does nothing.
     *
     * @param instanceId the instance
     * @throws ResourceNotFoundException if there is no such instance
     */
    public synchronized void disconnect(String instanceId) {
        PlacedInstance placed = requireInstance(instanceId);
        advance(placed.cluster());
        instances.put(instanceId, placed.withAgentConnected(false));
        changeLog.everythingChanged(placed.cluster());
        signalChange(placed.cluster());
    }

    /**
     * The instance's agent is connected again. Its tasks catch up: what became due while it was away (a start, a
     * health result, the end of a stop) is reported with the time it was due, and stops requested meanwhile begin
     * now. Reconnecting a connected instance does nothing.
     *
     * @param instanceId the instance
     * @throws ResourceNotFoundException if there is no such instance
     */
    public synchronized void reconnect(String instanceId) {
        PlacedInstance placed = requireInstance(instanceId);
        instances.put(instanceId, placed.withAgentConnected(true));
        advance(placed.cluster());
        Instant now = clock.instant();
        tasksOn(placed).filter(t -> t.stopWaitsForAgent() && t.isLive()).forEach(t -> {
            t.beginStopping(now, stopDelay);
            taskChanged(placed.cluster(), t.taskId());
        });
        changeLog.everythingChanged(placed.cluster());
        signalChange(placed.cluster());
    }

    /**
     * The instance is gone, as when its host is terminated. Its tasks that are not STOPPED are STOPPED now
     * without exit codes; those nobody asked to stop get the reason {@value #INSTANCE_REMOVED_REASON} and no stop
     * code (none of {@link StopCode}'s values fits). They stay listed until forgotten.
     *
     * @param instanceId the instance
     * @throws ResourceNotFoundException if there is no such instance
     */
    public synchronized void removeInstance(String instanceId) {
        PlacedInstance placed = requireInstance(instanceId);
        advance(placed.cluster());
        Instant now = clock.instant();
        tasksOn(placed).filter(SimulatedTask::isLive).forEach(t -> t.lose(now, INSTANCE_REMOVED_REASON));
        instances.remove(instanceId);
        changeLog.everythingChanged(placed.cluster());
        signalChange(placed.cluster());
    }

    // --------------------------------------------------------------------------------------------------- knobs

    /**
     * Kills the simulated Berth process in the middle of its next task start ({@link Interruption#CREATED_NOT_STARTED},
     * {@link Interruption#HALF_STARTED}) or stop ({@link Interruption#STOP_RECORDED_NOT_SIGNALLED}): that call
     * leaves its half-done work and throws, and so does every call after it until {@link #restartProcess}.
     *
     * @param what where the process dies
     */
    public synchronized void killDuringNext(Interruption what) {
        nextInterruption = Objects.requireNonNull(what, "what");
    }

    /**
     * A new Berth process on the same engine after a {@link #killDuringNext kill}: calls work again, a kill still
     * pending is dropped, each task whose start was abandoned is stopped with {@link StopCode#TASK_FAILED_TO_START}
     * and {@link Task#ABANDONED_START_REASON}, and each recorded stop whose task still runs is signalled.
     */
    public synchronized void restartProcess() {
        processKilled = false;
        nextInterruption = null;
        Instant now = clock.instant();
        for (Map.Entry<String, Map<String, SimulatedTask>> cluster : tasksByCluster.entrySet()) {
            for (SimulatedTask task : cluster.getValue().values()) {
                if (!isConnected(task.instanceId())) {
                    continue;
                }
                if (task.isStartAbandoned()) {
                    task.requestStop(StopCode.TASK_FAILED_TO_START, Task.ABANDONED_START_REASON);
                    task.beginStopping(now, stopDelay);
                    taskChanged(cluster.getKey(), task.taskId());
                } else if (task.stopWaitsForAgent() && task.isLive()) {
                    task.beginStopping(now, stopDelay);
                    taskChanged(cluster.getKey(), task.taskId());
                }
            }
        }
    }

    /**
     * How long tasks started from now on stay PENDING before they run (or fail to start). Default zero.
     *
     * @param delay zero or more
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public synchronized void startDelay(Duration delay) {
        startDelay = requireNotNegative(delay, "startDelay");
    }

    /**
     * How long after it runs a health-checked container of a task started from now on turns HEALTHY. Default
     * zero.
     *
     * @param delay zero or more
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public synchronized void healthyDelay(Duration delay) {
        healthyDelay = requireNotNegative(delay, "healthyDelay");
    }

    /**
     * How long tasks asked to stop from now on stay STOPPING. Default zero.
     *
     * @param delay zero or more
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public synchronized void stopDelay(Duration delay) {
        stopDelay = requireNotNegative(delay, "stopDelay");
    }

    /**
     * Makes the tasks started from now on whose request matches fail to start: when they would have run they
     * are STOPPED instead, with {@link StopCode#TASK_FAILED_TO_START}, the reason {@value #FAILED_START_REASON}
     * and no {@code startedAt}. Replaces the previous predicate; {@code failStarts(request -> false)} turns it
     * off.
     *
     * @param which the starts that fail
     */
    public synchronized void failStarts(Predicate<StartTaskRequest> which) {
        failStarts(which, FAILED_START_REASON);
    }

    /**
     * As {@link #failStarts(Predicate)}, with the stopped reason a real backend would give, e.g. {@code
     * CannotPullContainerError: ...} for an image that cannot be pulled.
     *
     * @param which the starts that fail
     * @param reason their stopped reason
     */
    public synchronized void failStarts(Predicate<StartTaskRequest> which, String reason) {
        failingStarts = Objects.requireNonNull(which, "which");
        failingStartReason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * A running container exits now with {@code exitCode}. If it is essential and the task was not already asked
     * to stop, the task stops as if by {@link #stopTask} with {@link StopCode#ESSENTIAL_CONTAINER_EXITED} and the
     * reason {@value #ESSENTIAL_CONTAINER_EXITED_REASON}, its other containers exiting with
     * {@value #SIGTERM_EXIT_CODE}. A non-essential container's exit changes nothing else.
     *
     * @param cluster the cluster's name
     * @param taskId the task's id
     * @param containerName the container's name
     * @param exitCode its exit code
     * @throws ResourceNotFoundException if the cluster has no such task
     * @throws IllegalArgumentException if the task has no such container
     * @throws IllegalStateException if the container is not running, or the task's instance is disconnected
     */
    public synchronized void exitContainer(String cluster, String taskId, String containerName, int exitCode) {
        SimulatedTask task = requireReachableTask(cluster, taskId);
        SimulatedContainer container = requireRunningContainer(task, taskId, containerName);
        container.exit(exitCode);
        if (container.essential() && !task.isStopRequested()) {
            task.requestStop(StopCode.ESSENTIAL_CONTAINER_EXITED, ESSENTIAL_CONTAINER_EXITED_REASON);
            task.beginStopping(clock.instant(), stopDelay);
            taskChanged(cluster, taskId);
        }
        signalChange(cluster);
    }

    /**
     * Sets the health of a running, health-checked container from now on; its scheduled HEALTHY no longer
     * applies.
     *
     * @param cluster the cluster's name
     * @param taskId the task's id
     * @param containerName the container's name
     * @param health its new health
     * @throws ResourceNotFoundException if the cluster has no such task
     * @throws IllegalArgumentException if the task has no such container or it has no health check
     * @throws IllegalStateException if the container is not running, or the task's instance is disconnected
     */
    public synchronized void setHealth(String cluster, String taskId, String containerName, HealthStatus health) {
        Objects.requireNonNull(health, "health");
        SimulatedTask task = requireReachableTask(cluster, taskId);
        SimulatedContainer container = requireRunningContainer(task, taskId, containerName);
        if (!container.hasHealthCheck()) {
            throw new IllegalArgumentException("Container '" + containerName + "' of task '" + taskId
                    + "' has no health check, so its health is always UNKNOWN");
        }
        container.setHealth(health);
        signalChange(cluster);
    }

    /**
     * Records a run of a running container's health check at the clock's time, as an engine reports it in the
     * container's state (the last five are kept); its health stays as it is ({@link #setHealth} changes it).
     *
     * @param cluster the cluster's name
     * @param taskId the task's id
     * @param containerName the container's name
     * @param exitCode what the check returned, e.g. 127 for a command not found
     * @param output what it printed
     * @throws ResourceNotFoundException if the cluster has no such task
     * @throws IllegalArgumentException if the task has no such container or it has no health check
     * @throws IllegalStateException if the container is not running, or the task's instance is disconnected
     */
    public synchronized void recordHealthCheck(String cluster, String taskId, String containerName, int exitCode,
                                               String output) {
        SimulatedTask task = requireReachableTask(cluster, taskId);
        SimulatedContainer container = requireRunningContainer(task, taskId, containerName);
        if (!container.hasHealthCheck()) {
            throw new IllegalArgumentException("Container '" + containerName + "' of task '" + taskId
                    + "' has no health check to run");
        }
        container.recordHealthCheck(new HealthCheckRun(clock.instant(), exitCode, output));
        signalChange(cluster);
    }

    /**
     * A running container writes one line to its log; those who {@link #followLogs follow} it receive the line
     * on this thread, after the backend's lock is released.
     *
     * @param cluster the cluster's name
     * @param taskId the task's id
     * @param containerName the container's name
     * @param line the line, without its terminator
     * @throws ResourceNotFoundException if the cluster has no such task
     * @throws IllegalArgumentException if the task has no such container
     * @throws IllegalStateException if the container is not running, or the task's instance is disconnected
     */
    public void appendLog(String cluster, String taskId, String containerName, String line) {
        Objects.requireNonNull(line, "line");
        List<Consumer<String>> followers;
        synchronized (this) {
            SimulatedTask task = requireReachableTask(cluster, taskId);
            followers = requireRunningContainer(task, taskId, containerName).output().append(line);
        }
        followers.forEach(f -> f.accept(line));
    }

    // ------------------------------------------------------------------------------------------ load balancing

    /**
     * Makes the health checks of the matching tasks' targets fail from now on (replaces the previous predicate);
     * other targets pass their checks while their task is RUNNING and not asked to stop.
     *
     * @param taskIds the tasks whose targets fail
     */
    public synchronized void failTargetChecks(Predicate<String> taskIds) {
        failingTargets = Objects.requireNonNull(taskIds, "taskIds");
    }

    /**
     * A client opens a connection through a target group's balancer: it goes to a routed target (a healthy one,
     * round robin; an unhealthy one when none is healthy) and stays open until {@link #closeConnection}.
     *
     * @param targetGroupArn the target group
     * @return the task the connection reached; empty when no target is routed (a real client would get a 503)
     * @throws ResourceNotFoundException if no balancer of that group is open
     */
    public synchronized Optional<String> openConnection(String targetGroupArn) {
        SimulatedTargetGroup group = loadBalancing.group(targetGroupArn).orElseThrow(() ->
                new ResourceNotFoundException("No target group " + targetGroupArn + " is open"));
        group.advance(clock.instant(), this::targetPasses);
        return group.connect(this::accepts);
    }

    /**
     * Closes a connection {@link #openConnection} opened.
     *
     * @param targetGroupArn the target group
     * @param taskId the task it reached
     */
    public synchronized void closeConnection(String targetGroupArn, String taskId) {
        loadBalancing.group(targetGroupArn).ifPresent(g -> g.disconnect(taskId));
    }

    /**
     * A task connects to {@code dnsName:port}, as a caller resolving a Service Connect name does: the name resolves
     * only if the task was started with it among its host entries (the names of its namespace when it started), and
     * the connection goes to one of the tasks the endpoint there routes to now. It stays open until
     * {@link #closeConnectionByName}.
     *
     * @param cluster the caller's cluster
     * @param callerTaskId the calling task
     * @param dnsName the name
     * @param port the port
     * @return the task the connection reached; empty when the caller does not resolve the name or the name routes
     *     to no task
     * @throws ResourceNotFoundException if the cluster has no such calling task
     */
    public synchronized Optional<String> connectByName(String cluster, String callerTaskId, String dnsName, int port) {
        return endpointFor(cluster, callerTaskId, dnsName, port).flatMap(e -> e.connect(this::accepts));
    }

    /**
     * Closes a connection {@link #connectByName} opened.
     *
     * @param cluster the caller's cluster
     * @param callerTaskId the calling task
     * @param dnsName the name
     * @param port the port
     * @param taskId the task it reached
     */
    public synchronized void closeConnectionByName(String cluster, String callerTaskId, String dnsName, int port,
                                                   String taskId) {
        endpointFor(cluster, callerTaskId, dnsName, port).ifPresent(e -> e.disconnect(taskId));
    }

    /**
     * @param cluster the cluster's name
     * @param taskId a task
     * @return the names the task was started with and the addresses they resolve to
     * @throws ResourceNotFoundException if the cluster has no such task
     */
    public synchronized Map<String, String> hostEntries(String cluster, String taskId) {
        SimulatedTask task = clusterTasks(cluster).get(taskId);
        if (task == null) {
            throw new ResourceNotFoundException("Task '" + taskId + "' is not in cluster '" + cluster + "'");
        }
        return task.hostEntries();
    }

    private Optional<SimulatedEndpoint> endpointFor(String cluster, String callerTaskId, String dnsName, int port) {
        return Optional.ofNullable(hostEntries(cluster, callerTaskId).get(dnsName))
                .flatMap(address -> loadBalancing.endpointAt(address, port));
    }

    /**
     * @return each stop signal that reached a task while a target group had not drained it or a Service Connect
     *     name still routed to it or held a connection to it, with why; Berth never sends one
     */
    public synchronized List<String> stopsBeforeDrained() {
        return List.copyOf(stopsBeforeDrained);
    }

    /** Whether a task's containers run and take connections: it is RUNNING. */
    private boolean accepts(String taskId) {
        return findTask(taskId).map(t -> t.lastStatus() == TaskStatus.RUNNING).orElse(false);
    }

    private Optional<SimulatedTask> findTask(String taskId) {
        for (Map<String, SimulatedTask> tasks : tasksByCluster.values()) {
            SimulatedTask task = tasks.get(taskId);
            if (task != null) {
                advance(task);
                return Optional.of(task);
            }
        }
        return Optional.empty();
    }

    private boolean targetPasses(String taskId) {
        return !failingTargets.test(taskId) && findTask(taskId)
                .map(t -> t.lastStatus() == TaskStatus.RUNNING && !t.isStopRequested()).orElse(false);
    }

    // ----------------------------------------------------------------------------------------------------- SPI

    /**
     * {@inheritDoc} Here: target groups and Service Connect endpoints simulated on the backend's clock. A target
     * is checked when it is registered and every interval after; a check passes while its task is RUNNING and not
     * asked to stop, unless {@link #failTargetChecks} says otherwise. A deregistered target drains until the
     * connections {@link #openConnection} opened to it are closed or the delay ends. No group has a listener.
     */
    @Override
    public Optional<LoadBalancing> loadBalancing() {
        return Optional.of(loadBalancing);
    }

    /** @return {@code in-memory} */
    @Override
    public String name() {
        return "in-memory";
    }

    /** @return a backend that runs only what Berth tells it */
    @Override
    public BackendCapabilities capabilities() {
        return BackendCapabilities.runsWhatItIsTold();
    }

    /**
     * {@inheritDoc} Here every change of a task is logged as it happens (the last {@value ChangeLog#CAPACITY} per
     * cluster are kept), also a stop that ends with time alone; a change of an instance (added, removed, its agent
     * lost or back) makes readers read the whole cluster.
     */
    @Override
    public Optional<ClusterChangeFeed> changeFeed() {
        return Optional.of(feed);
    }

    /** @return the cluster's instances in the order they were added; none for an unknown cluster */
    @Override
    public synchronized List<ContainerInstance> containerInstances(String cluster) {
        return instances.values().stream()
                .filter(p -> p.cluster().equals(cluster))
                .map(PlacedInstance::instance)
                .toList();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here the task is PENDING when this returns, unless the id existed.
     *
     * @throws ResourceNotFoundException if the instance is unknown or in another cluster
     * @throws ConflictException if the instance's agent is disconnected
     * @throws InvalidSpecException if an override names a container the task definition does not have
     * @throws BerthException if no dynamic host port is left on the instance
     */
    @Override
    public synchronized Task startTask(StartTaskRequest request) {
        requireProcessAlive();
        SimulatedTask existing = clusterTasks(request.cluster()).get(request.taskId());
        if (existing != null) {
            advance(existing);
            return existing.view();
        }
        PlacedInstance placed = instances.get(request.instanceId());
        if (placed == null || !placed.cluster().equals(request.cluster())) {
            throw new ResourceNotFoundException("Cannot start task '" + request.taskId() + "': container instance '"
                    + request.instanceId() + "' is not in cluster '" + request.cluster()
                    + "' of the in-memory backend; add it with addInstance");
        }
        if (!placed.instance().agentConnected()) {
            throw new ConflictException("Cannot start task '" + request.taskId() + "': the agent of container instance '"
                    + request.instanceId() + "' is disconnected; reconnect it or start the task elsewhere");
        }
        checkOverrides(request);
        SimulatedTask task = new SimulatedTask(request, clock.instant(), startDelay,
                failingStarts.test(request) ? Optional.of(failingStartReason) : Optional.empty(),
                healthyDelay, bindPorts(request, placed));
        tasksByCluster.computeIfAbsent(request.cluster(), c -> new LinkedHashMap<>()).put(request.taskId(), task);
        tasksByGroup.computeIfAbsent(request.cluster(), c -> new HashMap<>())
                .computeIfAbsent(request.group(), g -> new LinkedHashMap<>()).put(request.taskId(), task);
        taskChanged(request.cluster(), request.taskId());
        if (nextInterruption == Interruption.CREATED_NOT_STARTED || nextInterruption == Interruption.HALF_STARTED) {
            task.abandonStart(clock.instant(), nextInterruption == Interruption.HALF_STARTED);
            die("starting task " + request.taskId());
        }
        return task.view();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here the task is STOPPING at once and STOPPED after the {@link #stopDelay}; on a disconnected instance
     * it is marked to stop (desired status STOPPED) and begins STOPPING when the instance reconnects. A task
     * already asked to stop keeps its first stop code and reason.
     */
    @Override
    public synchronized void stopTask(String cluster, String taskId, StopCode stopCode, String reason) {
        Objects.requireNonNull(stopCode, "stopCode");
        Objects.requireNonNull(reason, "reason");
        requireProcessAlive();
        SimulatedTask task = clusterTasks(cluster).get(taskId);
        if (task == null) {
            return;
        }
        advance(task);
        if (task.isStopRequested()) {
            return;
        }
        loadBalancing.holding(taskId).ifPresent(why -> stopsBeforeDrained.add(taskId + ": " + why));
        task.requestStop(stopCode, reason);
        taskChanged(cluster, taskId);
        if (nextInterruption == Interruption.STOP_RECORDED_NOT_SIGNALLED) {
            die("stopping task " + taskId);
        }
        if (isConnected(task.instanceId())) {
            task.beginStopping(clock.instant(), stopDelay);
        }
    }

    /** @return the cluster's tasks in the order they were started */
    @Override
    public synchronized List<Task> tasks(String cluster) {
        requireProcessAlive();
        return advancedViews(clusterTasks(cluster).values());
    }

    /** @return the group's tasks in the order they were started */
    @Override
    public synchronized List<Task> tasks(String cluster, String group) {
        requireProcessAlive();
        return advancedViews(groupTasks(cluster, group).values());
    }

    private List<Task> advancedViews(Collection<SimulatedTask> tasks) {
        // Advanced and viewed in one walk, each task before it is viewed: a task's transitions depend on its own
        // times alone, and a cluster may hold many more tasks than the CPU caches.
        Instant now = clock.instant();
        List<Task> views = new ArrayList<>(tasks.size());
        for (SimulatedTask task : tasks) {
            if (isConnected(task.instanceId())) {
                task.advance(now);
            }
            views.add(task.view());
        }
        return Collections.unmodifiableList(views);
    }

    /** {@inheritDoc} A task that is not STOPPED yet stays. */
    @Override
    public synchronized void forgetTask(String cluster, String taskId) {
        requireProcessAlive();
        SimulatedTask task = clusterTasks(cluster).get(taskId);
        if (task != null) {
            advance(task);
        }
        if (task != null && task.lastStatus() == TaskStatus.STOPPED) {
            clusterTasks(cluster).remove(taskId);
            groupTasks(cluster, task.group()).remove(taskId);
            taskChanged(cluster, taskId);
        }
    }

    /** {@inheritDoc} Here the log is what {@link #appendLog} wrote. */
    @Override
    public synchronized List<String> logs(String cluster, String taskId, String containerName, int tailLines) {
        if (tailLines < 1) {
            throw new IllegalArgumentException("tailLines must be at least 1, was " + tailLines);
        }
        return requireOutput(cluster, taskId, containerName).tail(tailLines);
    }

    /**
     * {@inheritDoc} Here lines arrive on the thread that {@link #appendLog appended} them; following a stopped
     * container ends at once.
     */
    @Override
    public synchronized Subscription followLogs(String cluster, String taskId, String containerName,
                                                Consumer<String> lines) {
        Objects.requireNonNull(lines, "lines");
        return requireOutput(cluster, taskId, containerName).follow(lines);
    }

    /** {@inheritDoc} Here the signals come from the knobs listed in the class comment, on their thread. */
    @Override
    public Subscription onTaskChange(Consumer<String> listener) {
        Objects.requireNonNull(listener, "listener");
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    /** Does nothing: the backend holds no resources, and stays usable. */
    @Override
    public void close() {
        // nothing to release
    }

    // ------------------------------------------------------------------------------------------------ internal

    private void requireProcessAlive() {
        if (processKilled) {
            throw new BackendUnavailableException("The simulated Berth process was killed; restartProcess() stands"
                    + " for a new one", false);
        }
    }

    private void die(String during) {
        nextInterruption = null;
        processKilled = true;
        throw new BackendUnavailableException("The simulated Berth process was killed while " + during, false);
    }

    /** Applies every transition due by now to the cluster's tasks on connected instances. */
    private void advance(String cluster) {
        Instant now = clock.instant();
        for (SimulatedTask task : clusterTasks(cluster).values()) {
            if (isConnected(task.instanceId())) {
                task.advance(now);
            }
        }
    }

    /**
     * Applies the transitions due by now to one task: a task's transitions depend on its own times alone, so
     * calls about one task (start, stop, forget) need not advance the whole cluster, which would make starting
     * n tasks cost n².
     */
    private void advance(SimulatedTask task) {
        if (isConnected(task.instanceId())) {
            task.advance(clock.instant());
        }
    }

    /**
     * Logs a change of a task for the change feed; it counts as unsettled until the feed sees it RUNNING or
     * STOPPED, so that a stop that comes with time alone is logged too.
     */
    private void taskChanged(String cluster, String taskId) {
        changeLog.taskChanged(cluster, taskId);
        // Linked: a hash set that once held every task of a large cluster walks all its empty buckets.
        unsettled.computeIfAbsent(cluster, c -> new LinkedHashSet<>()).add(taskId);
    }

    private ClusterChanges changes(String cluster, Set<String> taskIds) {
        List<Task> changed = new ArrayList<>(taskIds.size());
        Set<String> gone = new HashSet<>();
        for (String taskId : taskIds) {
            SimulatedTask task = clusterTasks(cluster).get(taskId);
            if (task == null) {
                gone.add(taskId);
            } else {
                changed.add(task.view());
            }
        }
        return new ClusterChanges(changeLog.cursor(), changed, gone);
    }

    /** Brings the cluster's unsettled tasks up to now, and logs those that settled meanwhile. */
    private void settle(String cluster) {
        Set<String> ids = unsettled.getOrDefault(cluster, Set.of());
        for (Iterator<String> it = ids.iterator(); it.hasNext(); ) {
            String taskId = it.next();
            SimulatedTask task = clusterTasks(cluster).get(taskId);
            if (task != null) {
                advance(task);
            }
            if (task == null || task.lastStatus() == TaskStatus.RUNNING || task.lastStatus() == TaskStatus.STOPPED) {
                it.remove();
                changeLog.taskChanged(cluster, taskId);
            }
        }
    }

    private void signalChange(String cluster) {
        changeListeners.forEach(l -> l.accept(cluster));
    }

    private SimulatedOutput requireOutput(String cluster, String taskId, String containerName) {
        advance(cluster);
        SimulatedTask task = clusterTasks(cluster).get(taskId);
        if (task == null) {
            throw new ResourceNotFoundException("Task '" + taskId + "' is not in cluster '" + cluster + "'");
        }
        return task.container(containerName).map(SimulatedContainer::output)
                .orElseThrow(() -> new ResourceNotFoundException("Task '" + taskId + "' has no container '"
                        + containerName + "'"));
    }

    private Map<String, SimulatedTask> clusterTasks(String cluster) {
        return tasksByCluster.getOrDefault(cluster, Map.of());
    }

    private Map<String, SimulatedTask> groupTasks(String cluster, String group) {
        return tasksByGroup.getOrDefault(cluster, Map.of()).getOrDefault(group, Map.of());
    }

    private Stream<SimulatedTask> tasksOn(PlacedInstance placed) {
        return clusterTasks(placed.cluster()).values().stream()
                .filter(t -> t.instanceId().equals(placed.instance().id()));
    }

    private boolean isConnected(String instanceId) {
        PlacedInstance placed = instances.get(instanceId);
        return placed != null && placed.instance().agentConnected();
    }

    private PlacedInstance requireInstance(String instanceId) {
        PlacedInstance placed = instances.get(instanceId);
        if (placed == null) {
            throw new ResourceNotFoundException("Container instance '" + instanceId
                    + "' is unknown to the in-memory backend");
        }
        return placed;
    }

    private SimulatedTask requireReachableTask(String cluster, String taskId) {
        advance(cluster);
        SimulatedTask task = clusterTasks(cluster).get(taskId);
        if (task == null) {
            throw new ResourceNotFoundException("Task '" + taskId + "' is not in cluster '" + cluster + "'");
        }
        if (!isConnected(task.instanceId())) {
            throw new IllegalStateException("Task '" + taskId + "' is on container instance '" + task.instanceId()
                    + "', whose agent is disconnected or gone");
        }
        return task;
    }

    private static SimulatedContainer requireRunningContainer(SimulatedTask task, String taskId, String name) {
        SimulatedContainer container = task.container(name).orElseThrow(() -> new IllegalArgumentException(
                "Task '" + taskId + "' has no container '" + name + "'"));
        if (!container.isRunning()) {
            throw new IllegalStateException("Container '" + name + "' of task '" + taskId + "' is not running; the"
                    + " task is " + task.lastStatus());
        }
        return container;
    }

    private static void checkOverrides(StartTaskRequest request) {
        TaskDefinition definition = request.taskDefinition().definition();
        List<SpecProblem> problems = new ArrayList<>();
        for (int i = 0; i < request.overrides().size(); i++) {
            ContainerOverride override = request.overrides().get(i);
            if (definition.container(override.containerName()).isEmpty()) {
                problems.add(new SpecProblem("overrides.containerOverrides[" + i + "].name",
                        "overrides.containerName.exists", override.containerName(),
                        "No container named '" + override.containerName() + "' in task definition "
                                + request.taskDefinition().arn()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("start of task '" + request.taskId() + "'", problems);
        }
    }

    /** Host ports by container name for a new task, per the rules in the class comment; one absent binds none. */
    private Map<String, List<NetworkBinding>> bindPorts(StartTaskRequest request, PlacedInstance placed) {
        TaskDefinition definition = request.taskDefinition().definition();
        NetworkMode mode = definition.networkMode();
        Map<Protocol, Set<Integer>> inUse = new EnumMap<>(Protocol.class);
        if (definition.containerDefinitions().stream().allMatch(c -> c.portMappings().isEmpty())) {
            // Nothing to bind: skip the scan of the instance's tasks, which would make starting n tasks cost n².
            return Map.of();
        }
        advance(placed.cluster()); // ports of tasks that stopped by now are free again
        HostPorts held = tasksOn(placed).filter(SimulatedTask::isLive).map(SimulatedTask::heldPorts)
                .reduce(placed.instance().reservedPorts(), HostPorts::plus);
        for (Protocol protocol : Protocol.values()) {
            inUse.put(protocol, new HashSet<>(held.ports(protocol)));
        }
        Map<String, List<NetworkBinding>> bindings = new HashMap<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            List<NetworkBinding> bound = new ArrayList<>();
            for (PortMapping mapping : container.portMappings()) {
                int hostPort = mode == NetworkMode.BRIDGE
                        ? (mapping.isDynamic() ? freeDynamicPort(inUse.get(mapping.protocol()), mapping, placed)
                                : mapping.hostPort())
                        : mapping.containerPort();
                inUse.get(mapping.protocol()).add(hostPort);
                bound.add(new NetworkBinding(mapping.containerPort(), hostPort, mapping.protocol(), BIND_IP));
            }
            bindings.put(container.name(), bound);
        }
        return bindings;
    }

    private static int freeDynamicPort(Set<Integer> inUse, PortMapping mapping, PlacedInstance placed) {
        for (int port = FIRST_DYNAMIC_PORT; port <= LAST_DYNAMIC_PORT; port++) {
            if (!inUse.contains(port)) {
                return port;
            }
        }
        throw new BerthException("No free " + mapping.protocol().ecsName() + " host port from " + FIRST_DYNAMIC_PORT
                + " to " + LAST_DYNAMIC_PORT + " on container instance '" + placed.instance().id()
                + "' for container port " + mapping.containerPort());
    }

    private static Duration requireNotNegative(Duration delay, String what) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or more, was " + delay);
        }
        return delay;
    }

    /** An instance and the cluster it belongs to. */
    private record PlacedInstance(String cluster, ContainerInstance instance) {
        PlacedInstance withAgentConnected(boolean connected) {
            ContainerInstance i = instance;
            return new PlacedInstance(cluster, new ContainerInstance(i.id(), connected, i.cpu(), i.memoryMiB(),
                    i.reservedPorts(), i.attributes(), i.registeredAt(), i.agentVersion(), i.ec2InstanceId(),
                    i.drainingAtBackend(), i.gpus()));
        }
    }

    /**
     * Describes a simulated instance for {@link InMemoryBackend#addInstance(String, InstanceBuilder)}; bare
     * property names, the last call for a value wins. Not thread-safe.
     */
    public static final class InstanceBuilder {

        private static final String AGENT_VERSION = "1.0.0";

        private final String id;
        private int cpu = 1024;
        private int memoryMiB = 2048;
        private HostPorts reservedPorts = HostPorts.ECS_DEFAULT_RESERVED;
        private int gpus;
        private final Map<String, String> attributes =
                new TreeMap<>(Map.of("ecs.os-type", "linux", "ecs.cpu-architecture", "x86_64"));

        private InstanceBuilder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /**
         * @param units CPU units it offers, 1,024 per vCPU
         * @return this builder
         */
        public InstanceBuilder cpu(int units) {
            cpu = units;
            return this;
        }

        /**
         * @param mib memory it offers
         * @return this builder
         */
        public InstanceBuilder memoryMiB(int mib) {
            memoryMiB = mib;
            return this;
        }

        /**
         * @param ports static host ports tasks may not use, and dynamic ports skip
         * @return this builder
         */
        public InstanceBuilder reservedPorts(HostPorts ports) {
            reservedPorts = Objects.requireNonNull(ports, "ports");
            return this;
        }

        /**
         * @param count GPUs it offers to tasks' GPU {@code resourceRequirements}; none by default, so that such a
         *     task is not placed ({@code RESOURCE:GPU}), as on an instance without GPUs
         * @return this builder
         */
        public InstanceBuilder gpus(int count) {
            gpus = count;
            return this;
        }

        /**
         * Adds or replaces a built-in attribute, e.g. {@code ecs.availability-zone}, or a capability such as
         * {@code ecs.capability.aws-appmesh} that a task definition may require.
         *
         * @param name the attribute's name
         * @param value its value
         * @return this builder
         */
        public InstanceBuilder attribute(String name, String value) {
            attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @throws IllegalArgumentException if cpu, memory or GPUs are negative */
        private ContainerInstance build(Instant registeredAt) {
            return new ContainerInstance(id, true, cpu, memoryMiB, reservedPorts, attributes, registeredAt,
                    AGENT_VERSION, Optional.empty(), false, gpus);
        }
    }
}
