package dev.berth.api;

import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.internal.state.FileStateStore;
import dev.berth.internal.state.FileTaskDefinitions;
import dev.berth.internal.state.InMemoryStateStore;
import dev.berth.internal.state.StateDirectory;
import dev.berth.internal.state.StateStore;
import dev.berth.model.ArnScope;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.progress.DeploymentProgress;
import dev.berth.progress.ImagePullProgress;
import dev.berth.progress.ProgressListener;
import dev.berth.runtime.BerthRuntime;
import dev.berth.runtime.ServiceKey;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.ServiceEvent;
import dev.berth.spi.ComputeBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Berth's entry point: task definitions, and clusters with their services, tasks and instances, run on one
 * compute backend. It owns a controller that keeps services at their desired state in the background; close it
 * to stop that (tasks keep running).
 *
 * <pre>{@code
 * try (Berth berth = Berth.builder(backend).build()) {
 *     berth.taskDefinitions().register(web);
 *     Cluster dev = berth.clusters().create("dev");
 *     Service svc = dev.services().create(ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
 *             .desiredCount(3).build());
 *     svc.awaitSteady(Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p>Desired state (clusters, task definitions, services) lives in memory unless
 * {@link Builder#stateDirectory(Path) a state directory} is given: then it survives a restart, and a new Berth on
 * the same directory and backend carries on with every service where the old one left off.
 */
public final class Berth implements AutoCloseable {

    private final Context context;
    private final BerthRuntime runtime;
    private final boolean closeBackend;
    private final Optional<StateDirectory> stateDirectory;
    private final ArnScope arnScope;

    private Berth(Builder builder, Optional<StateDirectory> stateDirectory) {
        this.stateDirectory = stateDirectory;
        this.arnScope = builder.arnScope;
        TaskDefinitions taskDefinitions = stateDirectory
                .map(dir -> new TaskDefinitions(FileTaskDefinitions.open(dir, builder.clock, builder.arnScope)))
                .orElseGet(() -> TaskDefinitions.inMemory(builder.clock, builder.arnScope));
        StateStore store = stateDirectory.<StateStore>map(FileStateStore::open).orElseGet(InMemoryStateStore::new);
        boolean backendSchedulesServices = builder.backend.capabilities().schedulesServices();
        runtime = BerthRuntime.start(new BerthRuntime.Settings(builder.backend, store,
                arn -> taskDefinitions.describe(TaskDefinitionRef.parse(arn)).definition(), !backendSchedulesServices,
                builder.settings, builder.clock, Optional.ofNullable(builder.executor), builder.taskIds,
                builder.pollInterval, Optional.ofNullable(builder.progressListener)));
        context = new Context(builder.backend, store, taskDefinitions, runtime, builder.clock);
        closeBackend = builder.closeBackend;
    }

    /**
     * @param backend where tasks run; closed with the Berth unless {@link Builder#closeBackend(boolean)} says otherwise
     * @return a builder running on {@code backend}
     */
    public static Builder builder(ComputeBackend backend) {
        return new Builder(backend);
    }

    /** @return the target groups: Berth's own load balancers on the local backends */
    public TargetGroups targetGroups() {
        return new TargetGroups(context, arnScope);
    }

    /** @return task-definition families and revisions */
    public TaskDefinitions taskDefinitions() {
        return context.taskDefinitions();
    }

    /** @return the clusters */
    public Clusters clusters() {
        return new Clusters(context);
    }

    /** @param listener called with every new service event, on the controller's threads; it must not block */
    public void onServiceEvent(Consumer<ServiceEvent> listener) {
        runtime.controller().onEvent(listener);
    }

    /**
     * Runs one reconcile pass of a service on the calling thread. Tests with a controlled clock use it to drive
     * the controller step by step. On a backend that keeps services itself there is nothing to reconcile, and this
     * does nothing.
     *
     * @param cluster the cluster's name
     * @param service the service's name
     */
    public void reconcileNow(String cluster, String service) {
        context.services().reconcileNow(new ServiceKey(cluster, service));
    }

    /**
     * Stops the controller (and its threads, when Berth created them), releases the state directory and closes
     * the backend if it owns it.
     */
    @Override
    public void close() {
        runtime.close();
        stateDirectory.ifPresent(StateDirectory::close);
        if (closeBackend) {
            context.backend().close();
        }
    }

    /** Builds a {@link Berth}; every setting has a default. */
    public static final class Builder {
        private final ComputeBackend backend;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService executor;
        private ReconcilerSettings settings = ReconcilerSettings.ecsDefaults();
        private ArnScope arnScope = ArnScope.local();
        private Supplier<String> taskIds = Builder::randomTaskId;
        private Duration pollInterval = Duration.ofMillis(200);
        private boolean closeBackend = true;
        private Path stateDirectory;
        private ProgressListener progressListener;

        private Builder(ComputeBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        /** A random UUID's 32 hex digits, as ECS's task ids; formatted without the dashes it would drop. */
        private static String randomTaskId() {
            UUID uuid = UUID.randomUUID();
            HexFormat hex = HexFormat.of();
            return hex.toHexDigits(uuid.getMostSignificantBits()) + hex.toHexDigits(uuid.getLeastSignificantBits());
        }

        /**
         * @param value the time of reconcile passes and records (default: the system clock, UTC)
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value runs reconcile passes; owned by the caller (default: Berth's own daemon threads)
         * @return this builder
         */
        public Builder executor(ScheduledExecutorService value) {
            executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * @param value reconciler timings (default: ECS's)
         * @return this builder
         */
        public Builder reconcilerSettings(ReconcilerSettings value) {
            settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * @param value region and account in ARNs (default: {@link ArnScope#local()})
         * @return this builder
         */
        public Builder arnScope(ArnScope value) {
            arnScope = Objects.requireNonNull(value, "arnScope");
            return this;
        }

        /**
         * @param value new task ids, unique in a cluster (default: random UUIDs without dashes, as ECS's)
         * @return this builder
         */
        public Builder taskIds(Supplier<String> value) {
            taskIds = Objects.requireNonNull(value, "taskIds");
            return this;
        }

        /**
         * @param value the longest time between two checks of a waiter (default: 200 ms)
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is zero or negative
         */
        public Builder waiterPollInterval(Duration value) {
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("waiterPollInterval must be positive, was " + value);
            }
            pollInterval = value;
            return this;
        }

        /**
         * Receives progress where a person waits: {@link DeploymentProgress} of every service's deployment from
         * the controller, and {@link ImagePullProgress} and the like from the backend. For a console,
         * {@link ProgressListener#printingTo(java.io.PrintStream)} renders them as one updating line.
         *
         * @param value the listener; it runs on the controller's and the backend's threads and must not block
         *     (default: none)
         * @return this builder
         */
        public Builder progressListener(ProgressListener value) {
            progressListener = Objects.requireNonNull(value, "progressListener");
            return this;
        }

        /**
         * @param value whether {@link Berth#close()} closes the backend (default: true)
         * @return this builder
         */
        public Builder closeBackend(boolean value) {
            closeBackend = value;
            return this;
        }

        /**
         * Keeps the desired state (clusters, task definitions, services) in {@code directory} instead of in
         * memory, as JSON files replaced atomically, so that it survives a restart. The directory is created if
         * missing and locked while the Berth is open: one Berth at a time, in any process, drives it.
         *
         * @param directory the state directory; default: none, the state lives in memory
         * @return this builder
         */
        public Builder stateDirectory(Path directory) {
            stateDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * @return the Berth; with a state directory, every stored service is reconciled right away
         * @throws IllegalStateException if the backend says it schedules services but offers no managed services
         * @throws ConflictException if another Berth, in this or another process, has the state directory open
         * @throws BerthException if the state directory cannot be created, or a stored file is truncated or
         *     corrupt (the message names the file and its backup)
         */
        public Berth build() {
            if (backend.capabilities().schedulesServices() && backend.managedServices().isEmpty()) {
                throw new IllegalStateException("Backend " + backend.name() + " says it schedules services itself "
                        + "but offers no managedServices(); fix the backend.");
            }
            if (stateDirectory == null) {
                return new Berth(this, Optional.empty());
            }
            StateDirectory directory = StateDirectory.open(stateDirectory);
            try {
                return new Berth(this, Optional.of(directory));
            } catch (RuntimeException e) {
                directory.close();
                throw e;
            }
        }
    }
}
