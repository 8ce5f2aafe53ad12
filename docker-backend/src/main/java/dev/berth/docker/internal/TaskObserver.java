package dev.berth.docker.internal;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.InternetProtocol;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.Protocol;
import dev.berth.task.HealthCheckRun;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.TaskStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads tasks back from the engine by their labels alone: what a new process needs to re-adopt running tasks.
 *
 * <p>One observation costs one {@code docker ps}-style list by label. A container is inspected only when the list
 * shows it in a state its last inspection did not (the list's {@code State} and the health part of its
 * {@code Status}), or when an engine event since that inspection says it changed; everything else comes from the
 * last inspection, so a quiet cluster costs no inspection at all; {@link #inspections()} counts them. A container
 * just created ({@link #created}) and the inspection a start makes of the containers it started
 * ({@link #ofContainers}) serve as last inspections, and a {@code health_status} event carries the new health
 * itself, so neither a new container nor a change of health costs an inspection of its own. A running container
 * whose health check has not passed (starting or unhealthy) is inspected again when its last inspection is older
 * than {@link #HEALTH_LOG_REFRESH}, so that the outputs of its failing checks (kept only in an inspection) are at
 * most that old; a healthy one costs nothing. A container this process is starting ({@link #starting}) costs no
 * inspection of a list or a {@code start} event either: the inspection its start makes next
 * ({@link #inspectStarted}, {@link #ofContainers}) follows at once, and until then it is reported as created. Nor
 * does a container never seen before that the list shows created and never started: its labels tell what its
 * inspection would ({@link #neverStarted(Container)}).
 */
final class TaskObserver {

    /** Docker's zero time, reported for a container that never started. */
    private static final String NEVER = "0001-01-01T00:00:00Z";
    /** The health part of a listed container's status, e.g. {@code (healthy)} or {@code (health: starting)}. */
    private static final Pattern HEALTH = Pattern.compile("\\((healthy|unhealthy|health: [a-z]+)\\)");
    /** Most inspections one observation runs at a time (the engine's short-call client has 16 connections). */
    static final int PARALLEL_INSPECTIONS = 8;
    /** The engine's state of a container created and never started. */
    private static final String CREATED = "created";
    /** The engine's state of a running container, neither paused nor restarting. */
    private static final String RUNNING = "running";
    /**
     * How old the health-check outputs of a running container that is not healthy may get: ECS's shortest health
     * check interval, so a check that keeps failing is seen by about its next run.
     */
    static final long HEALTH_LOG_REFRESH = TimeUnit.SECONDS.toNanos(5);
    /** The action of a health event, followed by the new health, e.g. {@code health_status: healthy}. */
    private static final String HEALTH_STATUS = "health_status:";

    /**
     * A container's last inspection.
     *
     * @param fingerprint its state and health as a list shows them, e.g. {@code running|healthy}
     * @param since {@link System#nanoTime()} when the inspection was asked for: events after it make it stale
     */
    private record Inspected(String fingerprint, String cluster, Map<String, String> labels, int level,
                             ContainerObservation observation, long since) {

        /**
         * @return this inspection with the health a later {@code health_status} event reported; unchanged unless
         *     it shows the container running (the engine reports health only then)
         */
        Inspected withHealth(HealthEvent event) {
            if (!fingerprint.startsWith(RUNNING + "|")) {
                return this;
            }
            return new Inspected(TaskObserver.fingerprint(RUNNING, event.listed()), cluster, labels, level,
                    observation.withHealth(event.health()), since);
        }
    }

    /**
     * A task as last derived.
     *
     * @param states its containers' states it was derived from, in order
     * @param task what was derived
     */
    private record Derived(List<Inspected> states, TaskObservation task) {

        /** @return whether the states are the very ones this was derived from */
        boolean isFrom(List<Inspected> current) {
            if (current.size() != states.size()) {
                return false;
            }
            for (int i = 0; i < states.size(); i++) {
                if (current.get(i) != states.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A {@code health_status} event.
     *
     * @param listed the health as a list shows it: {@code healthy}, {@code unhealthy} or {@code starting}
     * @param health the same as Berth's health
     * @param at {@link System#nanoTime()} when it arrived
     */
    private record HealthEvent(String listed, HealthStatus health, long at) {
    }

    private final DockerClients clients;
    private final Map<String, String> scope;
    private final ConcurrentMap<String, Inspected> inspected = new ConcurrentHashMap<>();
    /** By container ID: when the last event arrived that makes an earlier inspection stale. */
    private final ConcurrentMap<String, Long> changedAt = new ConcurrentHashMap<>();
    /** By container ID: the last {@code health_status} event. */
    private final ConcurrentMap<String, HealthEvent> healthEvents = new ConcurrentHashMap<>();
    /** By task ID: the task as last derived by {@link #tasks}. */
    private final ConcurrentMap<String, Derived> derived = new ConcurrentHashMap<>();
    /** By container ID: containers whose start this process asked for and has not inspected since. */
    private final Set<String> startsInFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong inspections = new AtomicLong();
    private final ThreadPoolExecutor inspectors;

    /**
     * @param clients the engine's clients
     * @param scope labels every observed container must carry besides the one looked for: the backend's own
     */
    TaskObserver(DockerClients clients, Map<String, String> scope) {
        this.clients = clients;
        this.scope = Map.copyOf(scope);
        AtomicInteger threads = new AtomicInteger();
        // Threads only while inspections run: an idle backend keeps none.
        this.inspectors = new ThreadPoolExecutor(PARALLEL_INSPECTIONS, PARALLEL_INSPECTIONS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "berth-docker-inspect-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        inspectors.allowCoreThreadTimeOut(true);
    }

    /** Ends the threads of parallel inspections. */
    void close() {
        inspectors.shutdownNow();
    }

    /**
     * @param cluster a cluster name
     * @return every task of that cluster on the engine, running or not
     */
    List<TaskObservation> list(String cluster) {
        long listedAt = System.nanoTime();
        List<Container> containers = listByLabel(Labels.CLUSTER, cluster);
        Set<String> listed = containers.stream().map(Container::getId).collect(Collectors.toSet());
        inspected.entrySet().removeIf(e -> e.getValue().cluster().equals(cluster) && !listed.contains(e.getKey()));
        changedAt.keySet().removeIf(id -> !listed.contains(id) && !inspected.containsKey(id));
        healthEvents.keySet().removeIf(id -> !listed.contains(id) && !inspected.containsKey(id));
        derived.values().removeIf(d -> d.states().stream()
                .anyMatch(i -> !inspected.containsKey(i.observation().containerId())));
        return tasks(containers, listedAt);
    }

    /**
     * @param taskId a task's ID
     * @return the task, if any of its containers exists
     */
    Optional<TaskObservation> observe(String taskId) {
        long listedAt = System.nanoTime();
        return tasks(listByLabel(Labels.TASK, taskId), listedAt).stream().findFirst();
    }

    /**
     * The task of the given containers, from one inspection of each and no list: what a start reports once it has
     * started them all (a list costs the engine a walk over all its containers).
     *
     * @param containerIds the engine IDs of one task's containers
     * @return the task, if any of the containers still exists
     */
    Optional<TaskObservation> ofContainers(List<String> containerIds) {
        List<Inspected> states = new ArrayList<>();
        for (String id : containerIds) {
            long since = System.nanoTime();
            fetch(id).ifPresent(r -> states.add(remember(r, since)));
            startsInFlight.remove(id);
        }
        if (states.isEmpty()) {
            return Optional.empty();
        }
        states.sort(Comparator.comparingInt(Inspected::level).thenComparing(i -> i.observation().name()));
        return Optional.of(TaskStates.derive(states.get(0).labels(),
                states.stream().map(Inspected::observation).toList()));
    }

    /**
     * Keeps what a container just created is, as its inspection would report it, so that a list that finds it
     * before its start costs no inspection (an inspection of a container being started waits for the start).
     *
     * @param containerId the engine's ID of the new container
     * @param spec what it was created from
     * @param since {@link System#nanoTime()} before the create was asked for
     */
    void created(String containerId, ContainerSpec spec, long since) {
        List<NetworkBinding> ports = "host".equals(spec.hostConfig().getNetworkMode())
                ? hostModePorts(spec.exposedPorts().toArray(ExposedPort[]::new)) : List.of();
        rememberNeverStarted(containerId, spec.labels(), neverStarted(containerId, spec.dockerName(), spec.labels(),
                ports), since);
    }

    /**
     * A listed container that was never started, as its inspection would report it: its labels tell all of that,
     * except a host-mode container's ports, which only an inspection lists.
     *
     * @param c a container as a list shows it
     * @return its observation; empty if it was started or runs in host mode
     */
    static Optional<ContainerObservation> neverStarted(Container c) {
        boolean hostMode = c.getHostConfig() != null && "host".equals(c.getHostConfig().getNetworkMode());
        if (!CREATED.equals(c.getState()) || hostMode) {
            return Optional.empty();
        }
        String[] names = Objects.requireNonNullElse(c.getNames(), new String[0]);
        return Optional.of(neverStarted(c.getId(), names.length > 0 ? names[0] : c.getId(), labels(c), List.of()));
    }

    private static ContainerObservation neverStarted(String containerId, String dockerName, Map<String, String> labels,
                                                     List<NetworkBinding> ports) {
        return new ContainerObservation(labels.getOrDefault(Labels.CONTAINER, dockerName), containerId,
                Boolean.parseBoolean(labels.get(Labels.ESSENTIAL)), TaskStatus.PENDING, HealthStatus.UNKNOWN, false,
                OptionalInt.empty(), Optional.empty(), ports, Optional.empty(), Optional.empty(),
                RestartRule.fromLabels(labels), List.of());
    }

    private Inspected rememberNeverStarted(String containerId, Map<String, String> labels,
                                           ContainerObservation observation, long since) {
        Inspected fresh = new Inspected(fingerprint(CREATED, ""), labels.getOrDefault(Labels.CLUSTER, ""), labels,
                level(labels), observation, since);
        inspected.put(containerId, fresh);
        return fresh;
    }

    /**
     * Marks a container whose start this process is about to ask for: until {@link #inspectStarted},
     * {@link #ofContainers} or {@link #startsEnded}, lists report it as last inspected and its {@code start} event
     * does not make that stale, so that a burst of starts is not inspected twice.
     *
     * @param containerId the engine's ID of the container
     */
    void starting(String containerId) {
        startsInFlight.add(containerId);
    }

    /**
     * The inspection that follows a start this process asked for, kept as the container's last one.
     *
     * @param name the container's name in its task definition, for messages
     * @param containerId the engine's ID of the container
     * @return the container as the engine reports it now
     * @throws ResourceNotFoundException if it no longer exists
     */
    ContainerObservation inspectStarted(String name, String containerId) {
        long since = System.nanoTime();
        try {
            ContainerInspection r = clients.call("inspect container " + name,
                    () -> ContainerInspection.fetch(clients, containerId));
            return remember(r, since).observation();
        } finally {
            startsInFlight.remove(containerId);
        }
    }

    /**
     * Ends the marks of {@link #starting}, for a start that ended without its inspection (it failed).
     *
     * @param containerIds the engine's IDs of the containers
     */
    void startsEnded(Collection<String> containerIds) {
        startsInFlight.removeAll(containerIds);
    }

    /**
     * @param containerName a container's engine name
     * @return whether a container of that name exists, by one inspection rather than a list
     */
    boolean exists(String containerName) {
        return fetch(containerName).isPresent();
    }

    /**
     * @param taskId a task's ID
     * @return the task's containers as the engine lists them, with their labels
     */
    List<Container> containers(String taskId) {
        return listByLabel(Labels.TASK, taskId);
    }

    /**
     * Takes in an engine event of the container, which can arrive before the list shows the change. A
     * {@code health_status} event's health is used as it is. After any other event the next observation inspects
     * the container again, whatever the list shows; except after a {@code start} of a container whose last
     * inspection, made since its last {@code die} event, already shows it running (the start's own inspection).
     *
     * @param containerId the engine's container ID
     * @param action the event's action, e.g. {@code die} or {@code health_status: healthy}
     */
    void changed(String containerId, String action) {
        long now = System.nanoTime();
        Optional<HealthEvent> health = healthEvent(action, now);
        if (health.isPresent()) {
            healthEvents.put(containerId, health.get());
            return;
        }
        Inspected last = inspected.get(containerId);
        if (action.equals("start") && (startsInFlight.contains(containerId) || last != null
                && isCurrent(containerId, last) && last.observation().status() == TaskStatus.RUNNING)) {
            return; // the start's own inspection follows or came first
        }
        changedAt.put(containerId, now);
    }

    /**
     * Makes the next observation inspect the container again, whatever the list shows.
     *
     * @param containerId the engine's container ID
     */
    void forget(String containerId) {
        changedAt.put(containerId, System.nanoTime());
    }

    /** @return how many containers observation has inspected since this observer was made */
    long inspections() {
        return inspections.get();
    }

    private List<Container> listByLabel(String key, String value) {
        Map<String, String> filter = new LinkedHashMap<>(scope);
        filter.put(key, value);
        return clients.call("list containers with label " + Labels.filter(key, value),
                () -> clients.calls().listContainersCmd().withShowAll(true).withLabelFilter(filter).exec());
    }

    /** @param listedAt {@link System#nanoTime()} before the containers were listed */
    private List<TaskObservation> tasks(List<Container> containers, long listedAt) {
        Map<String, List<Inspected>> byTask = new LinkedHashMap<>();
        for (Optional<Inspected> state : current(containers, listedAt)) {
            state.ifPresent(i -> byTask
                    .computeIfAbsent(i.labels().getOrDefault(Labels.TASK, ""), t -> new ArrayList<>()).add(i));
        }
        List<TaskObservation> tasks = new ArrayList<>();
        byTask.forEach((task, states) -> {
            states.sort(Comparator.comparingInt(Inspected::level)
                    .thenComparing(i -> i.observation().name()));
            tasks.add(derive(task, states));
        });
        return tasks;
    }

    /**
     * @return the task its containers' states make, derived again only if a state is not the one it was last
     *     derived from: most tasks of a busy cluster are unchanged from one list to the next
     */
    private TaskObservation derive(String taskId, List<Inspected> states) {
        Derived last = derived.get(taskId);
        if (last != null && last.isFrom(states)) {
            return last.task();
        }
        TaskObservation task = TaskStates.derive(states.get(0).labels(),
                states.stream().map(Inspected::observation).toList());
        derived.put(taskId, new Derived(List.copyOf(states), task));
        return task;
    }

    /**
     * The listed containers' states, in their order: for each the last inspection (with the health of a later
     * {@code health_status} event) if no other event came since and the list shows the same, else a new one. The
     * new inspections run up to {@link #PARALLEL_INSPECTIONS} at a time: after a roll stops many containers at once,
     * one after the other they would keep every reader of the cluster waiting for seconds on a busy engine.
     */
    private List<Optional<Inspected>> current(List<Container> containers, long listedAt) {
        List<Optional<Inspected>> states = new ArrayList<>();
        List<Integer> stale = new ArrayList<>();
        for (Container c : containers) {
            Optional<Inspected> known = cached(c).or(() -> unseenNeverStarted(c, listedAt));
            states.add(known);
            if (known.isEmpty()) {
                stale.add(states.size() - 1);
            }
        }
        if (stale.size() == 1) {
            int i = stale.get(0);
            states.set(i, inspectNow(containers.get(i).getId()));
        } else if (!stale.isEmpty()) {
            Map<Integer, CompletableFuture<Optional<Inspected>>> pending = new LinkedHashMap<>();
            for (int i : stale) {
                String id = containers.get(i).getId();
                pending.put(i, CompletableFuture.supplyAsync(() -> inspectNow(id), inspectors));
            }
            pending.forEach((i, f) -> states.set(i, join(f)));
        }
        return states;
    }

    /**
     * @return the container's last inspection if nothing since makes it stale, the list shows the same (or shows it
     *     not yet started where the inspection saw it started), and it is not an unhealthy or starting container's
     *     older than {@link #HEALTH_LOG_REFRESH}
     */
    private Optional<Inspected> cached(Container c) {
        String listedHealth = listedHealth(c.getStatus());
        String fingerprint = fingerprint(Objects.requireNonNullElse(c.getState(), ""), listedHealth);
        Inspected cached = inspected.get(c.getId());
        if (cached != null && startsInFlight.contains(c.getId())) {
            return Optional.of(cached); // its start's own inspection follows at once
        }
        if (cached != null && CREATED.equals(c.getState()) && cached.observation().status() != TaskStatus.PENDING
                && isCurrent(c.getId(), cached)) {
            // A container never returns to created: the list was answered before the start this inspection saw.
            return Optional.of(cached);
        }
        boolean healthOutputsOld = !listedHealth.isEmpty() && !listedHealth.equals("healthy") && cached != null
                && System.nanoTime() - cached.since() > HEALTH_LOG_REFRESH;
        if (cached != null && !healthOutputsOld && isCurrent(c.getId(), cached)) {
            HealthEvent health = healthEvents.get(c.getId());
            Inspected latest = health != null && health.at() - cached.since() > 0 ? cached.withHealth(health) : cached;
            if (latest.fingerprint().equals(fingerprint)) {
                return Optional.of(latest);
            }
        }
        return Optional.empty();
    }

    /**
     * @return a container never inspected, of which no event arrived, that the list shows never started: as its
     *     labels tell it (a container another process just created, or this one before {@link #created})
     */
    private Optional<Inspected> unseenNeverStarted(Container c, long listedAt) {
        if (inspected.containsKey(c.getId()) || changedAt.containsKey(c.getId())) {
            return Optional.empty();
        }
        return neverStarted(c).map(o -> rememberNeverStarted(c.getId(), labels(c), o, listedAt));
    }

    private Optional<Inspected> inspectNow(String containerId) {
        long since = System.nanoTime();
        return inspect(containerId).map(r -> remember(r, since));
    }

    /** @return the inspection's result; its failure (a {@link dev.berth.exception.BerthException}) as it is */
    private static Optional<Inspected> join(CompletableFuture<Optional<Inspected>> inspection) {
        try {
            return inspection.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** @return whether no event since the inspection makes it stale */
    private boolean isCurrent(String containerId, Inspected last) {
        Long changed = changedAt.get(containerId);
        return changed == null || last.since() - changed > 0;
    }

    /** Keeps an inspection, asked for at {@code since}, as the container's last one. */
    private Inspected remember(ContainerInspection r, long since) {
        String status = r.status();
        // A list shows a container's health only while it runs (not paused, not restarting).
        String health = !status.equals(RUNNING) || r.state().health() == null ? ""
                : Objects.requireNonNullElse(r.state().health().status(), "");
        Map<String, String> labels = r.labels();
        Inspected fresh = new Inspected(fingerprint(status, health), labels.getOrDefault(Labels.CLUSTER, ""), labels,
                level(labels), toObservation(r), since);
        inspected.put(r.id(), fresh);
        return fresh;
    }

    private static String fingerprint(String state, String health) {
        return state + "|" + health;
    }

    /** @return the health part of a listed container's status, as the inspection names it, e.g. {@code starting} */
    private static String listedHealth(String listedStatus) {
        Matcher m = HEALTH.matcher(Objects.requireNonNullElse(listedStatus, ""));
        return m.find() ? m.group(1).replace("health: ", "") : "";
    }

    private static Optional<HealthEvent> healthEvent(String action, long at) {
        if (!action.startsWith(HEALTH_STATUS)) {
            return Optional.empty();
        }
        String listed = action.substring(HEALTH_STATUS.length()).strip();
        return Optional.of(new HealthEvent(listed, health(listed), at));
    }

    private static HealthStatus health(String engineHealth) {
        return switch (engineHealth) {
            case "healthy" -> HealthStatus.HEALTHY;
            case "unhealthy" -> HealthStatus.UNHEALTHY;
            default -> HealthStatus.UNKNOWN;
        };
    }

    /** An inspection made for a list: counted by {@link #inspections()}. */
    private Optional<ContainerInspection> inspect(String id) {
        inspections.incrementAndGet();
        return fetch(id);
    }

    /** @param id a container's ID or name */
    private Optional<ContainerInspection> fetch(String id) {
        try {
            return Optional.of(clients.call("inspect container " + id, () -> ContainerInspection.fetch(clients, id)));
        } catch (ResourceNotFoundException removedMeanwhile) {
            return Optional.empty();
        }
    }

    static ContainerObservation toObservation(ContainerInspection r) {
        Map<String, String> labels = r.labels();
        ContainerInspection.State state = Objects.requireNonNullElse(r.state(),
                new ContainerInspection.State(null, null, null, null, null, null, null, null, null));
        TaskStatus status = switch (r.status()) {
            case "created" -> TaskStatus.PENDING;
            case "running", "restarting", "paused" -> TaskStatus.RUNNING;
            default -> TaskStatus.STOPPED;
        };
        boolean hasHealthCheck = state.health() != null;
        HealthStatus health = !hasHealthCheck ? HealthStatus.UNKNOWN
                : health(Objects.requireNonNullElse(state.health().status(), ""));
        OptionalInt exitCode = status == TaskStatus.STOPPED && state.exitCode() != null
                ? OptionalInt.of(state.exitCode().intValue()) : OptionalInt.empty();
        Optional<String> reason = Boolean.TRUE.equals(state.oomKilled())
                ? Optional.of("OutOfMemoryError: Container killed due to memory usage")
                : Optional.ofNullable(state.error()).filter(e -> !e.isBlank());
        return new ContainerObservation(labels.getOrDefault(Labels.CONTAINER, r.name()), r.id(),
                Boolean.parseBoolean(labels.get(Labels.ESSENTIAL)), status, health, hasHealthCheck, exitCode,
                reason, ports(r), instant(state.startedAt()),
                status == TaskStatus.STOPPED ? instant(state.finishedAt()) : Optional.empty(),
                RestartRule.fromLabels(labels), hasHealthCheck ? healthChecks(state.health()) : List.of());
    }

    /** @return the runs of the health check the engine keeps (its last five), oldest first */
    static List<HealthCheckRun> healthChecks(ContainerInspection.Health health) {
        List<HealthCheckRun> runs = new ArrayList<>();
        for (ContainerInspection.HealthRun log : Objects.requireNonNullElse(health.log(),
                List.<ContainerInspection.HealthRun>of())) {
            Optional<Instant> start = instant(log.start());
            if (start.isPresent() && log.exitCode() != null) {
                runs.add(new HealthCheckRun(start.get(), log.exitCode().intValue(),
                        Objects.requireNonNullElse(log.output(), "")));
            }
        }
        runs.sort(Comparator.comparing(HealthCheckRun::startedAt));
        return runs;
    }

    private static List<NetworkBinding> ports(ContainerInspection r) {
        List<NetworkBinding> ports = new ArrayList<>();
        if (r.hostConfig() != null && "host".equals(r.hostConfig().networkMode())) {
            Map<String, Object> exposed = r.config() == null || r.config().exposedPorts() == null ? Map.of()
                    : r.config().exposedPorts();
            return hostModePorts(exposed.keySet().stream().map(ExposedPort::parse).toArray(ExposedPort[]::new));
        }
        Map<String, List<ContainerInspection.PortBinding>> published = r.networkSettings() == null ? null
                : r.networkSettings().ports();
        if (published == null) {
            return ports;
        }
        published.forEach((port, bindings) -> {
            if (bindings != null && !bindings.isEmpty()) {
                ExposedPort exposed = ExposedPort.parse(port);
                ContainerInspection.PortBinding b = bindings.get(0);
                ports.add(new NetworkBinding(exposed.getPort(), Integer.parseInt(b.hostPort()),
                        protocol(exposed), Objects.requireNonNullElse(b.hostIp(), "")));
            }
        });
        ports.sort(Comparator.comparingInt(NetworkBinding::containerPort));
        return ports;
    }

    /** @return a host-mode container's ports: each exposed port is the host's own */
    private static List<NetworkBinding> hostModePorts(ExposedPort[] exposed) {
        List<NetworkBinding> ports = new ArrayList<>();
        for (ExposedPort p : exposed) {
            ports.add(new NetworkBinding(p.getPort(), p.getPort(), protocol(p), "0.0.0.0"));
        }
        return ports;
    }

    private static Protocol protocol(ExposedPort p) {
        return p.getProtocol() == InternetProtocol.UDP ? Protocol.UDP : Protocol.TCP;
    }

    /** @return the engine's time, in UTC ({@code Z}) or with the engine's offset (health-check runs) */
    private static Optional<Instant> instant(String dockerTime) {
        if (dockerTime == null || dockerTime.isEmpty() || dockerTime.equals(NEVER)) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(dockerTime).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static int level(Map<String, String> labels) {
        try {
            return Integer.parseInt(labels.getOrDefault(Labels.DEPENDENCY_LEVEL, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> labels(Container c) {
        return c.getLabels() == null ? Map.of() : c.getLabels();
    }
}
