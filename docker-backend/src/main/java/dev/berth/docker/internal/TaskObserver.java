package dev.berth.docker.internal;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.Protocol;
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

/**
 * Reads tasks back from the engine by their labels alone: what a new process needs to re-adopt running tasks.
 * Each container is inspected, so health, exit codes and bound ports are current.
 */
final class TaskObserver {

    /** Docker's zero time, reported for a container that never started. */
    private static final String NEVER = "0001-01-01T00:00:00Z";

    private final DockerClients clients;

    TaskObserver(DockerClients clients) {
        this.clients = clients;
    }

    /**
     * @param cluster a cluster name
     * @return every task of that cluster on the engine, running or not, by task ID
     */
    List<TaskObservation> list(String cluster) {
        return listByLabel(Labels.CLUSTER, cluster);
    }

    /**
     * @param taskId a task's ID
     * @return the task, if any of its containers exists
     */
    Optional<TaskObservation> observe(String taskId) {
        return listByLabel(Labels.TASK, taskId).stream().findFirst();
    }

    /**
     * @param taskId a task's ID
     * @return the task's containers as the engine lists them, with their labels
     */
    List<Container> containers(String taskId) {
        return DockerCalls.call("list containers of task " + taskId, () -> clients.calls().listContainersCmd()
                .withShowAll(true).withLabelFilter(Map.of(Labels.TASK, taskId)).exec());
    }

    private List<TaskObservation> listByLabel(String key, String value) {
        List<Container> containers = DockerCalls.call("list containers with label " + Labels.filter(key, value),
                () -> clients.calls().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(key, value))
                        .exec());
        Map<String, List<InspectContainerResponse>> byTask = new LinkedHashMap<>();
        for (Container c : containers) {
            inspect(c.getId()).ifPresent(r -> byTask
                    .computeIfAbsent(labels(r).getOrDefault(Labels.TASK, ""), t -> new ArrayList<>()).add(r));
        }
        List<TaskObservation> tasks = new ArrayList<>();
        byTask.forEach((task, responses) -> {
            responses.sort(Comparator.comparingInt(TaskObserver::level)
                    .thenComparing(r -> labels(r).getOrDefault(Labels.CONTAINER, "")));
            tasks.add(TaskStates.derive(labels(responses.get(0)),
                    responses.stream().map(TaskObserver::toObservation).toList()));
        });
        return tasks;
    }

    private Optional<InspectContainerResponse> inspect(String id) {
        try {
            return Optional.of(DockerCalls.call("inspect container " + id,
                    () -> clients.calls().inspectContainerCmd(id).exec()));
        } catch (ResourceNotFoundException removedMeanwhile) {
            return Optional.empty();
        }
    }

    static ContainerObservation toObservation(InspectContainerResponse r) {
        Map<String, String> labels = labels(r);
        InspectContainerResponse.ContainerState state = r.getState();
        String dockerStatus = Objects.requireNonNullElse(state.getStatus(), "");
        ContainerStatus status = switch (dockerStatus) {
            case "created" -> ContainerStatus.PENDING;
            case "running", "restarting", "paused" -> ContainerStatus.RUNNING;
            default -> ContainerStatus.STOPPED;
        };
        boolean hasHealthCheck = state.getHealth() != null;
        HealthStatus health = !hasHealthCheck ? HealthStatus.UNKNOWN
                : switch (Objects.requireNonNullElse(state.getHealth().getStatus(), "")) {
                    case "healthy" -> HealthStatus.HEALTHY;
                    case "unhealthy" -> HealthStatus.UNHEALTHY;
                    default -> HealthStatus.UNKNOWN;
                };
        OptionalInt exitCode = status == ContainerStatus.STOPPED && state.getExitCodeLong() != null
                ? OptionalInt.of(state.getExitCodeLong().intValue()) : OptionalInt.empty();
        Optional<String> reason = Boolean.TRUE.equals(state.getOOMKilled())
                ? Optional.of("OutOfMemoryError: Container killed due to memory usage")
                : Optional.ofNullable(state.getError()).filter(e -> !e.isBlank());
        return new ContainerObservation(labels.getOrDefault(Labels.CONTAINER, r.getName()), r.getId(),
                Boolean.parseBoolean(labels.get(Labels.ESSENTIAL)), status, health, hasHealthCheck, exitCode,
                reason, ports(r), instant(state.getStartedAt()));
    }

    private static List<BoundPort> ports(InspectContainerResponse r) {
        List<BoundPort> ports = new ArrayList<>();
        if ("host".equals(r.getHostConfig().getNetworkMode())) {
            ExposedPort[] exposed = Objects.requireNonNullElse(r.getConfig().getExposedPorts(), new ExposedPort[0]);
            for (ExposedPort p : exposed) {
                ports.add(new BoundPort(p.getPort(), protocol(p), "0.0.0.0", p.getPort()));
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
                ports.add(new BoundPort(exposed.getPort(), protocol(exposed),
                        Objects.requireNonNullElse(b.getHostIp(), ""), Integer.parseInt(b.getHostPortSpec())));
            }
        });
        ports.sort(Comparator.comparingInt(BoundPort::containerPort));
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
