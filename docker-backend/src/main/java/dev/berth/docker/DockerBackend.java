package dev.berth.docker;

import com.github.dockerjava.api.model.Container;
import dev.berth.docker.internal.ContainerObservation;
import dev.berth.docker.internal.DockerTaskEngine;
import dev.berth.docker.internal.EngineTask;
import dev.berth.docker.internal.TaskObservation;
import dev.berth.docker.internal.TaskStates;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.progress.ProgressListener;
import dev.berth.spi.BackendCapabilities;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.ContainerInstance;
import dev.berth.spi.LoadBalancing;
import dev.berth.spi.StartTaskRequest;
import dev.berth.spi.Subscription;
import dev.berth.spi.balancer.SocketLoadBalancing;
import dev.berth.task.ContainerState;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.StopCode;
import dev.berth.network.Endpoint;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Berth's compute backend on one or more Docker engines: each engine is one container instance, and a task is its
 * containers on the engine the scheduler chose, labelled with cluster, task, task definition, group and startedBy.
 * A bridge-mode task of one container runs on the engine's default bridge (ECS's {@code docker0}); an awsvpc task,
 * and a bridge task of several containers, gets a bridge network of its own on which its containers reach each
 * other by name and link alias.
 *
 * <pre>{@code
 * try (Berth berth = Berth.builder(DockerBackend.fromEnvironment()).build()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>More engines: {@link #create(List)} with one configuration each. Each is its own instance (id, cpu and memory
 * from its {@code docker info}, its zone and custom attributes, its reserved ports); observation lists every engine
 * and merges the results. Limits: an engine that does not answer makes {@link #tasks(String)} fail (the reconciler
 * retries) rather than report its tasks as gone; a task never moves between engines; engines do not share
 * networks, so a task's containers always run on one engine. The same engine may be listed twice only with
 * distinct {@link DockerBackendConfig.Builder#instanceId instance ids}, whose labels keep their tasks apart.
 *
 * <p>What lives where:
 * <ul>
 *   <li>The engine holds the truth about tasks: {@link #tasks(String)} is one {@code docker ps}-style list by the
 *       cluster's label, plus an inspection of each container whose state or health changed since the last call.
 *       A new backend on the same engine therefore sees (re-adopts) what an earlier one started, and starting an
 *       id that exists on the engine starts nothing.</li>
 *   <li>{@link #startTask} records the task as PENDING and returns; pulling, creating and starting the containers
 *       (with their {@code dependsOn} order) happens on the backend's own worker threads. {@link #stopTask} likewise
 *       returns at once and stops the containers in reverse dependency order, each with its stopTimeout grace.</li>
 *   <li>A container whose {@code restartPolicy} restarts it (exit code not ignored, ran at least
 *       {@code restartAttemptPeriod} since its last start) is started again in place by the next
 *       {@link #tasks(String)} call, with its file system kept; it has Docker's restart policy {@code no}. Otherwise,
 *       when an essential container has exited, that call stops the task's other containers (stop code
 *       {@code EssentialContainerExited}); nobody has to call {@link #stopTask}. A non-essential container's exit
 *       changes nothing else.</li>
 *   <li>Stopped containers stay on the engine, exit codes readable, until {@link #forgetTask} removes them and the
 *       task's network.</li>
 *   <li>The code and reason of a stop Berth asked for are also kept on the engine, as an empty volume
 *       {@code berth-stop-<task>} with the task's labels, written before the containers get their stop signal and
 *       removed by {@link #forgetTask}: a new backend reports a task stopped by an earlier one with that code and
 *       reason and never restarts its containers; once one of them has exited, it also finishes a stop the earlier
 *       one left half done.</li>
 *   <li>A task that failed to start keeps the containers that ran, stopped, with their logs, until
 *       {@link #forgetTask}, as any stopped task does; those it never started are removed at once, and so is its
 *       network.</li>
 *   <li>A start that an earlier process abandoned (killed between creating a container and starting it) is a failed
 *       start: the task is stopped with {@code TaskFailedToStart}, its stop recorded as above, and reported STOPPED;
 *       see {@code isAbandonedStart}. The first observation of a cluster also reads every recorded stop at once and
 *       removes stop records and task networks that a killed process left without containers.</li>
 *   <li>This process remembers only what the engine cannot: tasks still being started, and how a task that failed
 *       to start was reported.</li>
 * </ul>
 * Every engine call goes through one policy per engine (retry of transient errors, circuit breaker, per-operation
 * deadlines); see {@link DockerTimeouts}. Thread-safe.
 */
public final class DockerBackend implements ComputeBackend {

    private static final Logger LOG = LoggerFactory.getLogger(DockerBackend.class);
    /** Reported for a task of this process whose containers were removed from the engine behind Berth's back. */
    static final String CONTAINERS_REMOVED_REASON = "The task's containers were removed from the Docker engine";

    private final List<EngineSlot> slots;
    private final DockerBackendConfig config;
    private final Clock clock;
    private final ExecutorService workers;
    private final ConcurrentMap<String, Tracked> tracked = new ConcurrentHashMap<>();
    /** By task: stops asked for whose record is not on the engine yet; starts asked for later wait for them. */
    private final ConcurrentMap<String, CompletableFuture<Void>> stopsBeingRecorded = new ConcurrentHashMap<>();
    private final Instant registeredAt;
    private SocketLoadBalancing plane;

    private DockerBackend(List<DockerBackendConfig> configs) {
        this.slots = configs.stream().map(EngineSlot::new).toList();
        this.config = configs.get(0);
        this.clock = config.clock();
        this.registeredAt = clock.instant();
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "berth-docker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param config the engine and the backend's settings
     * @return a backend on that engine; the engine is first contacted by the first call
     */
    public static DockerBackend create(DockerBackendConfig config) {
        return create(List.of(config));
    }

    /**
     * @param configs one configuration per engine, each engine one container instance; the first one's clock and
     *     call timeout serve the backend as a whole
     * @return a backend on those engines; each is first contacted by the first call that needs it
     * @throws IllegalArgumentException if the list is empty, or two configurations name the same instance id
     */
    public static DockerBackend create(List<DockerBackendConfig> configs) {
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("at least one engine configuration is needed");
        }
        List<String> named = configs.stream().flatMap(c -> c.instanceId().stream()).toList();
        if (named.size() != Set.copyOf(named).size()) {
            throw new IllegalArgumentException("instance ids must be unique, were " + named);
        }
        return new DockerBackend(List.copyOf(configs));
    }

    /**
     * @return a backend on the first engine that answers, found as {@link DockerBackendConfig#fromEnvironment()}
     *     finds it
     * @throws BackendUnavailableException if no engine answers; the message lists every attempt
     */
    public static DockerBackend fromEnvironment() {
        return create(DockerBackendConfig.fromEnvironment());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here Berth's balancers run in this process on real sockets: a target group's listener on the configured
     * host-port bind address, forwarding to each target's published port; a Service Connect namespace's endpoints on
     * the gateway address of a network {@code berth-ns-<namespace>} of the first engine, which the engine's
     * containers reach from any network, and which tasks of the namespace get as {@code /etc/hosts} entries. That
     * needs the engine on this machine (its bridge addresses are this machine's); with a remote engine, target
     * groups work and Service Connect endpoints cannot open.
     */
    @Override
    public synchronized Optional<LoadBalancing> loadBalancing() {
        if (plane == null) {
            InetAddress listener;
            try {
                listener = InetAddress.getByName(config.hostPortBindAddress());
            } catch (UnknownHostException e) {
                throw new BackendUnavailableException("The host-port bind address " + config.hostPortBindAddress()
                        + " is no address of this machine: " + e.getMessage(), false, e);
            }
            EngineSlot first = slots.get(0);
            plane = SocketLoadBalancing.create(listener, (cluster, namespace) -> first.engine()
                    .namespaceAddress(namespace), binding -> reachableHost(binding, config), clock);
        }
        return Optional.of(plane);
    }

    /**
     * {@inheritDoc} Here: the binding's address, or for a binding to every address the host of the engine that runs
     * the task ({@link DockerBackendConfig#endpointHost()}).
     */
    @Override
    public Optional<Endpoint> endpointOf(Task task, String containerName, int containerPort) {
        DockerBackendConfig engine = slots.stream().filter(s -> s.instanceId().equals(task.containerInstanceId()))
                .findFirst().map(EngineSlot::config).orElse(config);
        return task.containers().stream().filter(c -> c.name().equals(containerName))
                .flatMap(c -> c.networkBindings().stream())
                .filter(b -> b.containerPort() == containerPort && b.hostPort() > 0).findFirst()
                .map(b -> new Endpoint(reachableHost(b, engine), b.hostPort()));
    }

    /** The host this process reaches a published port at: the bind address, or the engine's host for a wildcard. */
    private static String reachableHost(NetworkBinding binding, DockerBackendConfig config) {
        boolean wildcard = binding.bindIp().equals("0.0.0.0") || binding.bindIp().equals("::")
                || binding.bindIp().isEmpty();
        if (!wildcard) {
            return binding.bindIp();
        }
        String host = config.endpointHost();
        return host.equals("localhost") ? "127.0.0.1" : host;
    }

    /** @return {@code docker} */
    @Override
    public String name() {
        return "docker";
    }

    /**
     * Asks every engine for a ping: a check that the backend can work, e.g. before a test suite starts services.
     *
     * @throws BackendUnavailableException if an engine does not answer within the ping timeout; the message names it
     */
    public void ping() {
        slots.forEach(s -> s.engine().ping());
    }

    /** @return a backend that runs what Berth tells it: Berth's reconciler keeps services at their count */
    @Override
    public BackendCapabilities capabilities() {
        return BackendCapabilities.runsWhatItIsTold();
    }

    /**
     * Each engine as an instance of every cluster: cpu and memory from {@code docker info}, the attributes
     * {@code ecs.os-type}, {@code ecs.cpu-architecture}, {@code ecs.availability-zone} and the configured custom
     * ones, and ECS's default reserved ports plus the configured ones. An engine is reported with
     * {@code agentConnected == false} while it does not answer a ping.
     *
     * @throws BackendUnavailableException if an engine has never answered this backend
     * @throws ConflictException if two engines report the same id (give them {@code instanceId}s)
     */
    @Override
    public List<ContainerInstance> containerInstances(String cluster) {
        List<ContainerInstance> instances = slots.stream().map(s -> s.containerInstance(registeredAt)).toList();
        Set<String> ids = new HashSet<>();
        for (ContainerInstance i : instances) {
            if (!ids.add(i.id())) {
                throw new ConflictException("Two Docker engines of " + this + " are container instance '" + i.id()
                        + "' (the same engine twice?); give their configurations distinct instanceIds");
            }
        }
        return instances;
    }

    /**
     * Records the task as PENDING and starts it on a worker thread, without an engine call on the caller's thread
     * (a reconcile pass launches many tasks in a row). An id this backend knows is not started again: the task is
     * returned as it is. An id unknown here whose containers exist on the engine (another process started it) is
     * returned PENDING and not started again either: the worker finds its containers and starts nothing, and the
     * next {@link #tasks(String)} reports them as they are.
     *
     * @throws ResourceNotFoundException if {@code instanceId} is none of the engines'
     * @throws BackendUnavailableException if the engine cannot be reached
     */
    @Override
    public Task startTask(StartTaskRequest request) {
        EngineSlot slot = slots.stream().filter(s -> s.instanceId().equals(request.instanceId())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("No container instance '" + request.instanceId()
                        + "' among the Docker engines " + slots + "; their instances are "
                        + slots.stream().map(EngineSlot::instanceId).toList()));
        Tracked known = tracked.get(request.taskId());
        if (known != null) {
            return known.current();
        }
        Tracked fresh = new Tracked(slot, request.cluster(), request.taskId(), pending(request, clock.instant()));
        Tracked existing = tracked.putIfAbsent(request.taskId(), fresh);
        if (existing != null) {
            return existing.current();
        }
        fresh.starting = true;
        // The stops asked for before this start reach the engine first: a roll's new task never runs on the engine
        // while the old one it replaces is not yet recorded as stopping (maximumPercent holds there too, and a
        // process killed in between leaves no task too many).
        List<CompletableFuture<Void>> stopsFirst = List.copyOf(stopsBeingRecorded.values());
        fresh.then(() -> {
            awaitRecorded(stopsFirst, request.taskId());
            runStart(fresh, request);
        });
        return fresh.lastSeen;
    }

    /**
     * Asks the task to stop and returns; a worker stops its containers in reverse dependency order, each with the
     * stop signal, then SIGKILL after its stopTimeout. The first stop's code and reason stick.
     *
     * @throws BackendUnavailableException if the engine cannot be reached
     */
    @Override
    public void stopTask(String cluster, String taskId, StopCode stopCode, String reason) {
        Tracked t = tracked.get(taskId);
        if (t != null) {
            // Known here: its last observation tells whether it still runs, without an engine call on the caller's
            // thread (scaling in stops many tasks in a row); the worker's stop skips containers already stopped.
            if (t.cluster.equals(cluster) && t.finalState == null && t.lastSeen.lastStatus() != TaskStatus.STOPPED
                    && t.requestStop(stopCode, reason)) {
                LOG.debug("stopping task={} cluster={} stopCode={}", taskId, cluster, stopCode.ecsName());
                submitStop(t);
            }
            return;
        }
        // Not known here (started by an earlier process): adopt it if it runs on an engine.
        Optional<Located> located = locate(taskId, null).filter(l -> l.task().cluster().equals(cluster));
        if (located.isEmpty() || located.get().task().lastStatus() == TaskStatus.STOPPED) {
            return;
        }
        EngineSlot slot = located.get().slot();
        Tracked adopted = new Tracked(slot, cluster, taskId, toTask(located.get().task(), null, slot));
        Tracked adoptee = Optional.ofNullable(tracked.putIfAbsent(taskId, adopted)).orElse(adopted);
        if (adoptee.cluster.equals(cluster) && adoptee.finalState == null && adoptee.requestStop(stopCode, reason)) {
            LOG.debug("stopping task={} cluster={} stopCode={}", taskId, cluster, stopCode.ecsName());
            submitStop(adoptee);
        }
    }

    /**
     * One list of the cluster's containers by label, plus an inspection of each container whose listed state or
     * health changed since the last call; tasks being started or that failed to start come from memory. A task
     * whose essential container has exited gets its other containers stopped here.
     *
     * @throws BackendUnavailableException if the engine cannot be reached
     */
    @Override
    public List<Task> tasks(String cluster) {
        Set<String> startingBefore = tracked.values().stream().filter(t -> t.cluster.equals(cluster) && t.starting)
                .map(t -> t.taskId).collect(Collectors.toSet());
        List<Located> observed = new ArrayList<>();
        for (EngineSlot slot : slots) {
            slot.engine().list(cluster).forEach(o -> observed.add(new Located(slot, o)));
        }
        List<Task> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Located located : observed) {
            TaskObservation o = located.task();
            seen.add(o.taskId());
            Tracked t = tracked.get(o.taskId());
            if (t != null && t.forgetting) {
                continue; // forgotten: its containers are being removed
            }
            if (t != null && (t.starting || t.finalState != null) && o.lastStatus() == TaskStatus.STOPPED) {
                // A start that fails stops the containers that ran and keeps them for their logs: the start's result
                // tells how the task ended, not what is left of it.
                out.add(t.current());
                continue;
            }
            if (t == null) {
                // An earlier process's task: the stop it recorded holds, also if it was killed before the signal.
                t = adoptRecordedStop(located, cluster).orElse(null);
            }
            if (isAbandonedStart(o, t, located.slot())) {
                t = abandon(located, cluster, t);
            }
            if (mayRestartContainers(t)) {
                o = located.slot().engine().restartExited(o);
            }
            if (o.essentialExitedWhileOthersRun() && t == null) {
                Tracked adopted = new Tracked(located.slot(), cluster, o.taskId(), toTask(o, null, located.slot()));
                t = Optional.ofNullable(tracked.putIfAbsent(o.taskId(), adopted)).orElse(adopted);
            }
            if (t != null && o.essentialExitedWhileOthersRun()
                    && t.requestStop(StopCode.ESSENTIAL_CONTAINER_EXITED, TaskStates.ESSENTIAL_EXITED_REASON)) {
                LOG.debug("essential container exited task={} cluster={}; stopping the others", o.taskId(), cluster);
                submitStop(t);
            } else if (t != null && t.stopCode != null && !t.stopping && !t.starting && anyRunning(o)) {
                submitStop(t); // an earlier stop failed (engine trouble), or an earlier process recorded it: stop
            }
            Task task = toTask(o, t, located.slot());
            if (t != null) {
                t.lastSeen = task;
            }
            out.add(task);
        }
        for (Tracked t : tracked.values()) {
            if (!t.cluster.equals(cluster) || seen.contains(t.taskId) || t.forgetting) {
                continue;
            }
            if (t.finalState == null && !t.starting && !startingBefore.contains(t.taskId)) {
                t.finalState = gone(t.lastSeen);
            }
            out.add(t.current());
        }
        return out;
    }

    /**
     * Removes a STOPPED task's containers and network and drops it from {@link #tasks(String)}. A task that is not
     * STOPPED yet, and an unknown id, are left alone. A task this process last saw STOPPED leaves
     * {@link #tasks(String)} at once and its containers are removed on a worker thread, so that a pass that
     * forgets a whole service does not wait for each removal in turn; if that removal fails, the task is reported
     * again and the next forget retries it.
     *
     * @throws BackendUnavailableException if the engine cannot be reached
     */
    @Override
    public void forgetTask(String cluster, String taskId) {
        Tracked known = tracked.get(taskId);
        if (known != null && known.cluster.equals(cluster) && known.finalState == null && !known.stopping
                && known.lastSeen.lastStatus() == TaskStatus.STOPPED) {
            if (!known.forgetting) {
                known.forgetting = true;
                known.then(() -> removeForgotten(known));
            }
            return;
        }
        Optional<Located> onEngine = locate(taskId, tracked.get(taskId));
        if (onEngine.isPresent()) {
            TaskObservation o = onEngine.get().task();
            Task seen = toTask(o, tracked.get(taskId), onEngine.get().slot());
            if (!o.cluster().equals(cluster) || seen.lastStatus() != TaskStatus.STOPPED) {
                LOG.debug("not forgetting task={} cluster={}: it is not STOPPED", taskId, cluster);
                return;
            }
            onEngine.get().slot().engine().remove(taskId);
            tracked.remove(taskId);
            return;
        }
        Tracked t = tracked.get(taskId);
        if (t != null && t.cluster.equals(cluster) && t.finalState != null) {
            tracked.remove(taskId);
        }
    }

    /**
     * {@inheritDoc} Here: {@code docker logs --tail}, bounded by the call timeout.
     *
     * @throws ResourceNotFoundException if the cluster has no such task on the engine, or the task no such
     *     container (a task still being started has no containers yet)
     * @throws BackendUnavailableException if the engine cannot be reached
     */
    @Override
    public List<String> logs(String cluster, String taskId, String containerName, int tailLines) {
        try {
            return requireOnEngine(cluster, taskId).logs(taskId, containerName, tailLines);
        } catch (ResourceNotFoundException e) {
            throw neverRan(e, taskId);
        }
    }

    /**
     * {@inheritDoc} Here: {@code docker logs --follow --tail 0} on a stream without a read deadline; lines arrive on
     * docker-java's stream thread. The engine ends the stream when the container stops.
     *
     * @throws ResourceNotFoundException if the cluster has no such task on the engine, or the task no such
     *     container
     * @throws BackendUnavailableException if the engine cannot be reached
     */
    @Override
    public Subscription followLogs(String cluster, String taskId, String containerName, Consumer<String> lines) {
        return requireOnEngine(cluster, taskId).followLogs(taskId, containerName, lines);
    }

    /**
     * {@inheritDoc} Here the signal comes from each engine's event stream (container {@code start}, {@code die},
     * {@code kill}, {@code oom}, {@code health_status} on containers with Berth's labels and this backend's
     * configured ones), opened with the first listener and reopened with backoff after failures, on the
     * stream's thread.
     */
    @Override
    public Subscription onTaskChange(Consumer<String> listener) {
        List<Subscription> perEngine = slots.stream().map(s -> s.engine().watchChanges(listener)).toList();
        return () -> perEngine.forEach(Subscription::close);
    }

    /**
     * {@inheritDoc} Here: {@link dev.berth.progress.ImagePullProgress} for each image a task start pulls, on any
     * engine, at most four per second per image, from a delivery thread per engine.
     */
    @Override
    public Subscription onProgress(ProgressListener listener) {
        Objects.requireNonNull(listener, "listener");
        List<Subscription> perEngine = slots.stream().map(s -> s.engine().watchProgress(listener)).toList();
        return () -> perEngine.forEach(Subscription::close);
    }

    /**
     * Lets running starts and stops finish (up to the call timeout), then ends the event stream and log follows
     * and releases the engine's clients. Tasks keep running.
     */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(config.timeouts().call().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("task starts or stops still running after {}; interrupting them", config.timeouts().call());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                if (plane != null) {
                    plane.close();
                }
            }
            slots.forEach(EngineSlot::close);
        }
    }

    @Override
    public String toString() {
        return "DockerBackend" + slots;
    }

    private void runStart(Tracked t, StartTaskRequest request) {
        try {
            TaskObservation result = t.slot.engine().start(new EngineTask(request.taskId(), request.cluster(),
                    request.taskDefinition().definition(), request.taskDefinition().arn(), request.group(),
                    request.startedBy(), t.lastSeen.createdAt(), request.overrides(), t.slot.config().labels(),
                    request.hostEntries()));
            if (result.lastStatus() == TaskStatus.STOPPED) {
                // It could not start or run: only the containers that ran are left on the engine, stopped.
                t.finalState = toTask(result, t, t.slot);
            }
        } catch (ConflictException e) {
            LOG.debug("task={} is being created by another process: {}", t.taskId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("start of task={} cluster={} failed: {}", t.taskId, t.cluster, e.getMessage());
            t.finalState = failedToStart(t.lastSeen, e);
        } finally {
            t.starting = false;
        }
    }

    /**
     * Containers are restarted by their restartPolicy only in a task whose stop nobody asked for (in this process, or
     * in an earlier one that recorded it on the engine) and that is not being started (the start handles its own
     * containers).
     */
    private static boolean mayRestartContainers(Tracked t) {
        return t == null || !t.starting && t.stopCode == null && t.finalState == null;
    }

    /**
     * A task this process neither started nor stopped, with an exited container: if an earlier process recorded that
     * it stopped the task, the task is tracked with that stop's code and reason (and the caller finishes a stop that
     * process left half done).
     *
     * @return the task tracked with its recorded stop; empty when none was recorded
     */
    private Optional<Tracked> adoptRecordedStop(Located located, String cluster) {
        TaskObservation o = located.task();
        return located.slot().engine().recordedStop(o.taskId()).map(recorded -> {
            Tracked adopted = new Tracked(located.slot(), cluster, o.taskId(), toTask(o, null, located.slot()));
            adopted.requestStop(recorded.code(), recorded.reason());
            Tracked t = Optional.ofNullable(tracked.putIfAbsent(o.taskId(), adopted)).orElse(adopted);
            LOG.debug("re-adopted task={} cluster={} stopped earlier stopCode={}", o.taskId(), cluster,
                    recorded.code().ecsName());
            return t;
        });
    }

    /**
     * A start nobody drives any more: a container of the task was created and never started, this process is not
     * starting it, and it was created by an earlier process (before this backend opened the engine) or longer ago
     * than any start runs ({@link #abandonedAfter}, for an engine that several processes share). Its process was
     * killed between the engine's create and start; the task would otherwise stay PENDING for ever.
     */
    private boolean isAbandonedStart(TaskObservation o, Tracked t, EngineSlot slot) {
        if (t != null && (t.starting || t.stopCode != null || t.finalState != null)
                || o.containers().stream().noneMatch(c -> c.status() == TaskStatus.PENDING)) {
            return false;
        }
        return o.createdAt().isBefore(slot.engine().openedAt())
                || o.createdAt().isBefore(clock.instant().minus(abandonedAfter()));
    }

    /**
     * Stops an abandoned start as a failed start, as ECS stops a task that cannot start with {@code TaskFailedToStart}:
     * the stop is recorded on the engine (every later process honours it), its started containers are stopped, and
     * the task is reported STOPPED, so that the reconciler replaces it and {@link #forgetTask} removes it.
     */
    private Tracked abandon(Located located, String cluster, Tracked known) {
        TaskObservation o = located.task();
        Tracked t = known;
        if (t == null) {
            Tracked adopted = new Tracked(located.slot(), cluster, o.taskId(), toTask(o, null, located.slot()));
            t = Optional.ofNullable(tracked.putIfAbsent(o.taskId(), adopted)).orElse(adopted);
        }
        List<String> neverStarted = o.containers().stream().filter(c -> c.status() == TaskStatus.PENDING)
                .map(ContainerObservation::name).toList();
        String reason = Task.ABANDONED_START_REASON + " (containers " + neverStarted + " created, never started)";
        if (t.requestStop(StopCode.TASK_FAILED_TO_START, reason)) {
            LOG.info("task={} cluster={} was created and never started by the process that started it; stopping it"
                    + " as failed to start", o.taskId(), cluster);
            submitStop(t);
        }
        return t;
    }

    /**
     * @return how long a start of another process may keep a container created and not started: a pull, then every
     *     container's dependencies waited for with the default startTimeout
     */
    private Duration abandonedAfter() {
        return config.timeouts().pull().plus(config.defaultStartTimeout());
    }

    private static boolean anyRunning(TaskObservation o) {
        return o.containers().stream().anyMatch(c -> c.status() == TaskStatus.RUNNING);
    }

    private void removeForgotten(Tracked t) {
        try {
            t.slot.engine().remove(t.taskId);
            tracked.remove(t.taskId, t);
        } catch (BerthException e) {
            LOG.warn("removal of task={} cluster={} failed; it is reported again: {}", t.taskId, t.cluster,
                    e.getMessage());
            t.forgetting = false;
        }
    }

    private void submitStop(Tracked t) {
        t.stopping = true;
        // A task still being started has nothing of its own running yet: later starts need not wait for its stop.
        CompletableFuture<Void> recorded = t.starting ? new CompletableFuture<>()
                : stopsBeingRecorded.computeIfAbsent(t.taskId, id -> new CompletableFuture<>());
        t.then(() -> {
            try {
                List<Container> containers = t.slot.engine().recordStop(t.taskId, t.stopCode, t.stopReason);
                recordedStop(t.taskId, recorded);
                t.slot.engine().stopContainers(containers);
            } catch (BerthException e) {
                LOG.warn("stop of task={} cluster={} failed, the next observation retries it: {}", t.taskId,
                        t.cluster, e.getMessage());
            } finally {
                recordedStop(t.taskId, recorded);
                t.stopping = false;
            }
        });
    }

    /**
     * @return the failure, saying why there is nothing to read when the task failed to start before the container
     *     ran (a pull that failed, a dependency that never held)
     */
    private ResourceNotFoundException neverRan(ResourceNotFoundException missing, String taskId) {
        Tracked t = tracked.get(taskId);
        if (t == null || t.finalState == null) {
            return missing;
        }
        return new ResourceNotFoundException(missing.getMessage() + ": the container never ran, since the task"
                + " stopped before (" + t.finalState.stoppedReason().orElse("no reason recorded") + ")");
    }

    private void recordedStop(String taskId, CompletableFuture<Void> recorded) {
        recorded.complete(null);
        stopsBeingRecorded.remove(taskId, recorded);
    }

    /** Waits, at most one call timeout, until the stops asked for before a start are recorded on the engine. */
    private void awaitRecorded(List<CompletableFuture<Void>> stops, String taskId) {
        if (stops.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(config.timeouts().call().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debug("task={} starts before {} earlier stops were recorded: {}", taskId, stops.size(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the engine that runs the task of that cluster */
    private DockerTaskEngine requireOnEngine(String cluster, String taskId) {
        return locate(taskId, tracked.get(taskId)).filter(l -> l.task().cluster().equals(cluster))
                .map(l -> l.slot().engine())
                .orElseThrow(() -> new ResourceNotFoundException("Task '" + taskId + "' of cluster '" + cluster
                        + "' has no containers on the Docker engines " + slots));
    }

    /**
     * @param known what this process knows of the task, if anything: then only its engine is asked
     * @return the task as the engine that runs it reports it; empty if no engine has its containers
     */
    private Optional<Located> locate(String taskId, Tracked known) {
        List<EngineSlot> candidates = known != null ? List.of(known.slot) : slots;
        for (EngineSlot slot : candidates) {
            Optional<TaskObservation> o = slot.engine().observe(taskId);
            if (o.isPresent()) {
                return Optional.of(new Located(slot, o.get()));
            }
        }
        return Optional.empty();
    }

    private Task toTask(TaskObservation o, Tracked t, EngineSlot slot) {
        boolean stopRequested = t != null && t.stopCode != null;
        DesiredStatus desired = stopRequested ? DesiredStatus.STOPPED : o.desiredStatus();
        TaskStatus last = o.lastStatus() == TaskStatus.RUNNING && desired == DesiredStatus.STOPPED
                ? TaskStatus.STOPPING : o.lastStatus();
        if (last == TaskStatus.PENDING && desired == DesiredStatus.STOPPED && (t == null || !t.starting)
                && !anyRunning(o)) {
            last = TaskStatus.STOPPED; // nobody will start the containers that never started: the task is over
        }
        Optional<Instant> stoppedAt = last == TaskStatus.STOPPED
                ? Optional.of(o.stoppedAt().or(() -> Optional.ofNullable(t == null ? null : t.stopRequestedAt))
                        .orElseGet(clock::instant))
                : Optional.empty();
        return new Task(o.taskId(), o.cluster(), o.taskDefinitionArn(), slot.instanceId(), o.group(),
                o.startedBy(), last, desired, o.health(),
                o.containers().stream().map(ContainerObservation::toState).toList(), o.createdAt(), o.startedAt(), stoppedAt,
                stopRequested ? Optional.of(t.stopCode) : o.stopCode(),
                stopRequested ? Optional.of(t.stopReason) : o.stoppedReason());
    }

    private Task pending(StartTaskRequest r, Instant createdAt) {
        List<ContainerState> containers = r.taskDefinition().definition().containerDefinitions().stream()
                .map(c -> new ContainerState(c.name(), TaskStatus.PENDING, OptionalInt.empty(), HealthStatus.UNKNOWN,
                        Optional.empty(), List.of()))
                .toList();
        return new Task(r.taskId(), r.cluster(), r.taskDefinition().arn(), r.instanceId(), r.group(), r.startedBy(),
                TaskStatus.PENDING, DesiredStatus.RUNNING, HealthStatus.UNKNOWN, containers, createdAt,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private Task failedToStart(Task last, RuntimeException cause) {
        return stopped(last, StopCode.TASK_FAILED_TO_START, "CannotStartContainerError: " + cause.getMessage());
    }

    private Task gone(Task last) {
        return stopped(last, last.stopCode().orElse(StopCode.ESSENTIAL_CONTAINER_EXITED),
                last.stoppedReason().orElse(CONTAINERS_REMOVED_REASON));
    }

    private Task stopped(Task last, StopCode code, String reason) {
        List<ContainerState> containers = last.containers().stream()
                .map(c -> new ContainerState(c.name(), TaskStatus.STOPPED, c.exitCode(), c.health(), c.reason(),
                        c.networkBindings(), c.healthChecks()))
                .toList();
        return new Task(last.taskId(), last.cluster(), last.taskDefinitionArn(), last.containerInstanceId(),
                last.group(), last.startedBy(), TaskStatus.STOPPED, DesiredStatus.STOPPED, last.healthStatus(),
                containers, last.createdAt(), last.startedAt(), Optional.of(clock.instant()), Optional.of(code),
                Optional.of(reason.length() > 1024 ? reason.substring(0, 1024) : reason));
    }

    /** A task as observed, and the engine that runs it. */
    private record Located(EngineSlot slot, TaskObservation task) {
    }

    /**
     * What this process knows of one task beyond the engine: its start in flight, the stop it asked for, its last
     * observation, and its final state once nothing of it is left on the engine. Work on one task (start, stops)
     * runs one step at a time, in order.
     */
    private final class Tracked {
        final EngineSlot slot;
        final String cluster;
        final String taskId;
        volatile Task lastSeen;
        volatile boolean starting;
        volatile boolean stopping;
        volatile boolean forgetting;
        volatile StopCode stopCode;
        volatile String stopReason;
        volatile Instant stopRequestedAt;
        volatile Task finalState;
        private CompletableFuture<Void> work = CompletableFuture.completedFuture(null);

        Tracked(EngineSlot slot, String cluster, String taskId, Task lastSeen) {
            this.slot = slot;
            this.cluster = cluster;
            this.taskId = taskId;
            this.lastSeen = lastSeen;
        }

        /** @return whether this call recorded the stop: the first stop's code and reason stick */
        synchronized boolean requestStop(StopCode code, String reason) {
            if (stopCode != null) {
                return false;
            }
            stopReason = reason;
            stopRequestedAt = clock.instant();
            stopCode = code;
            return true;
        }

        /** @return the task as this process last knew it, with the stop it asked for */
        Task current() {
            Task known = finalState != null ? finalState : lastSeen;
            if (stopCode == null || known.desiredStatus() == DesiredStatus.STOPPED) {
                return known;
            }
            return new Task(known.taskId(), known.cluster(), known.taskDefinitionArn(), known.containerInstanceId(),
                    known.group(), known.startedBy(), known.lastStatus(), DesiredStatus.STOPPED,
                    known.healthStatus(), known.containers(), known.createdAt(), known.startedAt(),
                    known.stoppedAt(), Optional.of(stopCode), Optional.of(stopReason));
        }

        synchronized void then(Runnable step) {
            work = work.thenRunAsync(step, workers).exceptionally(e -> {
                LOG.warn("work on task={} cluster={} failed", taskId, cluster, e);
                return null;
            });
        }
    }
}
