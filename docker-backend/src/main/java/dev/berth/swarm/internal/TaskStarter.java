package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.docker.internal.ContainerObservation;
import dev.berth.docker.internal.DependencyCheck;
import dev.berth.docker.internal.DependencyOrder;
import dev.berth.docker.internal.Labels;
import dev.berth.docker.internal.NetworkAliases;
import dev.berth.docker.internal.NetworkManager;
import dev.berth.docker.internal.Pause;
import dev.berth.docker.internal.EngineTask;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.Secret;
import dev.berth.model.TaskDefinition;
import dev.berth.swarm.SwarmBackendConfig;
import dev.berth.swarm.internal.ContainerTemplates.Attachment;
import dev.berth.task.StopCode;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a task's containers, one Swarm service each, in {@code dependsOn} order: a container's service is created
 * once its dependencies' conditions hold (START, COMPLETE, SUCCESS, HEALTHY, each within its startTimeout), as
 * ECS's agent starts containers. Each service runs one task and never restarts it (restart condition {@code none}):
 * a single container is pinned to the chosen node as a global service constrained to that node; in managed mode
 * the first container is a one-replica service Swarm places, and the others follow it to its node. A task of
 * several containers (or awsvpc) gets an overlay network of its own, on which its containers find each other by
 * name and link alias. Secrets are resolved and images pinned before anything is created.
 */
final class TaskStarter {

    private static final Logger LOG = LoggerFactory.getLogger(TaskStarter.class);

    /**
     * How a start ended.
     *
     * @param started whether every container's service was created (or the start stopped because a stop came)
     * @param nothingCreated whether nothing of the task exists on the swarm
     * @param code why the task must stop, when it did not start
     * @param reason the stop's words
     */
    record Outcome(boolean started, boolean nothingCreated, StopCode code, String reason) {
        static Outcome done() {
            return new Outcome(true, false, StopCode.TASK_FAILED_TO_START, "");
        }

        static Outcome notStarted(boolean nothingCreated, String reason) {
            return new Outcome(false, nothingCreated, StopCode.TASK_FAILED_TO_START, reason);
        }
    }

    private final SwarmApi api;
    private final SwarmBackendConfig config;
    private final ContainerTemplates templates;
    private final ImagePins images;
    private final Function<TaskLaunch, List<ContainerRun>> runs;
    private final Function<List<ContainerRun>, TaskViews> views;

    /**
     * @param runs reads a task's container services and their Swarm tasks
     * @param views makes the view over the current nodes
     */
    TaskStarter(SwarmApi api, SwarmBackendConfig config, ContainerTemplates templates, ImagePins images,
                Function<TaskLaunch, List<ContainerRun>> runs, Function<List<ContainerRun>, TaskViews> views) {
        this.api = api;
        this.config = config;
        this.templates = templates;
        this.images = images;
        this.runs = runs;
        this.views = views;
    }

    /**
     * @param launch the task
     * @param stopRequested tells whether a stop came meanwhile: then no further container is started
     * @return how it ended
     * @throws BackendUnavailableException if the manager cannot be reached (the caller retries or reports)
     * @throws ConflictException if another process is creating the same task
     */
    Outcome start(TaskLaunch launch, BooleanSupplier stopRequested) {
        TaskDefinition td = launch.revision().definition();
        Map<String, Map<String, String>> secrets;
        try {
            secrets = resolveSecrets(td);
        } catch (BerthException e) {
            return Outcome.notStarted(true, "ResourceInitializationError: unable to read secrets: " + e.getMessage());
        }
        Map<String, String> pinned = new HashMap<>();
        for (ContainerDefinition c : td.containerDefinitions()) {
            pinned.put(c.name(), images.reference(c.image()));
        }
        EngineTask request = launch.asEngineTask();
        Optional<String> network = Optional.empty();
        if (NetworkManager.needsOwnNetwork(td)) {
            network = Optional.of(api.createOverlayNetwork(SwarmNames.taskNetwork(launch.cluster(), launch.taskId()),
                    taskLabels(launch, request)));
        }
        DependencyOrder order = DependencyOrder.of(td);
        Map<String, List<String>> aliases = NetworkAliases.of(td);
        Map<String, Instant> createdAt = new HashMap<>();
        Optional<String> node = launch.node();
        List<ContainerDefinition> pending = new ArrayList<>(order.startOrder());
        while (!pending.isEmpty()) {
            if (stopRequested.getAsBoolean()) {
                return Outcome.done();
            }
            Map<String, ContainerObservation> states = createdAt.isEmpty() ? Map.of() : states(launch);
            if (states.values().stream().anyMatch(c -> c.essential() && c.status() == TaskStatus.STOPPED)) {
                return Outcome.done(); // an essential container exited: the observer stops the task
            }
            Instant now = config.manager().clock().instant();
            boolean progressed = false;
            for (ContainerDefinition c : List.copyOf(pending)) {
                List<DependencyCheck> checks = new ArrayList<>();
                for (ContainerDependency d : c.dependsOn()) {
                    checks.add(DependencyCheck.evaluate(d, Optional.ofNullable(states.get(d.containerName())),
                            Optional.ofNullable(createdAt.get(d.containerName())),
                            startTimeout(td, d.containerName()), now));
                }
                Optional<DependencyCheck> failed = checks.stream()
                        .filter(k -> k.verdict() == DependencyCheck.Verdict.FAILED).findFirst();
                if (failed.isPresent()) {
                    return Outcome.notStarted(createdAt.isEmpty() && network.isEmpty(), "Container '" + c.name()
                            + "' was not started: " + failed.get().reason());
                }
                if (checks.stream().allMatch(k -> k.verdict() == DependencyCheck.Verdict.SATISFIED)) {
                    if (node.isEmpty() && !createdAt.isEmpty()) {
                        node = assignedNode(launch);
                        if (node.isEmpty()) {
                            continue; // Swarm has not placed the first container yet
                        }
                    }
                    ObjectNode spec = spec(launch, request, c, order.level(c.name()), pinned.get(c.name()),
                            secrets.getOrDefault(c.name(), Map.of()), network, aliases.getOrDefault(c.name(),
                                    List.of()), node);
                    try {
                        api.createService(spec, RegistryLogins.header(c.image(),
                                config.manager().registryCredentials()));
                    } catch (ConflictException exists) {
                        if (createdAt.isEmpty()) {
                            throw exists; // another process creates this task
                        }
                    } catch (BerthException e) {
                        if (e instanceof BackendUnavailableException) {
                            throw e;
                        }
                        return Outcome.notStarted(createdAt.isEmpty() && network.isEmpty(),
                                TaskViews.CANNOT_START + e.getMessage());
                    }
                    LOG.debug("created container={} of task={} cluster={}", c.name(), launch.taskId(),
                            launch.cluster());
                    createdAt.put(c.name(), config.manager().clock().instant());
                    pending.remove(c);
                    progressed = true;
                }
            }
            if (!progressed && !pending.isEmpty()) {
                Pause.sleep(config.manager().pollInterval(), "the dependencies of task " + launch.taskId());
            }
        }
        return Outcome.done();
    }

