package dev.berth.internal.state;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cluster.ClusterRecord;
import dev.berth.cluster.ClusterStatus;
import dev.berth.cluster.InstanceRegistration;
import dev.berth.exception.BerthException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.internal.json.RecordReader.CorruptRecordException;
import dev.berth.internal.json.RecordReader;
import dev.berth.internal.json.TaskDefinitionJsonReader;
import dev.berth.internal.json.TaskDefinitionJsonWriter;
import dev.berth.model.InstanceStatus;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.network.HealthCheckProtocol;
import dev.berth.network.HealthCheckSettings;
import dev.berth.network.HttpCodeMatcher;
import dev.berth.network.TargetGroup;
import dev.berth.network.TargetGroupProtocol;
import dev.berth.network.TargetGroupSpec;
import dev.berth.reconciler.RestartThrottle;
import dev.berth.reconciler.ServiceEventLog;
import dev.berth.reconciler.ServiceState;
import dev.berth.service.CircuitBreakerThreshold;
import dev.berth.service.Deployment;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.LoadBalancer;
import dev.berth.service.RolloutState;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceConnectClientAlias;
import dev.berth.service.ServiceConnectConfiguration;
import dev.berth.service.ServiceConnectService;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceRegistry;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The JSON of stored records: clusters, services and task-definition families. Task-definition revisions (also
 * those inside a service's deployments) are written in ECS's describe-task-definition format by the ECS codec;
 * everything else by field name, instants and durations as ISO-8601 strings, enums by name. Every document
 * carries {@code formatVersion}.
 */
final class StateJson {

    static final int FORMAT_VERSION = 1;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectWriter printer = mapper.writerWithDefaultPrettyPrinter();
    private final TaskDefinitionJsonReader taskDefinitions = new TaskDefinitionJsonReader(false);

    /** @return the document as UTF-8 text */
    byte[] print(ObjectNode document) {
        try {
            return printer.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a stored record.
     *
     * @param file the record's file
     * @param mapping from the document to the record
     * @return the record
     * @throws BerthException if the file cannot be read or does not hold a whole record, naming the file and its
     *     backup
     */
    <T> T read(Path file, Function<RecordReader, T> mapping) {
        try {
            return mapping.apply(parse(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new BerthException("Cannot read the Berth state file " + file + ": " + e, e);
        } catch (CorruptRecordException | InvalidSpecException | IllegalArgumentException e) {
            Path backup = StateDirectory.backupOf(file);
            throw new BerthException("The Berth state file " + file + " is truncated or corrupt: " + e.getMessage()
                    + ". Berth refuses to start rather than forget what it held. "
                    + (Files.exists(backup)
                            ? "Its previous version is kept in " + backup + ": check it and copy it over " + file
                                    + " to restore that version, or delete both files to drop the record."
                            : "There is no backup (" + backup + " does not exist, as the record was written only"
                                    + " once): repair the file, or delete it to drop the record."), e);
        }
    }

    /**
     * @return the root of a stored document, checked for its format version
     * @throws CorruptRecordException if it is not JSON or not of this format
     */
    private RecordReader parse(byte[] content) {
        JsonNode document;
        try {
            document = mapper.readTree(content);
        } catch (JacksonException e) {
            throw new CorruptRecordException("it is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (document == null || document.isMissingNode()) {
            throw new CorruptRecordException("it is empty");
        }
        RecordReader root = RecordReader.root(document);
        int version = root.integer("formatVersion");
        if (version != FORMAT_VERSION) {
            throw new CorruptRecordException("it has format version " + version + ", but this Berth reads version "
                    + FORMAT_VERSION + " (was it written by a newer Berth?)");
        }
        return root;
    }

    private static ObjectNode document() {
        ObjectNode node = JSON.objectNode();
        node.put("formatVersion", FORMAT_VERSION);
        return node;
    }

    // ---- clusters

    ObjectNode write(ClusterRecord cluster) {
        ObjectNode node = document();
        node.put("name", cluster.name());
        node.put("status", cluster.status().name());
        ObjectNode instances = node.putObject("instances");
        cluster.instances().forEach((id, registration) -> {
            ObjectNode instance = instances.putObject(id);
            instance.put("status", registration.status().name());
            ObjectNode attributes = instance.putObject("customAttributes");
            registration.customAttributes().forEach(attributes::put);
        });
        node.put("createdAt", cluster.createdAt().toString());
        cluster.serviceConnectNamespace().ifPresent(namespace -> node.put("serviceConnectNamespace", namespace));
        return node;
    }

    ClusterRecord readCluster(RecordReader node) {
        Map<String, InstanceRegistration> instances = new TreeMap<>();
        for (var entry : node.entries("instances")) {
            RecordReader instance = entry.getValue();
            instances.put(entry.getKey(), new InstanceRegistration(entry.getKey(),
                    instance.enumValue("status", InstanceStatus.class), instance.stringMap("customAttributes")));
        }
        return new ClusterRecord(node.string("name"), node.enumValue("status", ClusterStatus.class), instances,
                node.instant("createdAt"), node.optionalString("serviceConnectNamespace"));
    }

    // ---- services

    ObjectNode write(ServiceState service) {
        ObjectNode node = document();
        node.put("cluster", service.cluster());
        node.set("spec", spec(service.spec()));
        ArrayNode deployments = node.putArray("deployments");
        service.deployments().forEach(d -> deployments.add(deployment(d)));
        ObjectNode throttle = node.putObject("throttle");
        throttle.put("consecutiveFailures", service.throttle().consecutiveFailures());
        service.throttle().nextLaunchAt().ifPresent(at -> throttle.put("nextLaunchAt", at.toString()));
        ArrayNode accounted = node.putArray("accountedStoppedTasks");
        new TreeSet<>(service.accountedStoppedTasks()).forEach(accounted::add);
        node.put("deploymentsCreated", service.deploymentsCreated());
        ObjectNode events = node.putObject("events");
        ArrayNode newestFirst = events.putArray("newestFirst");
        service.events().events().forEach(e -> newestFirst.add(event(e)));
        ObjectNode lastOfKind = events.putObject("lastOfKind");
        service.events().lastOfKind().forEach((kind, e) -> lastOfKind.set(kind.name(), event(e)));
        node.put("status", service.status().name());
        node.put("createdAt", service.createdAt().toString());
        return node;
    }

    ServiceState readService(RecordReader node) {
        RecordReader throttle = node.object("throttle");
        RecordReader events = node.object("events");
        Map<ServiceEvent.Kind, ServiceEvent> lastOfKind = new EnumMap<>(ServiceEvent.Kind.class);
        for (var entry : events.entries("lastOfKind")) {
            ServiceEvent.Kind kind;
            try {
                kind = ServiceEvent.Kind.valueOf(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new CorruptRecordException("'" + entry.getValue().path() + "' is not an event kind");
            }
            lastOfKind.put(kind, readEvent(entry.getValue()));
        }
        return new ServiceState(node.string("cluster"), readSpec(node.object("spec")),
                node.array("deployments", this::readDeployment),
                new RestartThrottle(throttle.integer("consecutiveFailures"), throttle.optionalInstant("nextLaunchAt")),
                new TreeSet<>(node.strings("accountedStoppedTasks")), node.integer("deploymentsCreated"),
                ServiceEventLog.of(events.array("newestFirst", StateJson::readEvent), lastOfKind),
                node.enumValue("status", ServiceStatus.class), node.instant("createdAt"));
    }

    private static ObjectNode spec(ServiceSpec spec) {
        ObjectNode node = JSON.objectNode();
        node.put("name", spec.name());
        node.put("taskDefinition", spec.taskDefinition().toString());
        node.put("desiredCount", spec.desiredCount());
        node.put("schedulingStrategy", spec.schedulingStrategy().name());
        DeploymentConfiguration configuration = spec.deploymentConfiguration();
        ObjectNode deployment = node.putObject("deploymentConfiguration");
        deployment.put("minimumHealthyPercent", configuration.minimumHealthyPercent());
        deployment.put("maximumPercent", configuration.maximumPercent());
        ObjectNode breaker = deployment.putObject("circuitBreaker");
        breaker.put("enabled", configuration.circuitBreaker().enabled());
        breaker.put("rollback", configuration.circuitBreaker().rollback());
        ObjectNode threshold = breaker.putObject("threshold");
        threshold.put("type", configuration.circuitBreaker().threshold().type().name());
        threshold.put("value", configuration.circuitBreaker().threshold().value());
        ArrayNode strategies = node.putArray("placementStrategies");
        for (PlacementStrategy strategy : spec.placementStrategies()) {
            ObjectNode element = strategies.addObject().put("type", strategy.type().name());
            strategy.field().ifPresent(field -> element.put("field", field));
        }
        ArrayNode constraints = node.putArray("placementConstraints");
        for (PlacementConstraint constraint : spec.placementConstraints()) {
            ObjectNode element = constraints.addObject().put("type", constraint.type().name());
            constraint.expression().ifPresent(expression -> element.put("expression", expression));
        }
        node.put("healthCheckGracePeriod", spec.healthCheckGracePeriod().toString());
        ArrayNode loadBalancers = node.putArray("loadBalancers");
        for (LoadBalancer lb : spec.loadBalancers()) {
            loadBalancers.addObject().put("targetGroupArn", lb.targetGroupArn())
                    .put("containerName", lb.containerName()).put("containerPort", lb.containerPort());
        }
        ArrayNode registries = node.putArray("serviceRegistries");
        for (ServiceRegistry registry : spec.serviceRegistries()) {
            ObjectNode element = registries.addObject().put("registryArn", registry.registryArn());
            registry.containerName().ifPresent(name -> element.put("containerName", name));
            registry.containerPort().ifPresent(port -> element.put("containerPort", port));
            registry.port().ifPresent(port -> element.put("port", port));
        }
        ServiceConnectConfiguration connect = spec.serviceConnectConfiguration();
        ObjectNode connectNode = node.putObject("serviceConnectConfiguration").put("enabled", connect.enabled());
        connect.namespace().ifPresent(namespace -> connectNode.put("namespace", namespace));
        ArrayNode services = connectNode.putArray("services");
        for (ServiceConnectService service : connect.services()) {
            ObjectNode element = services.addObject().put("portName", service.portName());
            service.discoveryName().ifPresent(name -> element.put("discoveryName", name));
            ArrayNode aliases = element.putArray("clientAliases");
            for (ServiceConnectClientAlias alias : service.clientAliases()) {
                ObjectNode aliasNode = aliases.addObject().put("port", alias.port());
                alias.dnsName().ifPresent(name -> aliasNode.put("dnsName", name));
            }
            service.ingressPortOverride().ifPresent(port -> element.put("ingressPortOverride", port));
        }
        return node;
    }

    /** Service Connect, load balancers and registries; absent in records of versions before them. */
    private static ServiceConnectConfiguration readServiceConnect(RecordReader spec) {
        if (!spec.has("serviceConnectConfiguration")) {
            return ServiceConnectConfiguration.disabled();
        }
        RecordReader node = spec.object("serviceConnectConfiguration");
        return new ServiceConnectConfiguration(node.bool("enabled"), node.optionalString("namespace"),
                node.array("services", s -> new ServiceConnectService(s.string("portName"),
                        s.optionalString("discoveryName"),
                        s.array("clientAliases", a -> new ServiceConnectClientAlias(a.integer("port"),
                                a.optionalString("dnsName"))),
                        s.optionalInteger("ingressPortOverride"))));
    }

    private static ServiceSpec readSpec(RecordReader node) {
        RecordReader deployment = node.object("deploymentConfiguration");
        RecordReader breaker = deployment.object("circuitBreaker");
        RecordReader threshold = breaker.object("threshold");
        String ref = node.string("taskDefinition");
        TaskDefinitionRef taskDefinition;
        try {
            taskDefinition = TaskDefinitionRef.parse(ref);
        } catch (InvalidSpecException e) {
            throw new CorruptRecordException("'" + node.pathOf("taskDefinition") + "' is not a task-definition"
                    + " reference: " + ref);
        }
        return new ServiceSpec(node.string("name"), taskDefinition, node.integer("desiredCount"),
                node.enumValue("schedulingStrategy", SchedulingStrategy.class),
                new DeploymentConfiguration(deployment.integer("minimumHealthyPercent"),
                        deployment.integer("maximumPercent"),
                        new DeploymentCircuitBreaker(breaker.bool("enabled"), breaker.bool("rollback"),
                                new CircuitBreakerThreshold(
                                        threshold.enumValue("type", CircuitBreakerThreshold.Type.class),
                                        threshold.integer("value")))),
                node.array("placementStrategies", s -> new PlacementStrategy(
                        s.enumValue("type", PlacementStrategy.Type.class), s.optionalString("field"))),
                node.array("placementConstraints", c -> new PlacementConstraint(
                        c.enumValue("type", PlacementConstraint.Type.class), c.optionalString("expression"))),
                node.duration("healthCheckGracePeriod"),
                node.has("loadBalancers") ? node.array("loadBalancers", lb -> new LoadBalancer(
                        lb.string("targetGroupArn"), lb.string("containerName"), lb.integer("containerPort")))
                        : List.of(),
                node.has("serviceRegistries") ? node.array("serviceRegistries", r -> new ServiceRegistry(
                        r.string("registryArn"), r.optionalString("containerName"), r.optionalInteger("containerPort"),
                        r.optionalInteger("port"))) : List.of(),
                readServiceConnect(node));
    }

    private static ObjectNode deployment(Deployment deployment) {
        ObjectNode node = JSON.objectNode();
        node.put("id", deployment.id());
        node.set("taskDefinition", TaskDefinitionJsonWriter.describeFormat(deployment.taskDefinition()));
        node.put("status", deployment.status().name());
        node.put("rolloutState", deployment.rolloutState().name());
        node.put("rolloutStateReason", deployment.rolloutStateReason());
        node.put("failedTasks", deployment.failedTasks());
        deployment.rollbackOf().ifPresent(id -> node.put("rollbackOf", id));
        node.put("createdAt", deployment.createdAt().toString());
        node.put("updatedAt", deployment.updatedAt().toString());
        return node;
    }

    private Deployment readDeployment(RecordReader node) {
        return new Deployment(node.string("id"), readRevision(node, "taskDefinition"),
                node.enumValue("status", DeploymentStatus.class), node.enumValue("rolloutState", RolloutState.class),
                node.string("rolloutStateReason"), node.integer("failedTasks"), node.optionalString("rollbackOf"),
                node.instant("createdAt"), node.instant("updatedAt"));
    }

    private static ObjectNode event(ServiceEvent event) {
        ObjectNode node = JSON.objectNode();
        node.put("createdAt", event.createdAt().toString());
        node.put("kind", event.kind().name());
        node.put("message", event.message());
        return node;
    }

    private static ServiceEvent readEvent(RecordReader node) {
        return new ServiceEvent(node.instant("createdAt"), node.enumValue("kind", ServiceEvent.Kind.class),
                node.string("message"));
    }

    // ---- target groups

    ObjectNode write(TargetGroup group) {
        ObjectNode node = document();
        node.put("arn", group.arn());
        TargetGroupSpec spec = group.spec();
        node.put("name", spec.name());
        node.put("protocol", spec.protocol().name());
        HealthCheckSettings check = spec.healthCheck();
        ObjectNode health = node.putObject("healthCheck");
        health.put("protocol", check.protocol().name());
        health.put("path", check.path());
        check.port().ifPresent(port -> health.put("port", port));
        health.put("interval", check.interval().toString());
        health.put("timeout", check.timeout().toString());
        health.put("healthyThreshold", check.healthyThreshold());
        health.put("unhealthyThreshold", check.unhealthyThreshold());
        health.put("matcher", check.matcher().httpCode());
        node.put("deregistrationDelay", spec.deregistrationDelay().toString());
        node.put("listenerPort", spec.listenerPort());
        node.put("createdAt", group.createdAt().toString());
        return node;
    }

    TargetGroup readTargetGroup(RecordReader node) {
        RecordReader health = node.object("healthCheck");
        HealthCheckSettings check = new HealthCheckSettings(health.enumValue("protocol", HealthCheckProtocol.class),
                health.string("path"), health.optionalInteger("port"), health.duration("interval"),
                health.duration("timeout"), health.integer("healthyThreshold"), health.integer("unhealthyThreshold"),
                new HttpCodeMatcher(health.string("matcher")));
        return new TargetGroup(node.string("arn"), new TargetGroupSpec(node.string("name"),
                node.enumValue("protocol", TargetGroupProtocol.class), check, node.duration("deregistrationDelay"),
                node.integer("listenerPort")), node.instant("createdAt"));
    }

    // ---- task-definition families

    ObjectNode write(FamilyRevisions family) {
        ObjectNode node = document();
        node.put("family", family.family());
        node.put("lastRevision", family.lastRevision());
        ArrayNode revisions = node.putArray("revisions");
        family.revisions().forEach(r -> revisions.add(TaskDefinitionJsonWriter.describeFormat(r)));
        return node;
    }

    FamilyRevisions readFamily(RecordReader node) {
        return new FamilyRevisions(node.string("family"), node.integer("lastRevision"),
                node.array("revisions", revision -> readRevision(revision.node(), revision.path())));
    }

    private RegisteredTaskDefinition readRevision(RecordReader parent, String field) {
        return readRevision(parent.objectNode(field), parent.pathOf(field));
    }

    private RegisteredTaskDefinition readRevision(JsonNode node, String path) {
        try {
            return taskDefinitions.readRegistered(node, path);
        } catch (InvalidSpecException e) {
            throw new CorruptRecordException("'" + path + "' is not a registered task definition: " + e.getMessage());
        }
    }
}
