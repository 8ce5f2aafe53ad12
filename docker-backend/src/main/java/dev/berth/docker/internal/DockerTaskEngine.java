package dev.berth.docker.internal;

import com.github.dockerjava.api.model.Container;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineInstance;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.progress.ProgressListener;
import dev.berth.spi.Subscription;
import dev.berth.task.StopCode;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs tasks as containers on one Docker engine: the engine-facing half of the Docker backend, which the SPI
 * adapter wraps. It keeps no state of its own: every answer is read from the engine and the labels on what it
 * created, so a new instance on the same engine sees and can stop what an earlier one started.
 *
 * <p>Every call is bounded: short calls by {@code DockerTimeouts.call}, pulls by {@code DockerTimeouts.pull},
 * dependency waits by startTimeout and stops by stopTimeout plus one call timeout.
 */
public final class DockerTaskEngine implements AutoCloseable {

    private final DockerClients clients;
    private final EngineInspector inspector;
    private final TaskObserver observer;
    private final TaskRunner runner;
    private final ContainerRestarter restarter;
    private final StopRecords stopRecords;
    private final Leftovers leftovers;
    private final Instant openedAt;
    private final LogReader logs;
    private final EngineEvents events;
    private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();
    private final ProgressRelay progress = new ProgressRelay();
    private final NamespaceNetworks namespaces;

    private DockerTaskEngine(DockerBackendConfig config) {
        openedAt = config.clock().instant();
        clients = DockerClients.open(config);
        inspector = new EngineInspector(clients);
        observer = new TaskObserver(clients, config.labels());
        ContainerStopper stopper = new ContainerStopper(clients, config.clock(), config.pollInterval(),
                config.timeouts().call());
        stopRecords = new StopRecords(clients, config.labels());
        runner = new TaskRunner(config, clients, observer, stopper,
                new ImageResolver(clients, config.timeouts().pull(), config.registryCredentials(),
                        progress),
                new NetworkManager(clients), stopRecords);
        restarter = new ContainerRestarter(clients, observer);
        namespaces = new NamespaceNetworks(clients, config.labels());
        leftovers = new Leftovers(clients, config.labels());
        logs = new LogReader(clients, config.timeouts().call());
        events = new EngineEvents(clients, config.dockerHost().toString(), config.labels(),
                (containerId, action, cluster) -> {
                    observer.changed(containerId, action);
                    changeListeners.forEach(l -> l.accept(cluster));
                });
    }

    /**
     * @param config the engine and the backend's settings
     * @return an engine handle; nothing is contacted yet
     */
    public static DockerTaskEngine connect(DockerBackendConfig config) {
        return new DockerTaskEngine(config);
    }

    /**
     * @throws dev.berth.exception.BackendUnavailableException if the engine does not answer within the ping timeout
     */
    public void ping() {
        clients.run("answer a ping", () -> clients.ping().pingCmd().exec());
    }

    /**
     * @return the engine as a container instance
     * @throws dev.berth.exception.BackendUnavailableException if the engine does not answer
     */
    public EngineInstance describe() {
        return inspector.describe();
    }

    /**
     * Starts a task and returns once every container has started, or once the task has failed to start. A task
     * whose containers exist already is not started again: it is returned as it is.
     *
     * @param request the task to run
     * @return the task, RUNNING; or STOPPED with its stop code and reason when it could not start (then the
     *     containers that ran stay, stopped, with their logs, until {@link #remove})
     * @throws dev.berth.exception.ConflictException if another process is creating the same task right now
     * @throws dev.berth.exception.BackendUnavailableException if the engine is unreachable or too slow
     */
    public TaskObservation start(EngineTask request) {
        return runner.start(request);
    }

    /**
     * @param taskId a task's ID
     * @return the task as the engine reports it now, if any of its containers exists
     * @throws dev.berth.exception.BackendUnavailableException if the engine does not answer
     */
    public Optional<TaskObservation> observe(String taskId) {
        return observer.observe(taskId);
    }

    /**
     * One list of the cluster's containers by label, plus an inspection of each container whose listed state or
     * health changed since the last observation ({@link #inspections()} counts them). The cluster's first
     * observation in this process also reads every stop record of the cluster (one list), and removes what an
     * earlier process left half made or half removed: stop records and task networks without containers.
     *
     * @param cluster a cluster name
     * @return every task of that cluster on the engine, found by labels
     * @throws dev.berth.exception.BackendUnavailableException if the engine does not answer
     */
    public List<TaskObservation> list(String cluster) {
        List<TaskObservation> tasks = observer.list(cluster);
        Set<String> ids = tasks.stream().map(TaskObservation::taskId).collect(Collectors.toSet());
        stopRecords.readCluster(cluster, ids, openedAt);
        leftovers.sweepOnce(cluster, ids, openedAt);
        return tasks;
    }

    /** @return when this handle was made: tasks created before it were started by an earlier process */
    public Instant openedAt() {
        return openedAt;
    }

    /** @return how many container inspections observation has made so far, for diagnostics */
    public long inspections() {
        return observer.inspections();
    }

