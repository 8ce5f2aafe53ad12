package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.docker.internal.Labels;
import dev.berth.docker.internal.EngineTask;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceSpec;
import dev.berth.swarm.internal.ContainerTemplates.Attachment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Berth service as a Swarm service spec (pure): REPLICA → replicated with the desired count, DAEMON → global; the
 * definition's one container as the task template ({@link ContainerTemplates}, restart condition {@code any}, so that
 * Swarm replaces tasks that exit); placement ({@link SwarmPlacement#forService}); deployment bounds and breaker
 * ({@link UpdatePolicy}). The labels carry what Berth reports back: the revision (its ARN, and what
 * {@link SpecRevisions} needs to read it back), the deployment id (also on each container, as its
 * {@code startedBy}), when the deployment began, and a hash of the
 * template without the deployment, so that an update that changes nothing in it (a new desired count) keeps the
 * deployment, as on ECS.
 */
public final class ServiceSpecs {

    /** A hash of the task template, without the deployment id (services only). */
    public static final String TEMPLATE_HASH = "dev.berth.swarm.template-hash";
    /** When the service's deployment began, an ISO-8601 instant (services only). */
    public static final String DEPLOYMENT_CREATED_AT = "dev.berth.deployment-created-at";

    private final ContainerTemplates templates;
    private final Duration updateMonitor;
    private final Map<String, String> extraLabels;

    /**
     * @param templates maps the container
     * @param updateMonitor how long Swarm watches each new task
     * @param extraLabels the configured labels every Swarm object carries
     */
    public ServiceSpecs(ContainerTemplates templates, Duration updateMonitor, Map<String, String> extraLabels) {
        this.templates = templates;
        this.updateMonitor = updateMonitor;
        this.extraLabels = Map.copyOf(extraLabels);
    }

    /**
     * What one service's spec is made of, beside the service and its revision.
     *
     * @param cluster the cluster
     * @param image the image reference the nodes run
     * @param secrets the container's secret values by variable name
     * @param readyNodes the nodes a DAEMON service's deployment bounds are computed for
     * @param forceUpdate Swarm's counter that replaces every task when it changes
     */
    public record Inputs(String cluster, String image, Map<String, String> secrets, int readyNodes, long forceUpdate) {
        public Inputs {
            secrets = Map.copyOf(secrets);
        }
    }

    /**
     * @param spec the service
     * @param revision the revision it runs (one container)
     * @param in the rest
     * @param current the service's current deployment, if it exists: kept when the template is the same
     * @param now when a new deployment begins
     * @return the Swarm service spec
     */
    public ObjectNode spec(ServiceSpec spec, RegisteredTaskDefinition revision, Inputs in,
                           Optional<Deployment> current, Instant now) {
        ContainerDefinition c = revision.definition().containerDefinitions().get(0);
        List<PlacementConstraint> constraints = new ArrayList<>(revision.definition().placementConstraints());
        constraints.addAll(spec.placementConstraints());
        constraints.addAll(DefinitionSupport.platformConstraints(revision.definition()));
        SwarmPlacement placement = SwarmPlacement.forService(constraints, spec.placementStrategies());
        String hash = hash(template(spec, revision, in, c, placement, "").toString() + "/" + in.forceUpdate());
        Deployment deployment = current.filter(d -> d.templateHash().equals(hash))
                .orElseGet(() -> new Deployment(DeploymentIds.next(), hash, now));
        ObjectNode swarm = SwarmApi.object();
        swarm.put("Name", SwarmNames.service(in.cluster(), spec.name()));
        ObjectNode labels = swarm.putObject("Labels");
        Selectors.service(extraLabels, in.cluster(), spec.name()).forEach(labels::put);
        labels.put(TEMPLATE_HASH, hash);
        labels.put(DEPLOYMENT_CREATED_AT, deployment.createdAt().toString());
        ObjectNode template = template(spec, revision, in, c, placement, deployment.id());
        template.put("ForceUpdate", in.forceUpdate());
        swarm.set("TaskTemplate", template);
        int desired;
        if (spec.schedulingStrategy() == SchedulingStrategy.DAEMON) {
            swarm.putObject("Mode").putObject("Global");
            desired = in.readyNodes();
        } else {
            swarm.putObject("Mode").putObject("Replicated").put("Replicas", spec.desiredCount());
            desired = spec.desiredCount();
        }
        UpdatePolicy policy = UpdatePolicy.of(spec.deploymentConfiguration(), desired, updateMonitor);
        swarm.set("UpdateConfig", policy.updateConfig());
        swarm.set("RollbackConfig", policy.rollbackConfig());
        swarm.set("EndpointSpec", templates.endpoint(c, revision.definition().networkMode(), false));
        return swarm;
    }

    private ObjectNode template(ServiceSpec spec, RegisteredTaskDefinition revision, Inputs in, ContainerDefinition c,
                                SwarmPlacement placement, String deploymentId) {
        EngineTask request = new EngineTask("service", in.cluster(), revision.definition(), revision.arn(),
                spec.taskGroup(), deploymentId, Instant.EPOCH, List.of(), extraLabels);
        Duration grace = c.stopTimeout().orElse(templates.defaultStopTimeout());
        Map<String, String> containerLabels = new LinkedHashMap<>(Labels.forContainer(request, c, 0, grace));
        containerLabels.remove(Labels.TASK);
        containerLabels.remove(Labels.CREATED_AT);
        containerLabels.putAll(SpecRevisions.labels(c));
        List<Attachment> networks = switch (revision.definition().networkMode()) {
            case HOST -> List.of(new Attachment("host", List.of()));
            case NONE -> List.of(new Attachment("none", List.of()));
            default -> List.of();
        };
        return templates.taskTemplate(c, in.image(), ContainerTemplates.environment(c, Optional.empty(),
                in.secrets()), containerLabels, networks, placement, "any", spec.healthCheckGracePeriod());
    }

    /**
     * @param service a Swarm-managed service as read
     * @return its current deployment, from its labels
     */
    public static Optional<Deployment> deployment(SwarmService service) {
        return deployment(service.labels(), service.containerLabels());
    }

    /**
     * @param serviceLabels a spec's labels
     * @param containerLabels the labels of its task template's container
     * @return the deployment that spec records
     */
    static Optional<Deployment> deployment(Map<String, String> serviceLabels, Map<String, String> containerLabels) {
        String id = containerLabels.getOrDefault(Labels.DEPLOYMENT, "");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Deployment(id, serviceLabels.getOrDefault(TEMPLATE_HASH, ""),
                Json.instant(serviceLabels.getOrDefault(DEPLOYMENT_CREATED_AT, "")).orElse(Instant.EPOCH)));
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * One deployment of a Swarm-managed service, as its spec's labels record it.
     *
     * @param id the deployment's id
     * @param templateHash the hash of the task template it runs
     * @param createdAt when it began
     */
    public record Deployment(String id, String templateHash, Instant createdAt) {
    }
}
