package dev.berth.reconciler;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.BerthException;
import dev.berth.internal.state.StateStore;
import dev.berth.network.runtime.NetworkObservation;
import dev.berth.network.runtime.ServiceNetworks;
import dev.berth.progress.DeploymentProgress;
import dev.berth.progress.ProgressListener;
import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.PlacementEngine;
import dev.berth.scheduler.PlacementRequest;
import dev.berth.scheduler.PlacementResult;
import dev.berth.scheduler.RunningTask;
import dev.berth.scheduler.ScaleInSelector;
import dev.berth.scheduler.TaskPlacement;
import dev.berth.service.Deployment;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceState;
import dev.berth.service.ServiceStatus;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.TaskStartRequest;
import dev.berth.task.StopCode;
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
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps services at their desired state: a level-triggered loop around {@link ServiceReconciler}. Each pass
 * re-reads the service from the {@link StateStore} and its tasks and instances from the backend, stores the
 * reconciler's new state, then stops, then places and starts tasks, and asks to run again after the plan's
 * delay. A de-duplicating queue runs at most one pass per service at a time; passes of different services run
 * in parallel on the given executor. A pass that fails (backend unreachable) is retried with backoff.
 */
public final class ServiceController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceController.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ComputeBackend backend;
    private final StateStore store;
    private final ClusterSnapshots snapshots;
    private final ReconcilerSettings settings;
    private final Clock clock;
    private final Supplier<String> taskIds;
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
     * @param settings reconciler timings
     * @param clock the time of each pass
     * @param executor runs passes; owned by the caller
     * @param taskIds new task ids, unique in a cluster
     */
    public ServiceController(ComputeBackend backend, StateStore store, ClusterSnapshots snapshots,
                             ReconcilerSettings settings, Clock clock, ScheduledExecutorService executor,
                             Supplier<String> taskIds) {
        this(backend, store, snapshots, settings, clock, executor, taskIds,
                new ServiceNetworks(Optional.empty(), store, clock));
    }

    /**
     * @param backend where tasks run
     * @param store where services are kept
     * @param snapshots reads clusters for placement and makes placements in one cluster take turns
     * @param settings reconciler timings
     * @param clock the time of each pass
     * @param executor runs passes; owned by the caller
     * @param taskIds new task ids, unique in a cluster
     * @param networks registers tasks with target groups and names, and drains them before their stop
     */
    public ServiceController(ComputeBackend backend, StateStore store, ClusterSnapshots snapshots,
                             ReconcilerSettings settings, Clock clock, ScheduledExecutorService executor,
                             Supplier<String> taskIds, ServiceNetworks networks) {
        this.networks = Objects.requireNonNull(networks, "networks");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.store = Objects.requireNonNull(store, "store");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.taskIds = Objects.requireNonNull(taskIds, "taskIds");
        this.queue = new WorkQueue<>(executor, this::passSafely);
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
     * Runs one pass now, on the calling thread, bypassing the queue: for tests and for callers that drive the
     * loop themselves.
     *
     * @param key the service
     * @return when the service wants its next pass; empty once the service is gone
     */
    public Optional<Duration> reconcileOnce(ServiceKey key) {
        return Optional.ofNullable(pass(key));
    }

    @Override
    public void close() {
        queue.close();
    }

    private Duration passSafely(ServiceKey key) {
        try {
            Duration next = pass(key);
            synchronized (failedPasses) {
                failedPasses.remove(key);
            }
            return next;
        } catch (BerthException | IllegalArgumentException | IllegalStateException e) {
            int failures;
            synchronized (failedPasses) {
                failures = failedPasses.merge(key, 1, Integer::sum);
            }
            Duration backoff = settings.busyRequeue().multipliedBy(1L << Math.min(failures, 5));
            backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
            LOG.warn("Reconcile pass failed service={} attempt={} retryIn={}: {}", key, failures, backoff,
                    e.getMessage());
            return backoff;
        } finally {
            passListeners.forEach(Runnable::run);
        }
    }

    /**
     * One pass; returns when to run again, or null when the service is gone. Passes of one cluster take turns,
     * so that two services never place onto the same free capacity.
     */
    private Duration pass(ServiceKey key) {
        return snapshots.inTurn(key.cluster(), () -> passInTurn(key));
    }

    private Duration passInTurn(ServiceKey key) {
        ServiceState state = store.service(key.cluster(), key.service()).orElse(null);
        ClusterRecord cluster = store.cluster(key.cluster()).orElse(null);
        if (state == null || cluster == null) {
            lastProgress.remove(key);
            return null;
        }
        Instant now = clock.instant();
        List<Task> clusterTasks = backend.tasks(key.cluster());
        ClusterSnapshot snapshot = snapshots.snapshot(cluster, clusterTasks);
        ServiceSpec spec = state.spec();
        String group = spec.taskGroup();
        List<Task> backendTasks = clusterTasks.stream().filter(t -> t.group().equals(group)).toList();
        NetworkObservation network = spec.hasServiceNetworking() ? networks.observe(state, backendTasks)
                : new NetworkObservation(backendTasks, Map.of(), List.of(), false);
        // Their drain is over: the stop signal may go now.
        network.readyToStop().forEach(s -> backend.stopTask(key.cluster(), s.taskId(), s.stopCode(), s.reason()));
        List<Task> serviceTasks = network.tasks();
        if (state.status() == ServiceStatus.DRAINING) {
            lastProgress.remove(key);
            return drain(key, state, serviceTasks);
        }
        long seed = Objects.hash(key, now.toEpochMilli());
        VictimSelector victims = (candidates, count) -> chooseVictims(candidates, count, snapshot, spec, seed);
        Set<String> daemonInstances = snapshot.daemonInstances(spec, state.primary().taskDefinition().definition());
        ReconcilePlan plan = new ServiceReconciler(settings, victims)
                .reconcile(state, new ObservedService(serviceTasks, snapshot.drainingInstances(), daemonInstances,
                        network.loadBalancerHealth()), now);
        // Store first: a crash after this point repeats no counted failure, and the next pass sees what started.
        // A service changed while this pass planned (a deploy, a scale) keeps its change: the plan is dropped
        // unexecuted and the next pass plans again from the new state.
        AtomicBoolean changedMeanwhile = new AtomicBoolean();
        store.updateService(key.cluster(), key.service(), current -> {
            if (!current.equals(state)) {
                changedMeanwhile.set(true);
                return current;
            }
            return plan.next();
        });
        if (changedMeanwhile.get()) {
            LOG.debug("Service changed during the pass service={}; planning again", key);
            return Duration.ZERO;
        }
        Map<String, Task> byId = new HashMap<>();
        serviceTasks.forEach(t -> byId.put(t.taskId(), t));
        plan.stops().forEach(stop -> stop(key, state, stop.taskId(), byId.get(stop.taskId()), stop.stopCode(),
                stop.reason()));
        List<ServiceEvent> events = new ArrayList<>(plan.newEvents());
        Duration next = plan.requeueAfter();
        if (network.draining() && next.compareTo(settings.busyRequeue()) > 0) {
            next = settings.busyRequeue(); // a drain ends when connections close: look again soon
        }
        Map<String, String> hostEntries = networks.hostEntries(key.cluster(), spec);
        for (TaskLaunch launch : plan.launches()) {
            PlacementResult placed = place(launch, spec, snapshot, seed);
            for (TaskPlacement placement : placed.placements()) {
                backend.startTask(new TaskStartRequest(key.cluster(), taskIds.get(), placement.instanceId(),
                        launch.taskDefinition(), launch.group(), launch.deploymentId(), List.of(), hostEntries));
            }
            placed.failure().ifPresent(failure -> {
                ServiceEvent event = new ServiceEvent(now, ServiceEvent.Kind.SERVICE_TASK_PLACEMENT_FAILURE,
                        failure.ecsMessage(spec.name()) + " " + failure.explanation());
                if (!plan.next().events().isSuppressed(event)) {
                    store.updateService(key.cluster(), key.service(), s -> s.withEvent(event));
                    events.add(event);
                }
                LOG.debug("Placement failed service={} unplaced={} reasons={}", key, failure.unplacedCount(),
                        failure.instancesByReason());
            });
        }
        forgetAccountedStoppedTasks(key, serviceTasks, plan.next(), now);
        events.forEach(event -> listeners.forEach(listener -> listener.accept(event)));
        if (!progressListeners.isEmpty()) {
            int desired = spec.schedulingStrategy() == SchedulingStrategy.DAEMON ? daemonInstances.size()
                    : spec.desiredCount();
            reportProgress(key, progress(key, plan, serviceTasks, desired));
        }
        return next;
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

    /**
     * A deleted service: stop its tasks, forget each one as soon as it is STOPPED (so that the backend's clean-up
     * of the first overlaps with the stopping of the last), and remove the service once none is left.
     */
    private Duration drain(ServiceKey key, ServiceState state, List<Task> serviceTasks) {
        List<Task> live = serviceTasks.stream().filter(Task::isLive).toList();
        live.forEach(t -> stop(key, state, t.taskId(), t, StopCode.SERVICE_SCHEDULER_INITIATED,
                "Service " + key.service() + " deleted."));
        serviceTasks.stream().filter(t -> t.lastStatus() == TaskStatus.STOPPED)
                .forEach(t -> backend.forgetTask(key.cluster(), t.taskId()));
        boolean stopped = serviceTasks.stream().allMatch(t -> t.lastStatus() == TaskStatus.STOPPED);
        if (live.isEmpty() && stopped) {
            store.removeService(key.cluster(), key.service());
            networks.serviceRemoved(key.cluster(), key.service());
            return null;
        }
        return settings.busyRequeue();
    }

    /**
     * Stops a task: one that target groups or names hold is taken out of them first and signalled once its drain
     * is over (DEACTIVATING), others are signalled at once.
     */
    private void stop(ServiceKey key, ServiceState state, String taskId, Task task, StopCode code, String reason) {
        if (task == null || !networks.deactivate(state, task, code, reason)) {
            backend.stopTask(key.cluster(), taskId, code, reason);
        }
    }

    private PlacementResult place(TaskLaunch launch, ServiceSpec spec, ClusterSnapshot snapshot, long seed) {
        PlacementRequest request = PlacementRequest.forTaskDefinition(launch.taskDefinition().definition(),
                        launch.group())
                .count(launch.count())
                .strategies(spec.effectivePlacementStrategies())
                .constraints(spec.placementConstraints())
                .build();
        List<InstanceState> candidates = launch.instanceId()
                .map(id -> snapshot.instances().stream().filter(i -> i.id().equals(id)).toList())
                .orElse(snapshot.instances());
        return PlacementEngine.of(candidates).place(request, seed);
    }

    private List<Task> chooseVictims(List<Task> candidates, int count, ClusterSnapshot snapshot, ServiceSpec spec,
                                     long seed) {
        Map<String, Task> byId = candidates.stream().collect(Collectors.toMap(Task::taskId, t -> t));
        Set<String> instanceIds = snapshot.instances().stream().map(InstanceState::id).collect(Collectors.toSet());
        List<RunningTask> running = new ArrayList<>();
        List<Task> chosen = new ArrayList<>();
        for (Task task : candidates) {
            if (instanceIds.contains(task.containerInstanceId())) {
                running.add(new RunningTask(task.taskId(), task.containerInstanceId(), snapshots.reservation(task)));
            } else if (chosen.size() < count) {
                // Tasks on instances the backend no longer reports are gone anyway: choose them first.
                chosen.add(task);
            }
        }
        ScaleInSelector.select(running, snapshot.instances(), spec.effectivePlacementStrategies(),
                        count - chosen.size(), seed)
                .forEach(r -> chosen.add(byId.get(r.taskId())));
        return chosen;
    }

    /** Stopped tasks the reconciler has counted are dropped from the backend once they are old enough. */
    private void forgetAccountedStoppedTasks(ServiceKey key, List<Task> serviceTasks, ServiceState next, Instant now) {
        if (next.accountedStoppedTasks().isEmpty()) {
            return; // a steady service has no stopped task: no walk over its tasks
        }
        Instant oldIfStoppedBy = now.minus(settings.stoppedTaskRetention());
        for (Task task : serviceTasks) {
            boolean old = task.stoppedAt().isPresent() && !task.stoppedAt().get().isAfter(oldIfStoppedBy);
            if (old && next.accountedStoppedTasks().contains(task.taskId())) {
                backend.forgetTask(key.cluster(), task.taskId());
            }
        }
    }
}