    /**
     * Stops a task gracefully in reverse dependency order (stop signal, stopTimeout, SIGKILL) and keeps its
     * stopped containers until {@link #remove}. Before the first signal it keeps on the engine why Berth stops the
     * task, for a process that re-adopts it later ({@link #recordedStop}); the first record of a task sticks.
     *
     * @param taskId the task
     * @param code its stop code
     * @param reason its stopped reason
     * @return the task as it was last seen, every container STOPPED with its exit code; empty if no container of
     *     the task exists (then nothing is recorded)
     * @throws dev.berth.exception.BackendUnavailableException if the engine does not answer, or a container still
     *     runs after SIGKILL
     */
    public Optional<TaskObservation> stop(String taskId, StopCode code, String reason) {
        return stopContainers(recordStop(taskId, code, reason));
    }

    /**
     * The first half of {@link #stop}: keeps on the engine why Berth stops the task, before any signal.
     *
     * @param taskId the task
     * @param code its stop code
     * @param reason its stopped reason
     * @return the task's containers, for {@link #stopContainers}; none if the task has none (nothing is recorded)
     * @throws dev.berth.exception.BackendUnavailableException if the engine does not answer
     */
    public List<Container> recordStop(String taskId, StopCode code, String reason) {
        List<Container> containers = observer.containers(taskId);
        stopRecords.record(taskId, containers, code, reason);
        return containers;
    }

    /**
     * The second half of {@link #stop}: signals the containers {@link #recordStop} returned and waits until they
     * stopped.
     *
     * @param containers the task's containers
     * @return the task as it was last seen, every container STOPPED; empty if there are no containers
     * @throws dev.berth.exception.BackendUnavailableException if the engine does not answer, or a container still
     *     runs after SIGKILL
     */
    public Optional<TaskObservation> stopContainers(List<Container> containers) {
        return runner.stop(containers);
    }

    /**
     * @param taskId the task
     * @return the stop code and reason Berth recorded for the task, if any; asked of the engine once per task and
     *     process
     * @throws dev.berth.exception.BackendUnavailableException if the engine does not answer
     */
    public Optional<RecordedStop> recordedStop(String taskId) {
        return stopRecords.find(taskId);
    }

    /**
     * Restarts in place each exited container of the task that its restartPolicy restarts ({@link RestartDecision}).
     * Call it only for a task whose stop nobody asked for.
     *
     * @param task the task as just observed
     * @return the task observed again after a restart, else {@code task}
     * @throws dev.berth.exception.BackendUnavailableException if the engine does not answer the new observation
     */
    public TaskObservation restartExited(TaskObservation task) {
        return restarter.restartExited(task);
    }

    /**
     * Removes a task's containers (running or not), its network and its stop record. A task already gone is fine.
     *
     * @param taskId the task
     * @throws dev.berth.exception.BackendUnavailableException if the engine does not answer
     */
    public void remove(String taskId) {
        runner.remove(taskId);
        stopRecords.remove(taskId);
    }

    /**
     * @param taskId the task
     * @param containerName a container of its task definition
     * @param tailLines how many of the last lines to read
     * @return the container's last output lines, oldest first
     * @throws ResourceNotFoundException if the task has no such container
     * @throws dev.berth.exception.BackendUnavailableException if the engine does not answer
     */
    public List<String> logs(String taskId, String containerName, int tailLines) {
        return logs.tail(containerId(taskId, containerName), tailLines);
    }

    /**
     * @param taskId the task
     * @param containerName a container of its task definition
     * @param lines receives each line the container writes from now on, on docker-java's stream thread
     * @return the handle that stops following; following also ends when the container stops
     * @throws ResourceNotFoundException if the task has no such container
     * @throws dev.berth.exception.BackendUnavailableException if the engine does not answer
     */
    public Subscription followLogs(String taskId, String containerName, Consumer<String> lines) {
        return logs.follow(containerId(taskId, containerName), lines);
    }

    /**
     * Hands the cluster of each task change the engine reports (container start, die, kill, oom, health status)
     * to {@code listener}, on the event stream's thread. The stream opens with the first listener and reopens by
     * itself after failures; signals are best-effort. Each event also reaches the observation, which inspects the
     * container again where the event says more than its last inspection: the engine's list can lag behind its
     * events for a moment.
     *
     * @param listener receives a cluster's name; it must not block
     * @return the handle that unregisters the listener
     */
    public Subscription watchChanges(Consumer<String> listener) {
        changeListeners.add(listener);
        events.start();
        return () -> changeListeners.remove(listener);
    }

    /**
     * Registers a listener for the progress of image pulls on this engine; reports reach it on a thread of the
     * engine's own, so a slow listener never holds up a pull.
     *
     * @param listener receives the reports
     * @return the handle that unregisters it
     */
    public Subscription watchProgress(ProgressListener listener) {
        return progress.add(listener);
    }

    /**
     * @param namespace a Service Connect namespace
     * @return the address of the namespace's network on this engine's host, the network created if missing
     * @throws dev.berth.exception.BerthException if it cannot be created
     */
    public InetAddress namespaceAddress(String namespace) {
        return namespaces.addressOf(namespace);
    }

    /**
     * Ends the event stream, progress delivery and parallel inspections, removes the namespace networks it created,
     * and releases the engine's clients.
     */
    @Override
    public void close() {
        namespaces.close();
        progress.close();
        events.close();
        observer.close();
        clients.close();
    }

    private String containerId(String taskId, String containerName) {
        return observer.containers(taskId).stream()
                .filter(c -> containerName.equals(labels(c).get(Labels.CONTAINER)))
                .map(Container::getId).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Task '" + taskId + "' has no container '"
                        + containerName + "' on the Docker engine"));
    }

    private static Map<String, String> labels(Container c) {
        return c.getLabels() == null ? Map.of() : c.getLabels();
    }
}
