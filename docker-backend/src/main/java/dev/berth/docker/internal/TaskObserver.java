package dev.berth.docker.internal;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.Protocol;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.TaskStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads tasks back from the engine by their labels alone: what a new process needs to re-adopt running tasks.
 *
 * <p>One observation costs one {@code docker ps}-style list by label. A container is inspected only when the list
 * shows it in a state not seen before: its first sighting, and each change of its state or health (the list's
 * {@code State} and the health part of its {@code Status}). Everything else comes from the last inspection, so a
 * quiet cluster costs no inspection at all; {@link #inspections()} counts them.
 */
final class TaskObserver {

    /** Docker's zero time, reported for a container that never started. */
    private static final String NEVER = "0001-01-01T00:00:00Z";
    /** The health part of a listed container's status, e.g. {@code (healthy)} or {@code (health: starting)}. */
    private static final Pattern HEALTH = Pattern.compile("\\((healthy|unhealthy|health: [a-z]+)\\)");

    /** A container's last inspection, with the listed state it was made for. */
    private record Inspected(String fingerprint, String cluster, Map<String, String> labels, int level,
                             ContainerObservation observation) {
    }

    private final DockerClients clients;
    private final Map<String, String> scope;
    private final ConcurrentMap<String, Inspected> inspected = new ConcurrentHashMap<>();
    private final AtomicLong inspections = new AtomicLong();

    /**
     * @param clients the engine's clients
     * @param scope labels every observed container must carry besides the one looked for: the backend's own
     */
    TaskObserver(DockerClients clients, Map<String, String> scope) {
        this.clients = clients;
        this.scope = Map.copyOf(scope);
    }

    /**
     * @param cluster a cluster name
     * @return every task of that cluster on the engine, running or not
     */
    List<TaskObservation> list(String cluster) {
        List<Container> containers = listByLabel(Labels.CLUSTER, cluster);
        Set<String> listed = containers.stream().map(Container::getId).collect(Collectors.toSet());
        inspected.entrySet().removeIf(e -> e.getValue().cluster().equals(cluster) && !listed.contains(e.getKey()));
        return tasks(containers);
    }

    /**
     * @param taskId a task's ID
     * @return the task, if any of its containers exists
     */
    Optional<TaskObservation> observe(String taskId) {
        return tasks(listByLabel(Labels.TASK, taskId)).stream().findFirst();
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
            fetch(id).ifPresent(r -> states.add(new Inspected("", labels(r).getOrDefault(Labels.CLUSTER, ""),
                    labels(r), level(r), toObservation(r))));
        }
        if (states.isEmpty()) {
            return Optional.empty();
        }
        states.sort(Comparator.comparingInt(Inspected::level).thenComparing(i -> i.observation().name()));
        return Optional.of(TaskStates.derive(states.get(0).labels(),
                states.stream().map(Inspected::observation).toList()));
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
     * Makes the next observation inspect the container again, whatever the list shows: for an engine event, which
     * can arrive before the list shows the change.
     *
     * @param containerId the engine's container ID
     */
    void forget(String containerId) {
        inspected.remove(containerId);
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

    private List<TaskObservation> tasks(List<Container> containers) {
        Map<String, List<Inspected>> byTask = new LinkedHashMap<>();
        for (Container c : containers) {
            current(c).ifPresent(i -> byTask
                    .computeIfAbsent(i.labels().getOrDefault(Labels.TASK, ""), t -> new ArrayList<>()).add(i));
        }
        List<TaskObservation> tasks = new ArrayList<>();
        byTask.forEach((task, states) -> {
            states.sort(Comparator.comparingInt(Inspected::level)
                    .thenComparing(i -> i.observation().name()));
            tasks.add(TaskStates.derive(states.get(0).labels(),
                    states.stream().map(Inspected::observation).toList()));
        });
        return tasks;
    }

    /** @return the container's state: the cached inspection if the list shows nothing new, else a new one */
    private Optional<Inspected> current(Container c) {
        String fingerprint = Objects.requireNonNullElse(c.getState(), "") + "|" + health(c.getStatus());
        Inspected cached = inspected.get(c.getId());
        if (cached != null && cached.fingerprint().equals(fingerprint)) {
            return Optional.of(cached);
        }
        return inspect(c.getId()).map(r -> {
            Inspected fresh = new Inspected(fingerprint, labels(r).getOrDefault(Labels.CLUSTER, ""), labels(r),
                    level(r), toObservation(r));
            inspected.put(c.getId(), fresh);
            return fresh;
        });
    }

    private static String health(String listedStatus) {
        Matcher m = HEALTH.matcher(Objects.requireNonNullElse(listedStatus, ""));
        return m.find() ? m.group(1) : "";
    }

    /** An inspection made for a list: counted by {@link #inspections()}. */
    private Optional<InspectContainerResponse> inspect(String id) {
        inspections.incrementAndGet();
        return fetch(id);
    }

    /** @param id a container's ID or name */
    private Optional<InspectContainerResponse> fetch(String id) {
        try {
            return Optional.of(clients.call("inspect container " + id,
                    () -> clients.calls().inspectContainerCmd(id).exec()));
        } catch (ResourceNotFoundException removedMeanwhile) {
            return Optional.empty();
        }
    }

    static ContainerObservation toObservation(InspectContainerResponse r) {
        Map<String, String> labels = labels(r);
        InspectContainerResponse.ContainerState state = r.getState();
        String dockerStatus = Objects.requireNonNullElse(state.getStatus(), "");
        TaskStatus status = switch (dockerStatus) {
            case "created" -> TaskStatus.PENDING;
            case "running", "restarting", "paused" -> TaskStatus.RUNNING;
            default -> TaskStatus.STOPPED;
        };
        boolean hasHealthCheck = state.getHealth() != null;
        HealthStatus health = !hasHealthCheck ? HealthStatus.UNKNOWN
                : switch (Objects.requireNonNullElse(state.getHealth().getStatus(), "")) {
                    case "healthy" -> HealthStatus.HEALTHY;
                    case "unhealthy" -> HealthStatus.UNHEALTHY;
                    default -> HealthStatus.UNKNOWN;
                };
        OptionalInt exitCode = status == TaskStatus.STOPPED && state.getExitCodeLong() != null
                ? OptionalInt.of(state.getExitCodeLong().intValue()) : OptionalInt.empty();
        Optional<String> reason = Boolean.TRUE.equals(state.getOOMKilled())
                ? Optional.of("OutOfMemoryError: Container killed due to memory usage")
                : Optional.ofNullable(state.getError()).filter(e -> !e.isBlank());
        return new ContainerObservation(labels.getOrDefault(Labels.CONTAINER, r.getName()), r.getId(),
                Boolean.parseBoolean(labels.get(Labels.ESSENTIAL)), status, health, hasHealthCheck, exitCode,
                reason, ports(r), instant(state.getStartedAt()),
                status == TaskStatus.STOPPED ? instant(state.getFinishedAt()) : Optional.empty(),
                RestartRule.fromLabels(labels));
    }

    private static List<NetworkBinding> ports(InspectContainerResponse r) {
        List<NetworkBinding> ports = new ArrayList<>();
        if ("host".equals(r.getHostConfig().getNetworkMode())) {
            ExposedPort[] exposed = Objects.requireNonNullElse(r.getConfig().getExposedPorts(), new ExposedPort[0]);
            for (ExposedPort p : exposed) {
                ports.add(new NetworkBinding(p.getPort(), p.getPort(), protocol(p), "0.0.0.0"));
            }
            return ports;
        }
        Ports published = r.getNetworkSettings() == null ? null : r.getNetworkSettings().getPorts();
        if (published == null) {
            return ports;
        }
        published.getBindings().forEach((exposed, bindings) -> {
            if (bindings != null && bindings.length > 0) {
                Ports.Binding b = bindings[0];
                ports.add(new NetworkBinding(exposed.getPort(), Integer.parseInt(b.getHostPortSpec()),
                        protocol(exposed), Objects.requireNonNullElse(b.getHostIp(), "")));
            }
        });
        ports.sort(Comparator.comparingInt(NetworkBinding::containerPort));
        return ports;
    }

    private static Protocol protocol(ExposedPort p) {
        return p.getProtocol() == InternetProtocol.UDP ? Protocol.UDP : Protocol.TCP;
    }

    private static Optional<Instant> instant(String dockerTime) {
        if (dockerTime == null || dockerTime.isEmpty() || dockerTime.equals(NEVER)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(dockerTime));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static int level(InspectContainerResponse r) {
        try {
            return Integer.parseInt(labels(r).getOrDefault(Labels.DEPENDENCY_LEVEL, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> labels(InspectContainerResponse r) {
        return r.getConfig() == null || r.getConfig().getLabels() == null ? Map.of() : r.getConfig().getLabels();
    }
}
