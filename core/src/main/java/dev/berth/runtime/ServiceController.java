package dev.berth.runtime;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.BerthException;
import dev.berth.internal.state.StateStore;
import dev.berth.progress.DeploymentProgress;
import dev.berth.progress.ProgressListener;
import dev.berth.reconciler.ObservedService;
import dev.berth.reconciler.ReconcilePlan;
import dev.berth.reconciler.ServiceReconciler;
import dev.berth.reconciler.ServiceState;
import dev.berth.reconciler.TaskLaunch;
import dev.berth.reconciler.TaskStop;
import dev.berth.reconciler.VictimSelector;
import dev.berth.runtime.network.NetworkObservation;
import dev.berth.runtime.network.ServiceNetworks;
import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.RunningTask;
import dev.berth.scheduler.ScaleInSelector;
import dev.berth.service.Deployment;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceStatus;
import dev.berth.spi.ComputeBackend;
import dev.berth.task.RunTaskResult;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps services at their desired state: a level-triggered loop around the pure {@link ServiceReconciler}. Each
 * pass re-reads the service from the {@link StateStore} and its tasks and instances from the backend, stores the
 * plan's new state, then stops, then places and starts tasks through the {@link TaskLauncher}, then lets the
 * backend forget what the plan says (and removes a drained service), and asks to run again after the plan's
 * delay. A de-duplicating queue runs at most one pass per service at a time; passes of different services run in
 * parallel on the given executor.
 *
 * <p>A pass that fails is retried with capped exponential backoff, and the service is never dropped. An expected
 * failure (a {@link BerthException}: the backend unreachable, a conflict) is logged at WARN without a stack trace.
 * Anything else is a bug: it is logged at ERROR with its stack trace and recorded as a
 * {@link ServiceEvent.Kind#SERVICE_RECONCILE_ERROR} event, so that {@code describe()} and waiters show it.
 */
public final class ServiceController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceController.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ComputeBackend backend;
    private final StateStore store;
    private final ClusterSnapshots snapshots;
    private final TaskLauncher launcher;
    private final ReconcilerSettings settings;
    private final Clock clock;
    private final WorkQueue<ServiceKey> queue;
    private final Map<ServiceKey, Integer> failedPasses = new HashMap<>();
    private final List<Consumer<ServiceEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> passListeners = new CopyOnWriteArrayList<>();
    private final List<ProgressListener> progressListeners = new CopyOnWriteArrayList<>();
    private final Map<ServiceKey, DeploymentProgress> lastProgress = new ConcurrentHashMap<>();
    private final ServiceNetworks networks;

    /**
     * @param backend where tasks run
     * @param store where services are kept
     * @param snapshots reads clusters for placement and makes placements in one cluster take turns
     * @param launcher places and starts tasks
     * @param settings reconciler timings
     * @param clock the time of each pass
     * @param executor runs passes; owned by the caller
     */
    public ServiceController(ComputeBackend backend, StateStore store, ClusterSnapshots snapshots,
                             TaskLauncher launcher, ReconcilerSettings settings, Clock clock,
                             ScheduledExecutorService executor) {
        this(backend, store, snapshots, launcher, settings, clock, executor,
                new ServiceNetworks(Optional.empty(), store, clock));
    }

    /**
     * @param backend where tasks run
     * @param store where services are kept
     * @param snapshots reads clusters for placement and makes placements in one cluster take turns
     * @param launcher places and starts tasks
     * @param settings reconciler timings
     * @param clock the time of each pass
     * @param executor runs passes; owned by the caller
     * @param networks registers tasks with their target groups and names, and drains them before their stop
     */
    public ServiceController(ComputeBackend backend, StateStore store, ClusterSnapshots snapshots,
                             TaskLauncher launcher, ReconcilerSettings settings, Clock clock,
                             ScheduledExecutorService executor, ServiceNetworks networks) {
        this.networks = Objects.requireNonNull(networks, "networks");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.store = Objects.requireNonNull(store, "store");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.queue = new WorkQueue<>(executor, this::passSafely, MAX_BACKOFF);
    }

    /**
     * Asks for a pass of the service as soon as possible.
     *
     * @param key the service
     */
    public void enqueue(ServiceKey key) {
        queue.enqueue(key, Duration.ZERO);
    }

    /**
     * Asks for a pass of the service after the backend signalled a change: after
     * {@link ReconcilerSettings#changeCoalescing()}, so that the signals of one burst of changes share a pass.
     *
     * @param key the service
     */
    public void enqueueAfterChange(ServiceKey key) {
        queue.enqueue(key, settings.changeCoalescing());
    }

    /** @param listener called with every new event of every service, on the controller's threads */
    public void onEvent(Consumer<ServiceEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * @param listener called with a {@link DeploymentProgress} of a service's PRIMARY deployment whenever a pass
     *     observes it changed, on the controller's threads; what it throws is logged and ignored
     */
    public void onProgress(ProgressListener listener) {
        progressListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @param listener called after every pass, on the controller's threads; waiters use it to re-check */
    public void afterEachPass(Runnable listener) {
        passListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Runs one pass now, on the calling thread, bypassing the queue and its error handling: for tests and for
     * callers that drive the loop themselves.
     *
     * @param key the service
     * @return when the service wants its next pass, or that it is gone
     */
    public PassOutcome reconcileOnce(ServiceKey key) {
        return pass(key);
    }

    @Override
    public void close() {
        queue.close();
    }

    /** A queued pass: never throws, so that the queue never loses the service. */
    private PassOutcome passSafely(ServiceKey key) {
        try {
            PassOutcome outcome = pass(key);
            synchronized (failedPasses) {
                failedPasses.remove(key);
            }
            return outcome;
        } catch (BerthException expected) {
            int attempt = countFailure(key);
            Duration retryIn = backoff(attempt);
            LOG.warn("Reconcile pass failed service={} attempt={} retryIn={}: {}", key, attempt, retryIn,
                    expected.getMessage());
            return PassOutcome.again(retryIn);
        } catch (RuntimeException | Error bug) {
            int attempt = countFailure(key);
            Duration retryIn = backoff(attempt);
            LOG.error("Reconcile pass failed unexpectedly service={} attempt={} retryIn={}", key, attempt, retryIn,
                    bug);
            recordError(key, bug);
            return PassOutcome.again(retryIn);
        } finally {
            passListeners.forEach(Runnable::run);
        }
    }

    private int countFailure(ServiceKey key) {
        synchronized (failedPasses) {
            return failedPasses.merge(key, 1, Integer::sum);
        }
    }

    /** {@code busyRequeue} doubled per consecutive failure, at most {@link #MAX_BACKOFF}. */
    private Duration backoff(int attempt) {
        Duration backoff = settings.busyRequeue().multipliedBy(1L << Math.min(attempt, 5));
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    /** Shows an unexpected failure on the service, once per distinct failure (repeats are suppressed, as ECS's). */
    private void recordError(ServiceKey key, Throwable bug) {
        ServiceEvent event = new ServiceEvent(clock.instant(), ServiceEvent.Kind.SERVICE_RECONCILE_ERROR,
                "(service " + key.service() + ") Berth's reconcile pass failed unexpectedly and is retried: "
                        + bug + ". This is a bug in Berth or its backend; the log has the stack trace.");
        try {
            AtomicBoolean recorded = new AtomicBoolean();
            store.updateService(key.cluster(), key.service(), state -> {
                ServiceState next = state.withEvent(event);
                recorded.set(next != state);
                return next;
            });
            if (recorded.get()) {
                listeners.forEach(listener -> listener.accept(event));
            }
        } catch (RuntimeException e) {
            bug.addSuppressed(e);
            LOG.debug("The reconcile error could not be recorded on service={}: {}", key, e.toString());
        }
    }

    /** One pass. Passes of one cluster take turns, so that two services never place onto the same free capacity. */
    private PassOutcome pass(ServiceKey key) {
        return snapshots.inTurn(key.cluster(), () -> passInTurn(key));
    }

    private PassOutcome passInTurn(ServiceKey key) {
        ServiceState state = store.service(key.cluster(), key.service()).orElse(null);
        ClusterRecord cluster = store.cluster(key.cluster()).orElse(null);
        if (state == null || cluster == null) {
            lastProgress.remove(key);
            return PassOutcome.done();
        }
        Instant now = clock.instant();
        ServiceSpec spec = state.spec();
        ClusterSnapshots.GroupRead read = snapshots.readGroup(cluster, spec.taskGroup());
        ClusterPlacement placement = read.placement();
        List<Task> backendTasks = read.tasks();
        NetworkObservation network = spec.hasServiceNetworking() ? networks.observe(state, backendTasks)
                : new NetworkObservation(backendTasks, Map.of(), List.of(), false);
        // Their drain is over: the stop signal may go now.
        network.readyToStop().forEach(s -> backend.stopTask(key.cluster(), s.taskId(), s.stopCode(), s.reason()));
        List<Task> serviceTasks = network.tasks();
        long seed = Objects.hash(key, now.toEpochMilli());
        VictimSelector victims = (candidates, count) -> chooseVictims(candidates, count, placement, spec, seed);
        Set<String> daemonInstances = spec.schedulingStrategy() != SchedulingStrategy.DAEMON ? Set.of()
                : placement.snapshot().daemonInstances(spec, state.primary().taskDefinition().definition());
        ServiceReconciler reconciler = new ServiceReconciler(settings, victims);
        ReconcilePlan plan = reconciler.reconcile(state, new ObservedService(serviceTasks,
                placement.drainingInstances(), daemonInstances, network.loadBalancerHealth()), now);
        if (!store(key, state, plan)) {
            LOG.debug("Service changed during the pass service={}; planning again", key);
            return PassOutcome.again(Duration.ZERO);
        }
        Map<String, Task> stopping = byId(serviceTasks, plan.stops());
        plan.stops().forEach(stop -> stop(key, state, stop, stopping.get(stop.taskId())));
        List<ServiceEvent> events = new ArrayList<>(plan.newEvents());
        Map<String, String> hostEntries = plan.launches().isEmpty() ? Map.of()
                : networks.hostEntries(key.cluster(), spec);
        for (TaskLaunch launch : plan.launches()) {
            RunTaskResult launched = launcher.launch(placement, new TaskLauncher.Launch(key.cluster(),
                    launch.taskDefinition(), launch.group(), launch.deploymentId(), List.of(), launch.count(),
                    spec.effectivePlacementStrategies(), spec.placementConstraints(),
                    launch.instanceId().map(Set::of).orElse(Set.of()), hostEntries), seed);
            launched.failure().ifPresent(failure -> {
                reconciler.placementFailed(plan.next(), failure, now).ifPresent(event -> {
                    store.updateService(key.cluster(), key.service(), s -> s.withEvent(event));
                    events.add(event);
                });
                LOG.debug("Placement failed service={} unplaced={} reasons={}", key, failure.unplacedCount(),
                        failure.instancesByReason());
            });
        }
        plan.forget().forEach(taskId -> backend.forgetTask(key.cluster(), taskId));
        events.forEach(event -> listeners.forEach(listener -> listener.accept(event)));
        if (state.status() != ServiceStatus.ACTIVE) {
            lastProgress.remove(key);
            if (plan.gone()) {
                store.removeService(key.cluster(), key.service());
                networks.serviceRemoved(key.cluster(), key.service());
                return PassOutcome.done();
            }
        } else if (!progressListeners.isEmpty()) {
            int desired = spec.schedulingStrategy() == SchedulingStrategy.DAEMON ? daemonInstances.size()
                    : spec.desiredCount();
            reportProgress(key, progress(key, plan, serviceTasks, desired));
        }
        Duration next = plan.requeueAfter();
        if (network.draining() && next.compareTo(settings.busyRequeue()) > 0) {
            next = settings.busyRequeue(); // a drain ends when connections close: look again soon
        }
        return PassOutcome.again(next);
    }

    /**
     * Stops a task: one that target groups or names hold is taken out of them first and signalled once its drain
     * is over (DEACTIVATING), others are signalled at once.
     */
    /** @return the tasks the stops name, found in one walk; most passes stop none and walk nothing */
    private static Map<String, Task> byId(List<Task> tasks, List<TaskStop> stops) {
        if (stops.isEmpty()) {
            return Map.of();
        }
        Set<String> ids = stops.stream().map(TaskStop::taskId).collect(Collectors.toSet());
        Map<String, Task> found = new HashMap<>();
        for (Task task : tasks) {
            if (ids.contains(task.taskId())) {
                found.put(task.taskId(), task);
            }
        }
        return found;
    }

    private void stop(ServiceKey key, ServiceState state, TaskStop stop, Task task) {
        if (task == null || !networks.deactivate(state, task, stop.stopCode(), stop.reason())) {
            backend.stopTask(key.cluster(), stop.taskId(), stop.stopCode(), stop.reason());
        }
    }

    /**
     * Stores the plan's state before anything is carried out: a crash after this point repeats no counted failure,
     * and the next pass sees what started. A service changed while this pass planned (a deploy, a scale) keeps its
     * change: the plan is dropped unexecuted and the next pass plans again from the new state.
     *
     * @return false if the service changed meanwhile
     */
    private boolean store(ServiceKey key, ServiceState planned, ReconcilePlan plan) {
        AtomicBoolean changedMeanwhile = new AtomicBoolean();
        store.updateService(key.cluster(), key.service(), current -> {
            if (!current.equals(planned)) {
                changedMeanwhile.set(true);
                return current;
            }
            return plan.next();
        });
        return !changedMeanwhile.get();
    }

    /** The PRIMARY deployment as this pass observed it: its tasks before the plan's stops and launches. */
    private static DeploymentProgress progress(ServiceKey key, ReconcilePlan plan, List<Task> serviceTasks,
                                               int desired) {
        Deployment primary = plan.next().primary();
        List<Task> live = serviceTasks.stream().filter(Task::isLive).toList();
        List<Task> mine = live.stream().filter(t -> t.startedBy().equals(primary.id())).toList();
        int running = (int) mine.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
        return new DeploymentProgress(key.cluster(), key.service(), primary.id(), primary.taskDefinition().ref()
                .toString(), desired, running, plan.healthyPrimaryTasks(), mine.size() - running,
                live.size() - mine.size(),
                primary.rolloutState());
    }

    private void reportProgress(ServiceKey key, DeploymentProgress progress) {
        if (progress.equals(lastProgress.put(key, progress))) {
            return;
        }
        for (ProgressListener listener : progressListeners) {
            try {
                listener.onProgress(progress);
            } catch (RuntimeException e) {
                LOG.warn("Progress listener failed service={}: {}", key, e.toString());
            }
        }
    }

    private List<Task> chooseVictims(List<Task> candidates, int count, ClusterPlacement placement, ServiceSpec spec,
                                     long seed) {
        Map<String, Task> byId = candidates.stream().collect(Collectors.toMap(Task::taskId, t -> t));
        // Only the instances the candidates run on matter, not the whole cluster.
        List<InstanceState> hosts = placement.instances(candidates.stream().map(Task::containerInstanceId)
                .collect(Collectors.toSet()));
        Set<String> hostIds = hosts.stream().map(InstanceState::id).collect(Collectors.toSet());
        List<RunningTask> running = new ArrayList<>();
        List<Task> chosen = new ArrayList<>();
        for (Task task : candidates) {
            if (hostIds.contains(task.containerInstanceId())) {
                running.add(new RunningTask(task.taskId(), task.containerInstanceId(), snapshots.reservation(task)));
            } else if (chosen.size() < count) {
                // Tasks on instances the backend no longer reports are gone anyway: choose them first.
                chosen.add(task);
            }
        }
        ScaleInSelector.select(running, hosts, spec.effectivePlacementStrategies(), count - chosen.size(), seed)
                .forEach(r -> chosen.add(byId.get(r.taskId())));
        return chosen;
    }
}