    private ObjectNode spec(TaskLaunch launch, EngineTask request, ContainerDefinition c, int level, String image,
                            Map<String, String> secrets, Optional<String> network, List<String> aliases,
                            Optional<String> node) {
        TaskDefinition td = launch.revision().definition();
        Duration grace = c.stopTimeout().orElse(config.manager().defaultStopTimeout());
        Map<String, String> containerLabels = Labels.forContainer(request, c, level, grace);
        Map<String, String> serviceLabels = taskLabels(launch, request);
        serviceLabels.put(Labels.CONTAINER, c.name());
        serviceLabels.put(Labels.ESSENTIAL, Boolean.toString(c.essential()));
        serviceLabels.put(Labels.STOP_TIMEOUT_MS, Long.toString(grace.toMillis()));
        serviceLabels.put(Labels.DEPENDENCY_LEVEL, Integer.toString(level));
        node.ifPresent(n -> serviceLabels.put(SwarmLabels.NODE, n));
        List<Attachment> networks = network.map(n -> List.of(new Attachment(n, aliases)))
                .orElseGet(() -> switch (td.networkMode()) {
                    case HOST -> List.of(new Attachment("host", List.of()));
                    case NONE -> List.of(new Attachment("none", List.of()));
                    default -> List.of();
                });
        SwarmPlacement placement = node.map(SwarmPlacement::pinned).orElse(launch.placement());
        ObjectNode spec = SwarmApi.object();
        spec.put("Name", SwarmNames.taskContainer(launch.cluster(), launch.taskId(),
                td.containerDefinitions().indexOf(c)));
        ObjectNode labels = spec.putObject("Labels");
        serviceLabels.forEach(labels::put);
        spec.set("TaskTemplate", templates.taskTemplate(c, image, ContainerTemplates.environment(c,
                request.override(c.name()), secrets), containerLabels, networks, placement, "none", Duration.ZERO));
        if (node.isPresent()) {
            spec.putObject("Mode").putObject("Global");
        } else {
            spec.putObject("Mode").putObject("Replicated").put("Replicas", 1);
        }
        spec.set("EndpointSpec", templates.endpoint(c, td.networkMode(), network.isPresent()));
        return spec;
    }

    private static Map<String, String> taskLabels(TaskLaunch launch, EngineTask request) {
        Map<String, String> labels = new LinkedHashMap<>(Labels.forTask(request));
        labels.put(SwarmLabels.KIND, SwarmLabels.KIND_TASK);
        labels.put(SwarmLabels.CONTAINERS, launch.revision().definition().containerDefinitions().stream()
                .map(ContainerDefinition::name).collect(Collectors.joining(",")));
        return labels;
    }

    private Map<String, ContainerObservation> states(TaskLaunch launch) {
        List<ContainerRun> current = runs.apply(launch);
        TaskViews view = views.apply(current);
        Map<String, ContainerObservation> states = new HashMap<>();
        current.forEach(r -> states.put(r.name(), view.container(r)));
        return states;
    }

    /** @return the node Swarm assigned the task's first container to, once it did */
    private Optional<String> assignedNode(TaskLaunch launch) {
        return runs.apply(launch).stream().flatMap(r -> r.run().stream()).map(SwarmTask::nodeId)
                .filter(n -> !n.isEmpty()).findFirst();
    }

    private Duration startTimeout(TaskDefinition td, String containerName) {
        return td.container(containerName).flatMap(ContainerDefinition::startTimeout)
                .orElse(config.manager().defaultStartTimeout());
    }

    private Map<String, Map<String, String>> resolveSecrets(TaskDefinition td) {
        Map<String, Map<String, String>> all = new HashMap<>();
        for (ContainerDefinition c : td.containerDefinitions()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (Secret s : c.secrets()) {
                try {
                    values.put(s.name(), config.manager().secretResolver().resolve(s.valueFrom()));
                } catch (RuntimeException e) {
                    throw new BerthException("secret " + s.name() + " of container '" + c.name() + "' (valueFrom "
                            + s.valueFrom() + ") could not be read: " + e.getMessage(), e);
                }
            }
            all.put(c.name(), values);
        }
        return all;
    }
}
