package dev.berth.runtime;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.BerthException;
import dev.berth.internal.state.StateStore;
import dev.berth.model.TaskDefinition;
import dev.berth.progress.ProgressListener;
import dev.berth.reconciler.ServiceState;
import dev.berth.runtime.network.ServiceNetworks;
import dev.berth.service.ReconcilerSettings;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one Berth runs in the background, and the parts its API calls into: the service controller with its work
 * queue, the cluster snapshots and the task launcher every placement goes through, the waiter, and the sweeper of
 * stopped standalone tasks. It subscribes to the backend's change signals (a changed cluster gets its services a
 * pass soon) and progress, and gives every stored service a pass when it starts, so that a new Berth on a state
 * directory carries on where the old one left off.
 */
public final class BerthRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BerthRuntime.class);
    /** Passes of different services run in parallel; two threads suit a laptop and a CI runner alike. */
    private static final int CONTROLLER_THREADS = 2;

    private final ComputeBackend backend;
    private final StateStore store;
    private final boolean reconcilesServices;
    private final ScheduledExecutorService executor;
    private final Optional<ScheduledExecutorService> ownedExecutor;
    private final ClusterSnapshots snapshots;
    private final TaskLauncher launcher;
    private final ServiceController controller;
    private final Waiter waiter;
    private final StandaloneTaskSweeper sweeper;
    private final Duration sweepInterval;
    private final Subscription taskChanges;
    private final Subscription backendProgress;
    private final ServiceNetworks networks;
    private final Subscription networkChanges;
    private volatile ScheduledFuture<?> nextSweep;
    private volatile boolean closed;

    /**
     * Settings of a runtime.
     *
     * @param backend where tasks run
     * @param store where clusters and services are kept
     * @param revisionByArn the task definition of a revision's ARN (tasks carry the ARN they run)
     * @param reconcilesServices whether Berth's controller keeps the services (false when the backend schedules
     *     them itself)
     * @param settings reconciler timings
     * @param clock the time of passes and records
     * @param executor runs passes and sweeps; empty = the runtime's own daemon threads, shut down on close
     * @param taskIds new task ids, unique in a cluster
     * @param pollInterval the longest time between two checks of a waiter
     * @param progressListener receives deployment progress from the controller and progress from the backend
     */
    public record Settings(ComputeBackend backend, StateStore store, Function<String, TaskDefinition> revisionByArn,
                           boolean reconcilesServices, ReconcilerSettings settings, Clock clock,
                           Optional<ScheduledExecutorService> executor, Supplier<String> taskIds,
                           Duration pollInterval, Optional<ProgressListener> progressListener) {
        /** @throws NullPointerException if a component is null */
        public Settings {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(revisionByArn, "revisionByArn");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(executor, "executor");
            Objects.requireNonNull(taskIds, "taskIds");
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(progressListener, "progressListener");
        }
    }

    private BerthRuntime(Settings settings) {
        backend = settings.backend();
        store = settings.store();
        reconcilesServices = settings.reconcilesServices();
        ownedExecutor = settings.executor().isPresent() ? Optional.empty()
                : Optional.of(Executors.newScheduledThreadPool(CONTROLLER_THREADS, daemonThreads()));
        executor = settings.executor().or(() -> ownedExecutor).orElseThrow();
        snapshots = new ClusterSnapshots(backend, settings.revisionByArn());
        launcher = new TaskLauncher(backend, settings.taskIds());
        // ECS registers the tasks of the services it keeps itself: Berth's balancers run only for its own.
        networks = new ServiceNetworks(reconcilesServices ? backend.loadBalancing() : Optional.empty(), store,
                settings.clock());
        openStoredNetworking(settings.revisionByArn());
        controller = new ServiceController(backend, store, snapshots, launcher, settings.settings(),
                settings.clock(), executor, networks);
        networkChanges = networks.available() ? backend.loadBalancing().orElseThrow()
                .onChange(this::enqueueNetworkedServices) : () -> { };
        waiter = new Waiter(settings.pollInterval(), settings.clock());
        controller.afterEachPass(waiter::signal);
        backendProgress = settings.progressListener().map(listener -> {
            controller.onProgress(listener);
            return backend.onProgress(listener);
        }).orElse(() -> { });
        sweeper = new StandaloneTaskSweeper(backend, store, settings.settings().stoppedTaskRetention(),
                settings.clock());
        sweepInterval = settings.settings().idleResync();
        // Services stored by an earlier Berth carry on: each gets a pass, which re-adopts its running tasks.
        for (ClusterRecord cluster : store.clusters()) {
            forEachService(cluster.name(), controller::enqueue);
        }
        // Edge-triggered help for the level-triggered controller: a change the backend reports gets the cluster's
        // services a pass soon; their periodic resync still catches whatever the signal misses.
        taskChanges = backend.onTaskChange(cluster -> forEachService(cluster, controller::enqueueAfterChange));
        scheduleSweep();
    }

    /**
     * Starts the controller loop and the sweeps.
     *
     * @param settings the runtime's parts and timings
     * @return the running runtime
     */
    public static BerthRuntime start(Settings settings) {
        return new BerthRuntime(settings);
    }

    /** @return the service controller */
    public ServiceController controller() {
        return controller;
    }

    /** @return the cluster snapshots, and the turns of placements per cluster */
    public ClusterSnapshots snapshots() {
        return snapshots;
    }

    /** @return the one way tasks Berth places are started */
    public TaskLauncher launcher() {
        return launcher;
    }

    /** @return Berth's target groups and Service Connect endpoints, and its tasks' registrations with them */
    public ServiceNetworks networks() {
        return networks;
    }

    /** @return the waiter, signalled after every pass */
    public Waiter waiter() {
        return waiter;
    }

    /**
     * Asks for a pass of every service of a cluster, e.g. after one of its instances was drained.
     *
     * @param cluster the cluster's name
     */
    public void enqueueServices(String cluster) {
        forEachService(cluster, controller::enqueue);
    }

    /** Stops the loop and the sweeps, and the threads when the runtime created them. */
    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> sweep = nextSweep;
        if (sweep != null) {
            sweep.cancel(false);
        }
        taskChanges.close();
        networkChanges.close();
        backendProgress.close();
        controller.close();
        networks.close();
        ownedExecutor.ifPresent(owned -> {
            owned.shutdownNow();
            try {
                owned.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Target groups and the endpoints of services stored by an earlier Berth open before the first pass, so that
     * tasks started from then on find their names.
     */
    private void openStoredNetworking(Function<String, TaskDefinition> revisionByArn) {
        if (!networks.available()) {
            return;
        }
        store.targetGroups().forEach(networks::openTargetGroup);
        for (ClusterRecord cluster : store.clusters()) {
            for (ServiceState service : store.services(cluster.name())) {
                try {
                    networks.serviceChanged(cluster.name(), service.spec(),
                            service.primary().taskDefinition().definition());
                } catch (BerthException e) {
                    LOG.warn("The networking of service cluster={} service={} cannot open: {}", cluster.name(),
                            service.spec().name(), e.getMessage());
                }
            }
        }
    }

    /** A target's health changed or a drain ended: the services with load balancers or names take a look. */
    private void enqueueNetworkedServices() {
        for (ClusterRecord cluster : store.clusters()) {
            for (ServiceState service : store.services(cluster.name())) {
                if (service.spec().hasServiceNetworking()) {
                    controller.enqueueAfterChange(new ServiceKey(cluster.name(), service.spec().name()));
                }
            }
        }
    }

    private void forEachService(String cluster, Consumer<ServiceKey> action) {
        if (!reconcilesServices) {
            return; // the backend keeps its services itself
        }
        for (ServiceState service : store.services(cluster)) {
            action.accept(new ServiceKey(cluster, service.spec().name()));
        }
    }

    /** Stopped standalone tasks are forgotten after the retention, checked at the controller's idle resync. */
    private void scheduleSweep() {
        if (closed) {
            return;
        }
        try {
            nextSweep = executor.schedule(() -> {
                try {
                    sweeper.sweepOnce();
                } finally {
                    scheduleSweep();
                }
            }, sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            closed = true; // the caller's executor is shut down: no more sweeps, as no more passes
        }
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "berth-controller");
            thread.setDaemon(true);
            return thread;
        };
    }
}
