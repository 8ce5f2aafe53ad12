package dev.berth.swarm.internal;

import dev.berth.docker.internal.Labels;
import dev.berth.docker.internal.Pause;
import dev.berth.docker.internal.TaskStates;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ContainerDefinition;
import dev.berth.swarm.SwarmBackendConfig;
import dev.berth.task.ContainerState;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Berth's tasks on the swarm: starts them ({@link TaskStarter}), stops them ({@link TaskStopper}), forgets them,
 * and reads them back ({@link TaskViews}), for the tasks Berth starts (each container a Swarm service) and for the
 * tasks of Swarm-managed services (each Swarm task a Berth task).
 *
 * <p>The swarm holds the truth: a task's services carry its identity, its definition's container list and the stop
 * Berth asked for, so that a new process reports and stops what an earlier one started. This process remembers
 * only what the swarm cannot: tasks still being started (nothing of them may exist yet), tasks that failed before
 * anything was created, when it first saw each Swarm task running, and which stopped service tasks it was asked to
 * forget. Starts and stops run on the runtime's worker threads, one step at a time per task.
 */
public final class SwarmTaskRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SwarmTaskRuntime.class);
    /** Reported for a task of this process whose services were removed behind Berth's back. */
    static final String SERVICES_REMOVED_REASON = "The task's Swarm services were removed";

    private final SwarmApi api;
    private final SwarmBackendConfig config;
    private final Map<String, String> extraLabels;
    private final Clock clock;
    private final TaskStarter starter;
    private final TaskStopper stopper;
    private final ExecutorService workers;
    private final ConcurrentMap<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> runningSince = new ConcurrentHashMap<>();
    /** Per cluster, the stopped tasks of Swarm-managed services that Berth forgot, while Swarm still lists them. */
    private final ConcurrentMap<String, Set<String>> forgottenServiceTasks = new ConcurrentHashMap<>();

    /**
     * @param api the manager
     * @param config the backend's settings
     */
    public SwarmTaskRuntime(SwarmApi api, SwarmBackendConfig config) {
        this.api = api;
        this.config = config;
        this.extraLabels = config.manager().labels();
        this.clock = config.manager().clock();
        ContainerTemplates templates = new ContainerTemplates(config.publishMode(),
                config.manager().defaultStopTimeout());
        this.starter = new TaskStarter(api, config, templates,
                new ImagePins(api.clients(), config.manager().pullPolicy()),
                launch -> runsOf(launch.cluster(), launch.taskId()), runs -> views());
        this.stopper = new TaskStopper(api, config);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "berth-swarm-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Records the task as PENDING and starts it on a worker thread. An id known here or on the swarm starts nothing
     * and returns the task as it is.
     *
     * @param launch the task
     * @return the task as now observed
     */
    public Task start(TaskLaunch launch) {
        Optional<Task> known = known(launch.cluster(), launch.taskId());
        if (known.isPresent()) {
            return known.get();
        }
        Tracked fresh = new Tracked(launch.cluster(), launch.taskId(), pending(launch));
        Tracked raced = tracked.putIfAbsent(launch.taskId(), fresh);
        if (raced != null) {
            return raced.current();
        }
        fresh.starting = true;
        fresh.then(() -> runStart(fresh, launch));
        return fresh.lastSeen;
    }

    /**
     * @param cluster the cluster
     * @param taskId a task's id
     * @return the task Berth started under that id, as known here or found on the swarm; empty if there is none
     */
    public Optional<Task> known(String cluster, String taskId) {
        Tracked t = tracked.get(taskId);
        if (t != null) {
            return Optional.of(t.current());
        }
        List<ContainerRun> existing = runsOf(cluster, taskId);
        return existing.isEmpty() ? Optional.empty() : Optional.of(views().task(cluster, existing));
    }

    /**
     * Records a task that cannot start at all (Swarm cannot run its definition) as STOPPED with
     * {@code TaskFailedToStart} and the reason, creating nothing, as a start that fails is reported.
     *
     * @param launch the task
     * @param reason why, in words
     * @return the task, STOPPED
     */
    public Task refuse(TaskLaunch launch, String reason) {
        Tracked t = new Tracked(launch.cluster(), launch.taskId(), pending(launch));
        t.finalState = stopped(t.lastSeen, StopCode.TASK_FAILED_TO_START, reason);
        Tracked known = tracked.putIfAbsent(launch.taskId(), t);
        return (known != null ? known : t).current();
    }

    /**
     * Records the stop and stops the task's containers on a worker thread. Stopped tasks are left alone; the first
     * stop's code and reason stick.
     *
     * @return whether the task is one Berth started (known here or on the swarm), stopped or not
     */
    public boolean stop(String cluster, String taskId, StopCode code, String reason) {
        Tracked t = tracked.get(taskId);
        if (t == null) {
            List<ContainerRun> runs = runsOf(cluster, taskId);
            Optional<Task> seen = runs.isEmpty() ? Optional.empty() : Optional.of(views().task(cluster, runs));
            if (seen.isEmpty()) {
                return false;
            }
            if (seen.get().lastStatus() == TaskStatus.STOPPED) {
                return true;
            }
            Tracked adopted = new Tracked(cluster, taskId, seen.get());
            t = Optional.ofNullable(tracked.putIfAbsent(taskId, adopted)).orElse(adopted);
        }
        if (!t.cluster.equals(cluster)) {
            return false;
        }
        if (t.finalState == null && t.requestStop(code, reason)) {
            submitStop(t);
        }
        return true;
    }

    /**
     * @param cluster a cluster
     * @return its tasks: those Berth started (not forgotten), and those of its Swarm-managed services
     */
    public List<Task> tasks(String cluster) {
        // A start that ends while the services are listed must not look like a task whose services were removed.
        Set<String> startingBefore = tracked.values().stream().filter(t -> t.starting).map(t -> t.taskId)
                .collect(Collectors.toSet());
        List<SwarmService> services = api.services(Selectors.cluster(extraLabels, cluster));
        List<SwarmTask> swarmTasks = api.tasksOf(services.stream().map(SwarmService::id).toList());
        Map<String, List<SwarmTask>> byService = swarmTasks.stream()
                .collect(Collectors.groupingBy(SwarmTask::serviceId));
        swarmTasks.stream().filter(SwarmTask::running).forEach(t -> runningSince.putIfAbsent(t.id(), t.statusAt()));
        TaskViews views = views();
        Map<String, List<ContainerRun>> byTask = new LinkedHashMap<>();
        List<Task> out = new ArrayList<>();
        Set<String> forgotten = forgottenServiceTasks.computeIfAbsent(cluster, c -> ConcurrentHashMap.newKeySet());
        for (SwarmService s : services) {
            String kind = s.labels().getOrDefault(SwarmLabels.KIND, "");
            List<SwarmTask> runs = byService.getOrDefault(s.id(), List.of());
            if (kind.equals(SwarmLabels.KIND_TASK)) {
                byTask.computeIfAbsent(s.labels().getOrDefault(Labels.TASK, s.id()), k -> new ArrayList<>())
                        .add(new ContainerRun(s, runs));
            } else if (kind.equals(SwarmLabels.KIND_SERVICE)) {
                runs.stream().filter(t -> !forgotten.contains(t.id()))
                        .map(t -> views.serviceTask(cluster, s, t)).forEach(out::add);
            }
        }
        // Swarm drops old tasks from a service's history; so can this process then.
        Set<String> listed = swarmTasks.stream().map(SwarmTask::id).collect(Collectors.toSet());
        forgotten.retainAll(listed);
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, List<ContainerRun>> e : byTask.entrySet()) {
            seen.add(e.getKey());
            Task task = views.task(cluster, e.getValue());
            Tracked t = tracked.get(e.getKey());
            if (t != null && t.forgetting) {
                continue;
            }
            boolean unstopped = task.desiredStatus() == DesiredStatus.STOPPED
                    && e.getValue().stream().noneMatch(r -> r.service().labels().containsKey(SwarmLabels.STOP_CODE))
                    && task.lastStatus() != TaskStatus.STOPPED;
            boolean startedHere = t != null && (t.starting || startingBefore.contains(t.taskId));
            if (unstopped && !startedHere) {
                // an essential container exited (or could not start), or Swarm shut one down: stop the others
                stop(cluster, e.getKey(), task.stopCode().orElse(StopCode.ESSENTIAL_CONTAINER_EXITED),
                        task.stoppedReason().orElse(TaskStates.ESSENTIAL_EXITED_REASON));
            } else if (!startedHere && abandoned(task, e.getValue())) {
                stop(cluster, e.getKey(), StopCode.TASK_FAILED_TO_START, "The start of the task was interrupted:"
                        + " not every container was started within the start timeout");
            }
            if (t != null) {
                t.lastSeen = task;
                out.add(t.current());
            } else {
                out.add(task);
            }
        }
        for (Tracked t : tracked.values()) {
            if (t.forgetting && t.removed && !seen.contains(t.taskId)) {
                // gone from the swarm and from this list: a list read before the removal can no longer show it
                tracked.remove(t.taskId, t);
            }
            if (!t.cluster.equals(cluster) || seen.contains(t.taskId) || t.forgetting) {
                continue;
            }
            if (t.finalState == null && !t.starting && !startingBefore.contains(t.taskId)) {
                t.finalState = stopped(t.lastSeen, t.lastSeen.stopCode().orElse(StopCode.ESSENTIAL_CONTAINER_EXITED),
                        t.lastSeen.stoppedReason().orElse(SERVICES_REMOVED_REASON));
            }
            out.add(t.current());
        }
        return out;
    }

    /**
     * Removes a STOPPED task's services and network (on a worker thread) and drops it from {@link #tasks}; a task
     * of a Swarm-managed service is only dropped from the list. Tasks that are not STOPPED are left alone.
     */
    public void forget(String cluster, String taskId) {
        Tracked t = tracked.get(taskId);
        if (t != null && t.cluster.equals(cluster) && t.finalState != null) {
            tracked.remove(taskId);
            removeOnSwarm(cluster, taskId);
            return;
        }
        List<ContainerRun> runs = runsOf(cluster, taskId);
        if (!runs.isEmpty()) {
            if (views().task(cluster, runs).lastStatus() != TaskStatus.STOPPED) {
                LOG.debug("not forgetting task={} cluster={}: it is not STOPPED", taskId, cluster);
                return;
            }
            Tracked forgetting = t != null ? t : new Tracked(cluster, taskId, views().task(cluster, runs));
            forgetting.forgetting = true;
            tracked.put(taskId, forgetting);
            forgetting.then(() -> {
                removeOnSwarm(cluster, taskId);
                runs.forEach(r -> r.tasks().forEach(run -> runningSince.remove(run.id())));
                forgetting.removed = true;
            });
            return;
        }
        tasks(cluster).stream().filter(x -> x.taskId().equals(taskId) && x.lastStatus() == TaskStatus.STOPPED)
                .findFirst().ifPresent(x -> {
                    forgottenServiceTasks.computeIfAbsent(cluster, c -> ConcurrentHashMap.newKeySet()).add(taskId);
                    runningSince.remove(taskId);
                });
    }

    /**
     * @param cluster the cluster
     * @param taskId a task's id
     * @param container a container's name
     * @return the Swarm task that runs (or ran) that container, for its logs
     * @throws ResourceNotFoundException if the cluster has no such task, or the task no such container (yet)
     */
    public String swarmTaskFor(String cluster, String taskId, String container) {
        List<ContainerRun> runs = runsOf(cluster, taskId);
        Optional<Task> task = runs.isEmpty()
                ? tasks(cluster).stream().filter(t -> t.taskId().equals(taskId)).findFirst()
                : Optional.of(views().task(cluster, runs));
        if (task.isEmpty()) {
            throw new ResourceNotFoundException("Cluster " + cluster + " has no task " + taskId + " on the swarm");
        }
        Optional<String> swarmTask = runs.isEmpty()
                ? task.filter(t -> t.containers().get(0).name().equals(container)).map(Task::taskId)
                : runs.stream().filter(r -> r.name().equals(container)).findFirst().flatMap(ContainerRun::run)
                        .map(SwarmTask::id);
        return swarmTask.orElseThrow(() -> new ResourceNotFoundException("Task " + taskId + " has no container "
                + container + " running on the swarm" + (task.get().containers().stream()
                .anyMatch(c -> c.name().equals(container)) ? " yet" : "")));
    }

    /**
     * @param cluster the cluster
     * @param taskId a task Swarm places (managed RunTask)
     * @return Swarm's word on its first container's Swarm task, e.g. why it is not placed; empty if there is none
     */
    public Optional<String> placementMessage(String cluster, String taskId) {
        return runsOf(cluster, taskId).stream().flatMap(r -> r.run().stream())
                .map(t -> t.error().isEmpty() ? t.message() : t.message() + ": " + t.error()).findFirst();
    }

    /** Removes a task at once, with nothing recorded: for a RunTask whose task Swarm could not place. */
    public void discard(String cluster, String taskId) {
        Tracked t = tracked.get(taskId);
        if (t != null) {
            t.requestStop(StopCode.TASK_FAILED_TO_START, "not placed");
            t.forgetting = true;
            t.then(() -> {
                removeOnSwarm(cluster, taskId);
                t.removed = true;
            });
        } else {
            removeOnSwarm(cluster, taskId);
        }
    }

    /** @return the swarm's nodes by id */
    public Map<String, SwarmNode> nodes() {
        return api.nodes().stream().collect(Collectors.toMap(SwarmNode::id, n -> n));
    }

    /**
     * Lets the starts, stops and removals under way finish, each task's steps in order (up to the call timeout in
     * all), then stops the workers. Tasks keep running.
     */
    @Override
    public void close() {
        CompletableFuture<?>[] inFlight = tracked.values().stream().map(Tracked::work)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(inFlight).get(config.manager().timeouts().call().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("task starts, stops or removals still running at close: {}", e.toString());
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * @return whether some of the task's containers were never created although its start began longer ago than any
     *     start may take: the process that started it ended half way
     */
    private boolean abandoned(Task task, List<ContainerRun> runs) {
        if (task.desiredStatus() == DesiredStatus.STOPPED || runs.size() >= task.containers().size()) {
            return false;
        }
        Instant giveUp = task.createdAt().plus(config.manager().defaultStartTimeout())
                .plus(config.manager().timeouts().call());
        return clock.instant().isAfter(giveUp);
    }

    private TaskViews views() {
        return new TaskViews(nodes(), id -> Optional.ofNullable(runningSince.get(id)));
    }

    private List<ContainerRun> runsOf(String cluster, String taskId) {
        List<SwarmService> services = api.services(Selectors.task(extraLabels, cluster, taskId));
        if (services.isEmpty()) {
            return List.of();
        }
        Map<String, List<SwarmTask>> byService = api.tasksOf(services.stream().map(SwarmService::id).toList())
                .stream().collect(Collectors.groupingBy(SwarmTask::serviceId));
        byService.values().forEach(ts -> ts.stream().filter(SwarmTask::running)
                .forEach(t -> runningSince.putIfAbsent(t.id(), t.statusAt())));
        return services.stream().map(s -> new ContainerRun(s, byService.getOrDefault(s.id(), List.of()))).toList();
    }

    private void runStart(Tracked t, TaskLaunch launch) {
        try {
            TaskStarter.Outcome outcome = starter.start(launch, () -> t.stopCode != null);
            if (!outcome.started()) {
                if (outcome.nothingCreated()) {
                    t.finalState = stopped(t.lastSeen, outcome.code(), outcome.reason());
                } else if (t.requestStop(outcome.code(), outcome.reason())) {
                    submitStop(t);
                }
            }
        } catch (ConflictException e) {
            LOG.debug("task={} is being created by another process: {}", t.taskId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("start of task={} cluster={} failed: {}", t.taskId, t.cluster, e.getMessage());
            if (runsOf(t.cluster, t.taskId).isEmpty()) {
                t.finalState = stopped(t.lastSeen, StopCode.TASK_FAILED_TO_START, TaskViews.CANNOT_START
                        + e.getMessage());
            } else if (t.requestStop(StopCode.TASK_FAILED_TO_START, TaskViews.CANNOT_START + e.getMessage())) {
                submitStop(t);
            }
        } finally {
            t.starting = false;
        }
    }

    private void submitStop(Tracked t) {
        t.then(() -> {
            try {
                stopper.stop(() -> runsOf(t.cluster, t.taskId), this::nodes, t.stopCode, t.stopReason);
            } catch (BerthException e) {
                LOG.warn("stop of task={} cluster={} failed, a later stop retries it: {}", t.taskId, t.cluster,
                        e.getMessage());
                t.clearStopRequest();
            }
        });
    }

    private void removeOnSwarm(String cluster, String taskId) {
        for (SwarmService s : api.services(Selectors.task(extraLabels, cluster, taskId))) {
            api.removeService(s.id());
        }
        Map<String, String> selector = new LinkedHashMap<>(extraLabels);
        selector.put(Labels.CLUSTER, cluster);
        selector.put(Labels.TASK, taskId);
        for (String network : api.networks(selector)) {
            removeNetworkWhenFree(network);
        }
    }

    /** A network is removable once its containers are gone, which takes the nodes a moment after the services. */
    private void removeNetworkWhenFree(String network) {
        Instant deadline = clock.instant().plus(config.manager().timeouts().call());
        while (true) {
            try {
                api.removeNetwork(network);
                return;
            } catch (BerthException e) {
                if (clock.instant().isAfter(deadline)) {
                    LOG.warn("network {} could not be removed: {}", network, e.getMessage());
                    return;
                }
                Pause.sleep(config.manager().pollInterval(), "network " + network);
            }
        }
    }

    private Task pending(TaskLaunch l) {
        List<ContainerState> containers = l.revision().definition().containerDefinitions().stream()
                .map(ContainerDefinition::name)
                .map(n -> new ContainerState(n, TaskStatus.PENDING, OptionalInt.empty(), HealthStatus.UNKNOWN,
                        Optional.empty(), List.of()))
                .toList();
        return new Task(l.taskId(), l.cluster(), l.revision().arn(), l.node().orElse(""), l.group(), l.startedBy(),
                TaskStatus.PENDING, DesiredStatus.RUNNING, HealthStatus.UNKNOWN, containers, l.createdAt(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private Task stopped(Task last, StopCode code, String reason) {
        List<ContainerState> containers = last.containers().stream()
                .map(c -> new ContainerState(c.name(), TaskStatus.STOPPED, c.exitCode(), c.health(), c.reason(),
                        c.networkBindings()))
                .toList();
        return new Task(last.taskId(), last.cluster(), last.taskDefinitionArn(), last.containerInstanceId(),
                last.group(), last.startedBy(), TaskStatus.STOPPED, DesiredStatus.STOPPED, last.healthStatus(),
                containers, last.createdAt(), last.startedAt(), Optional.of(clock.instant()), Optional.of(code),
                Optional.of(reason.length() > 1024 ? reason.substring(0, 1024) : reason));
    }

    /**
     * What this process knows of one task beyond the swarm: its start in flight, the stop it asked for, its last
     * observation, and its final state when nothing of it was created. Work on one task runs one step at a time.
     */
    private final class Tracked {
        final String cluster;
        final String taskId;
        volatile Task lastSeen;
        volatile boolean starting;
        volatile boolean forgetting;
        /** Set once a forgotten task's services are removed; it leaves {@code tracked} at the next list after. */
        volatile boolean removed;
        volatile StopCode stopCode;
        volatile String stopReason;
        volatile Task finalState;
        private CompletableFuture<Void> work = CompletableFuture.completedFuture(null);

        Tracked(String cluster, String taskId, Task lastSeen) {
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
            stopCode = code;
            return true;
        }

        /** Lets a later stop try again after this one failed (the swarm could not be reached). */
        synchronized void clearStopRequest() {
            stopCode = null;
            stopReason = null;
        }

        /** @return the task as this process last knew it, with the stop it asked for */
        Task current() {
            Task known = finalState != null ? finalState : lastSeen;
            StopCode code = stopCode;
            if (code == null || known.desiredStatus() == DesiredStatus.STOPPED) {
                return known;
            }
            TaskStatus last = known.lastStatus() == TaskStatus.RUNNING ? TaskStatus.STOPPING : known.lastStatus();
            return new Task(known.taskId(), known.cluster(), known.taskDefinitionArn(), known.containerInstanceId(),
                    known.group(), known.startedBy(), last, DesiredStatus.STOPPED, known.healthStatus(),
                    known.containers(), known.createdAt(), known.startedAt(), known.stoppedAt(), Optional.of(code),
                    Optional.of(stopReason));
        }

        synchronized CompletableFuture<Void> work() {
            return work;
        }

        synchronized void then(Runnable step) {
            work = work.thenRunAsync(step, workers).exceptionally(e -> {
                LOG.warn("work on task={} cluster={} failed", taskId, cluster, e);
                return null;
            });
        }
    }
}
