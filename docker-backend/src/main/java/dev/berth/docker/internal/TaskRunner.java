package dev.berth.docker.internal;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.internal.StartGate.Step;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.ImageRef;
import dev.berth.model.TaskDefinition;
import dev.berth.task.StopCode;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a task's containers and stops them, with ECS's semantics:
 * <ol>
 *   <li>what the engine cannot do is refused ({@link DockerSupport}); secrets, environment files and registry logins
 *       are read ({@link StartInputs}) and images made present first, so that nothing is created for a task that
 *       cannot start; a service task runs the image its deployment pinned ({@link ImagePins},
 *       {@code versionConsistency});</li>
 *   <li>the per-task bridge network is created (awsvpc mode, and bridge mode with more than one container; see
 *       {@link NetworkManager#needsOwnNetwork}), then the task's volumes ({@link TaskVolumes}) and its FireLens
 *       router's socket ({@link FirelensRouting}), then every container, the router's configuration copied into it
 *       ({@link FirelensFiles});</li>
 *   <li>containers start as soon as their {@code dependsOn} conditions hold; a condition that can no longer hold,
 *       or does not within the dependency's startTimeout, stops the task with {@code TaskFailedToStart} and the
 *       dependent is never started; an essential container that exits meanwhile stops it with
 *       {@code EssentialContainerExited};</li>
 *   <li>stopping goes in reverse dependency order, each container getting its stop signal, its stopTimeout, then
 *       SIGKILL; the stopped containers stay (their exit codes readable) until the task is removed, with its network
 *       and its own volumes.</li>
 * </ol>
 * Starting a task whose containers exist starts nothing and returns the task as it is.
 * A task that cannot start is stopped and reported as STOPPED with its reason (ECS's prefixes
 * {@code ResourceInitializationError}, {@code CannotPullContainerError}, {@code CannotCreateContainerError},
 * {@code CannotStartContainerError}); the containers that ran stay, with their logs, exit codes and a stop record,
 * until {@link #remove}, as a stopped task's do. A retryable {@link BackendUnavailableException} (the engine itself is
 * in trouble) is thrown instead, after a best-effort removal of what was created, so that a retry starts afresh.
 */
final class TaskRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final DockerBackendConfig config;
    private final DockerClients clients;
    private final TaskObserver observer;
    private final ContainerStopper stopper;
    private final PresentImages images;
    private final NetworkManager networks;
    private final ContainerSpecMapper mapper;
    private final StartGate gate;
    private final TaskVolumes volumes;
    private final FirelensFiles routerFiles;
    private final ImagePins pins;
    private final StopRecords stopRecords;

    TaskRunner(DockerBackendConfig config, DockerClients clients, TaskObserver observer, ContainerStopper stopper,
               ImageResolver images, NetworkManager networks, StopRecords stopRecords) {
        this.config = config;
        this.stopRecords = stopRecords;
        this.clients = clients;
        this.observer = observer;
        this.stopper = stopper;
        this.images = new PresentImages(images, config.clock());
        this.networks = networks;
        this.mapper = new ContainerSpecMapper(config);
        this.gate = new StartGate(config.maxConcurrentStarts(), config.defaultStartTimeout());
        this.volumes = new TaskVolumes(clients, config.efsDirectories());
        this.routerFiles = new FirelensFiles(clients, config.fileResolver());
        this.pins = new ImagePins(clients, config.clock());
    }

    TaskObservation start(EngineTask submitted) {
        // The router of FireLens starts first, as the ECS agent orders it.
        EngineTask request = submitted.withDefinition(FirelensRouting.routerFirst(submitted.definition()));
        TaskDefinition td = request.definition();
        DependencyOrder order = DependencyOrder.of(td);
        LOG.debug("starting task={} cluster={} taskDefinition={}", request.taskId(), request.cluster(),
                request.taskDefinitionArn());
        // A task is never started twice: its first container's name is fixed by the task id, so a start finds a task
        // created before by the engine's refusal (409) of that name on the first attempt of its first create. A task
        // that has a network, volumes or a FireLens socket created before its first container is asked about first,
        // by one inspection of that name; until the first create is sent, a start that fails asks it then.
        Existence existence = new Existence(request, order, createsBeforeFirstContainer(td));
        if (existence.asked()) {
            Optional<TaskObservation> existing = existence.find();
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Optional<String> unsupported = DockerSupport.unsupported(td);
        if (unsupported.isPresent()) {
            return existence.orElse(() -> notStarted(request, "CannotCreateContainerError: " + unsupported.get()));
        }
        StartInputs inputs;
        try {
            inputs = StartInputs.read(td, config);
        } catch (BerthException e) {
            return existence.orElse(() -> notStarted(request, "ResourceInitializationError: unable to read "
                    + e.getMessage()));
        }
        // versionConsistency: a container whose deployment already pinned its image runs that image, unresolved.
        Map<String, String> pinned = new LinkedHashMap<>();
        try {
            for (ContainerDefinition c : td.containerDefinitions()) {
                Optional<String> pin = ImagePins.applies(request, c) ? pins.pinned(request, c) : Optional.empty();
                if (pin.isPresent() && !pins.present(pin.get())) {
                    String gone = "CannotPullContainerError: container " + c.name() + ": deployment "
                            + request.deployment().orElseThrow() + " resolved " + c.image() + " to " + pin.get()
                            + " (versionConsistency: enabled) and the engine no longer has that image";
                    return existence.orElse(() -> notStarted(request, gone));
                }
                pin.ifPresent(id -> pinned.put(c.name(), id));
            }
        } catch (BerthException e) {
            rethrowIfEngineTrouble(e);
            return existence.orElse(() -> notStarted(request, "CannotPullContainerError: " + e.getMessage()));
        }
        Set<ImageRef> distinctImages = new LinkedHashSet<>();
        td.containerDefinitions().stream().filter(c -> !pinned.containsKey(c.name()))
                .forEach(c -> distinctImages.add(c.image()));
        for (ImageRef image : distinctImages) {
            try {
                images.ensurePresent(image, config.pullPolicy(), Optional.ofNullable(inputs.logins().get(image)));
            } catch (BerthException e) {
                rethrowIfEngineTrouble(e);
                return existence.orElse(() -> notStarted(request, "CannotPullContainerError: " + e.getMessage()));
            }
        }
        try {
            for (ContainerDefinition c : td.containerDefinitions()) {
                if (ImagePins.applies(request, c) && !pinned.containsKey(c.name())) {
                    pinned.put(c.name(), pins.pin(request, c));
                }
            }
        } catch (BerthException e) {
            rethrowIfEngineTrouble(e);
            return existence.orElse(() -> notStarted(request, "CannotPullContainerError: " + e.getMessage()));
        }
        // A clash on the network's name means another process is starting the task right now: nothing of it may be
        // cleaned up here, so the ConflictException goes to the caller.
        Optional<String> network = NetworkManager.needsOwnNetwork(td)
                ? Optional.of(gate.through(Step.CREATE, "create the network of task " + request.taskId(),
                        () -> networks.create(request.taskId(), Labels.forTask(request))))
                : Optional.empty();
        try {
            Map<String, TaskVolumes.Source> sources;
            Optional<FirelensRouting> firelens;
            try {
                sources = volumes.prepare(request);
                firelens = td.firelensContainer().map(router -> new FirelensRouting(request.taskId(), router,
                        FirelensRouting.socketVolumeName(request.taskId()), volumes.createFirelensSocket(request),
                        td.networkMode()));
            } catch (BerthException e) {
                rethrowIfEngineTrouble(e);
                return stopAndRemove(request, StopCode.TASK_FAILED_TO_START,
                        "ResourceInitializationError: failed to create a volume: " + e.getMessage());
            }
            Map<String, List<String>> aliases = NetworkAliases.of(td);
            TaskNamespaces namespaces = TaskNamespaces.of(td, order);
            Map<String, String> ids = new LinkedHashMap<>();
            for (ContainerDefinition c : order.startOrder()) {
                ContainerSpec mapped = mapper.map(request, c, new ContainerSpecMapper.TaskInputs(
                        inputs.secrets().get(c.name()), inputs.fileVariables().get(c.name()), network,
                        aliases.get(c.name()), order.level(c.name()), sources, namespaces,
                        firelens.map(f -> f.forContainer(c, inputs.firelensSecrets()))));
                ContainerSpec spec = pinned.containsKey(c.name()) ? mapped.withImage(pinned.get(c.name())) : mapped;
                try {
                    String id = ids.isEmpty() ? createFirst(spec, existence) : create(spec);
                    ids.put(c.name(), id);
                    if (c.firelensConfiguration().isPresent()) {
                        routerFiles.copyInto(id, request, td);
                    }
                } catch (NameTaken taken) {
                    existence.taken = true;
                    Optional<TaskObservation> existing = existence.find();
                    if (existing.isPresent()) {
                        return existing.get();
                    }
                    return stopAfterFailedStart(request, StopCode.TASK_FAILED_TO_START,
                            "CannotCreateContainerError: " + taken.clash().getMessage());
                } catch (BerthException e) {
                    if (e instanceof ResourceNotFoundException) {
                        // removed since it was found present: look again next time
                        images.forget(c.image());
                        pins.forget(spec.image());
                    }
                    rethrowIfEngineTrouble(e);
                    if (ids.isEmpty()) {
                        Optional<TaskObservation> existing = existence.findUnlessAsked();
                        if (existing.isPresent()) {
                            return existing.get();
                        }
                    }
                    return stopAfterFailedStart(request, StopCode.TASK_FAILED_TO_START,
                            "CannotCreateContainerError: " + e.getMessage());
                }
            }
            try {
                return startInOrder(request, order, ids);
            } finally {
                observer.startsEnded(ids.values());
            }
        } catch (RuntimeException e) {
            if (existence.ownsWhatExists()) {
                cleanUpAfter(request, e);
            }
            throw e;
        }
    }

    /**
     * @return whether a start of the task creates something on the engine before its first container: its
     *     network, volumes or FireLens socket
     */
    static boolean createsBeforeFirstContainer(TaskDefinition td) {
        return NetworkManager.needsOwnNetwork(td) || !td.volumes().isEmpty() || td.firelensContainer().isPresent();
    }

    /**
     * Whether the task of a start exists on the engine already, found by the name of its first container: asked by
     * an inspection before the start creates anything, or told by the engine's refusal of that name.
     */
    private final class Existence {
        private final EngineTask request;
        private final String firstName;
        private final boolean asked;
        private final AtomicInteger firstCreates = new AtomicInteger();
        /** Whether the engine refused the first container's name on the first attempt. */
        private boolean taken;

        Existence(EngineTask request, DependencyOrder order, boolean asked) {
            this.request = request;
            this.firstName = ContainerSpecMapper.dockerName(request.taskId(), order.startOrder().get(0).name());
            this.asked = asked;
        }

        /** @return whether the start asks first, before it creates anything */
        boolean asked() {
            return asked;
        }

        /**
         * @return whether what exists of the task on the engine is this start's, so that a failure may clean it up:
         *     when it asked first and found none, or when it sent the first container's create and the engine did
         *     not refuse the name at once
         */
        boolean ownsWhatExists() {
            return !taken && (asked || firstCreates.get() > 0);
        }

        /** @return the task as it exists on the engine, if its first container does */
        Optional<TaskObservation> find() {
            Optional<TaskObservation> existing = observer.exists(firstName) ? observer.observe(request.taskId())
                    : Optional.empty();
            existing.ifPresent(t -> LOG.debug("task={} exists on the engine; not started twice", request.taskId()));
            return existing;
        }

        /** @return {@link #find()} if the start did not ask first, else empty: it asked and found none */
        Optional<TaskObservation> findUnlessAsked() {
            return asked ? Optional.empty() : find();
        }

        /**
         * @param failed what the start reports when the task does not exist
         * @return the task as it exists, for a start that failed before it created anything; else the failure
         */
        TaskObservation orElse(Supplier<TaskObservation> failed) {
            return findUnlessAsked().orElseGet(failed);
        }
    }

    /** The engine refused the first container's name on the first attempt of its create: the name was taken. */
    private static final class NameTaken extends RuntimeException {
        private final ConflictException clash;

        NameTaken(ConflictException clash) {
            super(clash.getMessage(), clash, false, false);
            this.clash = clash;
        }

        ConflictException clash() {
            return clash;
        }
    }

    /**
     * Stops a task's containers in reverse dependency order and keeps them, so that their exit codes stay readable
     * until {@link #remove}.
     *
     * @param containers the task's containers as just listed
     * @return the task as last seen, every container stopped; empty if there are no containers
     */
    Optional<TaskObservation> stop(List<Container> containers) {
        if (containers.isEmpty()) {
            return Optional.empty();
        }
        stopInWaves(containers);
        return observer.ofContainers(containers.stream().map(Container::getId).toList());
    }

    /** Removes the task's containers, stopped or not, and its network; a task already gone is fine. */
    void remove(String taskId) {
        List<Container> containers = observer.containers(taskId);
        removeContainers(containers);
        // Most tasks have no network of their own: look for one only if a container was on it, or none is left
        // to tell (a start that failed between the network and the first container).
        String own = NetworkManager.networkName(taskId);
        if (containers.isEmpty() || containers.stream().anyMatch(c -> c.getHostConfig() != null
                && own.equals(c.getHostConfig().getNetworkMode()))) {
            networks.removeAll(taskId);
        }
        // Likewise its own volumes: only if a container mounted one, or none is left to tell.
        String ownVolumes = TaskVolumes.taskVolumeName(taskId, "");
        if (containers.isEmpty() || containers.stream().anyMatch(c -> c.getMounts() != null && c.getMounts()
                .stream().anyMatch(m -> m.getName() != null && m.getName().startsWith(ownVolumes)))) {
            volumes.removeTaskScoped(taskId);
        }
    }

    private TaskObservation startInOrder(EngineTask request, DependencyOrder order, Map<String, String> ids) {
        TaskDefinition td = request.definition();
        Map<String, Instant> startedAt = new HashMap<>();
        List<ContainerDefinition> pending = new ArrayList<>(order.startOrder());
        while (!pending.isEmpty()) {
            Map<String, ContainerObservation> states = new HashMap<>();
            for (String name : startedAt.keySet()) {
                states.put(name, observer.inspectStarted(name, ids.get(name)));
            }
            if (states.values().stream().anyMatch(c -> c.essential() && c.status() == TaskStatus.STOPPED)) {
                return stopAfterFailedStart(request, StopCode.ESSENTIAL_CONTAINER_EXITED,
                        TaskStates.ESSENTIAL_EXITED_REASON);
            }
            Instant now = config.clock().instant();
            boolean progressed = false;
            for (ContainerDefinition c : List.copyOf(pending)) {
                List<DependencyCheck> checks = new ArrayList<>();
                for (ContainerDependency d : c.dependsOn()) {
                    checks.add(DependencyCheck.evaluate(d, Optional.ofNullable(states.get(d.containerName())),
                            Optional.ofNullable(startedAt.get(d.containerName())),
                            startTimeout(td, d.containerName()), now));
                }
                Optional<DependencyCheck> failed = checks.stream()
                        .filter(k -> k.verdict() == DependencyCheck.Verdict.FAILED).findFirst();
                if (failed.isPresent()) {
                    return stopAfterFailedStart(request, StopCode.TASK_FAILED_TO_START, "Container '" + c.name()
                            + "' was not started: " + failed.get().reason());
                }
                if (checks.stream().allMatch(k -> k.verdict() == DependencyCheck.Verdict.SATISFIED)) {
                    try {
                        String id = ids.get(c.name());
                        observer.starting(id);
                        gate.run(Step.START, "start container " + c.name(), () -> clients.run("start container "
                                + c.name(), () -> startOnce(id)));
                    } catch (BerthException e) {
                        observer.startsEnded(ids.values()); // what is reported next is inspected afresh
                        rethrowIfEngineTrouble(e);
                        return stopAfterFailedStart(request, StopCode.TASK_FAILED_TO_START,
                                "CannotStartContainerError: " + e.getMessage());
                    }
                    startedAt.put(c.name(), config.clock().instant());
                    pending.remove(c);
                    progressed = true;
                }
            }
            if (!progressed && !pending.isEmpty()) {
                Pause.sleep(config.pollInterval(), "the dependencies of task " + request.taskId());
            }
        }
        return observer.ofContainers(List.copyOf(ids.values())).orElseThrow(() -> new ResourceNotFoundException(
                "Task '" + request.taskId() + "' disappeared from the Docker engine while it started"));
    }

    private Duration startTimeout(TaskDefinition td, String containerName) {
        return td.container(containerName).flatMap(ContainerDefinition::startTimeout)
                .orElse(config.defaultStartTimeout());
    }

    /**
     * Stops what exists of a task that could not start or run, and reports it STOPPED. The containers that ran stay,
     * with their logs and exit codes and the stop's record, until {@link #remove}; those never started (no logs, no
     * exit code) are removed, and so is the task's network: Docker's address pools allow few networks, and a service
     * whose tasks keep failing would otherwise hold one per failed task for the stopped tasks' retention.
     */
    private TaskObservation stopAfterFailedStart(EngineTask request, StopCode code, String reason) {
        LOG.debug("stopping task={} stopCode={} reason={}", request.taskId(), code.ecsName(), reason);
        List<Container> containers = observer.containers(request.taskId());
        List<Container> neverStarted = containers.stream().filter(c -> "created".equals(c.getState())).toList();
        if (neverStarted.size() < containers.size()) {
            stopRecords.record(request.taskId(), containers, code, reason);
        }
        stopInWaves(containers);
        Optional<TaskObservation> last = observer.observe(request.taskId());
        removeContainers(neverStarted);
        networks.removeAll(request.taskId());
        return last.orElseGet(() -> TaskStates.derive(Labels.forTask(request), List.of()))
                .withStop(code, reason).withLastStatus(TaskStatus.STOPPED);
    }

    /** Stops and removes what exists of a task whose start the engine's trouble cut short. */
    private TaskObservation stopAndRemove(EngineTask request, StopCode code, String reason) {
        LOG.debug("stopping task={} stopCode={} reason={}", request.taskId(), code.ecsName(), reason);
        List<Container> containers = observer.containers(request.taskId());
        stopInWaves(containers);
        Optional<TaskObservation> last = observer.observe(request.taskId());
        removeContainers(containers);
        networks.removeAll(request.taskId());
        volumes.removeTaskScoped(request.taskId());
        return last.orElseGet(() -> TaskStates.derive(Labels.forTask(request), List.of()))
                .withStop(code, reason).withLastStatus(TaskStatus.STOPPED);
    }

    /** Stops containers deepest dependency level first, each level's containers together. */
    private void stopInWaves(List<Container> containers) {
        TreeMap<Integer, List<ContainerStopper.Target>> waves = new TreeMap<>(Comparator.reverseOrder());
        for (Container c : containers) {
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            int level = parseInt(labels.get(Labels.DEPENDENCY_LEVEL), 0);
            long graceMs = parseLong(labels.get(Labels.STOP_TIMEOUT_MS), config.defaultStopTimeout().toMillis());
            waves.computeIfAbsent(level, l -> new ArrayList<>()).add(new ContainerStopper.Target(c.getId(),
                    labels.getOrDefault(Labels.CONTAINER, c.getId()), Duration.ofMillis(graceMs)));
        }
        waves.values().forEach(stopper::stop);
    }

    private void removeContainers(List<Container> containers) {
        for (Container c : containers) {
            try {
                clients.run("remove container " + c.getId(), () -> clients.calls().removeContainerCmd(c.getId())
                        .withForce(true).withRemoveVolumes(true).exec());
            } catch (ResourceNotFoundException gone) {
                // removed meanwhile: the goal is reached
            }
        }
    }

    private TaskObservation notStarted(EngineTask request, String reason) {
        LOG.debug("task={} failed to start: {}", request.taskId(), reason);
        return TaskStates.derive(Labels.forTask(request), List.of())
                .withStop(StopCode.TASK_FAILED_TO_START, reason);
    }

    private String create(ContainerSpec spec) {
        return gate.through(Step.CREATE, "create container " + spec.dockerName(),
                () -> createOnce(spec, new AtomicInteger(), false));
    }

    /**
     * Creates the task's first container.
     *
     * @throws NameTaken if the engine refused its name on the first attempt: a container of that name existed
     *     before this start, which must then not start the task again
     */
    private String createFirst(ContainerSpec spec, Existence existence) {
        return gate.through(Step.CREATE, "create container " + spec.dockerName(),
                () -> createOnce(spec, existence.firstCreates, true));
    }

    /**
     * Creates the container; a name clash with a never-started container of this very task (for the task's first
     * container: on a retry only) is this start's own earlier attempt, whose answer was lost on the way (the engine
     * created it, the call was retried): that container is the one.
     *
     * @param attempts counts the attempts sent to the engine
     * @param first whether it is the task's first container
     * @throws NameTaken if it is the first and the engine refused its name on the first attempt
     */
    private String createOnce(ContainerSpec spec, AtomicInteger attempts, boolean first) {
        try {
            return createNow(spec, attempts);
        } catch (ConflictException clash) {
            if (first && attempts.get() == 1) {
                throw new NameTaken(clash);
            }
            InspectContainerResponse existing;
            try {
                existing = clients.call("inspect container " + spec.dockerName(),
                        () -> clients.calls().inspectContainerCmd(spec.dockerName()).exec());
            } catch (ResourceNotFoundException goneMeanwhile) {
                throw clash;
            }
            Map<String, String> labels = existing.getConfig() == null || existing.getConfig().getLabels() == null
                    ? Map.of() : existing.getConfig().getLabels();
            if (!spec.labels().get(Labels.TASK).equals(labels.get(Labels.TASK))
                    || !"created".equals(existing.getState().getStatus())) {
                throw clash;
            }
            LOG.debug("container={} was created by an attempt whose answer was lost; using it", spec.dockerName());
            return existing.getId();
        }
    }

    /** Starts the container; one that runs already was started by an attempt whose answer was lost. */
    private void startOnce(String containerId) {
        try {
            clients.calls().startContainerCmd(containerId).exec();
        } catch (NotModifiedException alreadyStarted) {
            LOG.debug("container={} was started already (an attempt whose answer was lost)", containerId);
        }
    }

    private String createNow(ContainerSpec spec, AtomicInteger attempts) {
        long since = System.nanoTime();
        String id = clients.call("create container " + spec.dockerName(), () -> {
            attempts.incrementAndGet();
            CreateContainerCmd cmd = clients.calls().createContainerCmd(spec.image())
                    .withName(spec.dockerName())
                    .withLabels(spec.labels())
                    .withEnv(spec.env())
                    .withExposedPorts(spec.exposedPorts())
                    .withHostConfig(spec.hostConfig());
            if (!spec.entrypoint().isEmpty()) {
                cmd.withEntrypoint(spec.entrypoint());
            }
            if (!spec.cmd().isEmpty()) {
                cmd.withCmd(spec.cmd());
            }
            spec.workingDir().ifPresent(cmd::withWorkingDir);
            spec.user().ifPresent(cmd::withUser);
            spec.healthCheck().ifPresent(cmd::withHealthcheck);
            spec.hostname().ifPresent(cmd::withHostName);
            if (spec.networkDisabled()) {
                cmd.withNetworkDisabled(true);
            }
            if (spec.stdinOpen()) {
                cmd.withStdinOpen(true);
            }
            if (spec.tty()) {
                cmd.withTty(true);
            }
            if (!spec.networkAliases().isEmpty()) {
                cmd.withAliases(spec.networkAliases());
            }
            return cmd.exec().getId();
        });
        observer.created(id, spec, since);
        return id;
    }

    private static void rethrowIfEngineTrouble(BerthException e) {
        if (e instanceof BackendUnavailableException unavailable && unavailable.isRetryable()) {
            throw unavailable;
        }
    }

    private void cleanUpAfter(EngineTask request, RuntimeException failure) {
        String taskId = request.taskId();
        try {
            stopAndRemove(request, StopCode.TASK_FAILED_TO_START, "clean-up after " + failure.getMessage());
        } catch (RuntimeException cleanupFailure) {
            failure.addSuppressed(cleanupFailure);
            LOG.warn("clean-up of task={} failed; its containers carry label {}={} for a later clean-up", taskId,
                    Labels.TASK, taskId);
        }
    }

    private static int parseInt(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long parseLong(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
