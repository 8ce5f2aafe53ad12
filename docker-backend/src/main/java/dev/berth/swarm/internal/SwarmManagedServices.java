package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.docker.internal.Labels;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Secret;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.ManagedServiceStatus;
import dev.berth.spi.ManagedServices;
import dev.berth.swarm.SwarmBackendConfig;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Swarm-managed services: a Berth service is a Swarm service ({@link ServiceSpecs}), created, updated and removed
 * through the manager, and reported back in ECS's shapes ({@link ServiceStatuses}). Swarm's orchestrator keeps it
 * at its count, replaces failed tasks, moves tasks off drained and lost nodes, and rolls updates with rollback.
 * Deleting a service first scales it to nothing (DRAINING while its tasks stop), then removes it, so that it is
 * gone only once its tasks are.
 */
public final class SwarmManagedServices implements ManagedServices {

    private final SwarmApi api;
    private final SwarmBackendConfig config;
    private final ServiceSpecs specs;
    private final ImagePins images;
    private final Clock clock;
    /** The revisions this process was given or read from a spec, by ARN: a rolled-back deployment's spec is gone. */
    private final Map<String, RegisteredTaskDefinition> revisions = new ConcurrentHashMap<>();

    /**
     * @param api the manager
     * @param config the backend's settings
     */
    public SwarmManagedServices(SwarmApi api, SwarmBackendConfig config) {
        this.api = api;
        this.config = config;
        this.specs = new ServiceSpecs(new ContainerTemplates(config.publishMode(),
                config.manager().defaultStopTimeout()), config.updateMonitor(), config.manager().labels());
        this.images = new ImagePins(api.clients(), config.manager().pullPolicy());
        this.clock = config.manager().clock();
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.berth.exception.InvalidSpecException if Swarm cannot run the definition or the placement as
     *     asked (a definition of several containers, binpack, an 'or' constraint, ...); the message says why
     */
    @Override
    public void createService(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition) {
        DefinitionSupport.check(taskDefinition.definition(), true);
        revisions.put(taskDefinition.arn(), taskDefinition);
        if (describeService(cluster, spec.name()).isPresent()) { // removes one deleted whose tasks all stopped
            throw new ConflictException("Service " + cluster + "/" + spec.name() + " already exists on the swarm;"
                    + " update it, or delete it and wait until it is gone.");
        }
        ObjectNode swarm = specs.spec(spec, taskDefinition, inputs(cluster, taskDefinition, 0), Optional.empty(),
                clock.instant());
        api.createService(swarm, login(taskDefinition));
    }

    @Override
    public void updateService(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition,
                              boolean forceNewDeployment) {
        DefinitionSupport.check(taskDefinition.definition(), true);
        revisions.put(taskDefinition.arn(), taskDefinition);
        SwarmService current = find(cluster, spec.name()).orElseThrow(() -> notFound(cluster, spec.name()));
        long force = current.spec().path("TaskTemplate").path("ForceUpdate").asLong(0)
                + (forceNewDeployment ? 1 : 0);
        ObjectNode swarm = specs.spec(spec, taskDefinition, inputs(cluster, taskDefinition, force),
                ServiceSpecs.deployment(current), clock.instant());
        ServiceUpdates.update(api, current.id(), old -> swarm, login(taskDefinition));
    }

    /**
     * Scales the service to nothing (a DAEMON service: places it nowhere) and marks it deleting; the next
     * {@link #describeService} that finds its tasks stopped removes it.
     */
    @Override
    public void deleteService(String cluster, String service, boolean force) {
        SwarmService current = find(cluster, service).orElseThrow(() -> notFound(cluster, service));
        if (!force && !current.global() && current.replicas() > 0) {
            throw new ConflictException("The service cannot be stopped while it is scaled above 0. Scale " + cluster
                    + "/" + service + " to 0 first, or delete it with force.");
        }
        ServiceUpdates.update(api, current.id(), spec -> {
            ((ObjectNode) spec.path("Labels")).put(SwarmLabels.DELETING, "true");
            if (spec.path("Mode").has("Global")) {
                TaskStopper.placeNowhere(spec);
            } else {
                ((ObjectNode) spec.path("Mode").path("Replicated")).put("Replicas", 0);
            }
            return spec;
        }, Optional.empty());
    }

    @Override
    public Optional<ManagedServiceStatus> describeService(String cluster, String service) {
        Optional<SwarmService> found = find(cluster, service);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SwarmService s = found.get();
        List<SwarmTask> tasks = api.tasksOf(List.of(s.id()));
        boolean deleting = ServiceStatuses.draining(s.labels());
        if (deleting && tasks.stream().allMatch(SwarmTask::isFinal)) {
            api.removeService(s.id());
            return Optional.empty();
        }
        Set<String> ready = api.nodes().stream().filter(SwarmNode::ready).map(SwarmNode::id)
                .collect(Collectors.toSet());
        return Optional.of(ServiceStatuses.of(s, tasks, deleting, ready, (template, endpoint) -> {
            String arn = template.path("ContainerSpec").path("Labels").path(Labels.TASK_DEFINITION).asText("");
            RegisteredTaskDefinition given = revisions.get(arn);
            return given != null ? Optional.of(given) : SpecRevisions.of(template, endpoint, s.createdAt());
        }));
    }

    private Optional<SwarmService> find(String cluster, String service) {
        return api.services(Selectors.service(config.manager().labels(), cluster, service)).stream().findFirst();
    }

    private ServiceSpecs.Inputs inputs(String cluster, RegisteredTaskDefinition revision, long forceUpdate) {
        ContainerDefinition c = revision.definition().containerDefinitions().get(0);
        Map<String, String> secrets = new LinkedHashMap<>();
        for (Secret s : c.secrets()) {
            try {
                secrets.put(s.name(), config.manager().secretResolver().resolve(s.valueFrom()));
            } catch (RuntimeException e) {
                throw new BerthException("secret " + s.name() + " of container '" + c.name() + "' (valueFrom "
                        + s.valueFrom() + ") could not be read: " + e.getMessage(), e);
            }
        }
        int ready = (int) api.nodes().stream().filter(n -> n.ready() && n.availability().equals("active")).count();
        return new ServiceSpecs.Inputs(cluster, images.reference(c.image()), secrets, ready, forceUpdate);
    }

    private Optional<String> login(RegisteredTaskDefinition revision) {
        return RegistryLogins.header(revision.definition().containerDefinitions().get(0).image(),
                config.manager().registryCredentials());
    }

    private static ResourceNotFoundException notFound(String cluster, String service) {
        return new ResourceNotFoundException("Service " + cluster + "/" + service + " does not exist on the swarm.");
    }
}
