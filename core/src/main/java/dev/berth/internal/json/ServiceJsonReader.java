package dev.berth.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.exception.InvalidSpecException;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.LoadBalancer;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceConnectClientAlias;
import dev.berth.service.ServiceConnectConfiguration;
import dev.berth.service.ServiceConnectService;
import dev.berth.service.ServiceRegistry;
import dev.berth.service.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Reads ECS's {@code create-service} input JSON into a {@link ServiceSpec}. Every JSON problem of a document, and
 * every value a field's own rule refuses, is collected before anything is thrown; the rules between fields run when
 * the spec is built, on a document without such problems.
 */
public final class ServiceJsonReader {

    private static final List<String> SERVICE_UNSUPPORTED = List.of("capacityProviderStrategy", "platformVersion",
            "role", "networkConfiguration", "deploymentController", "volumeConfigurations", "vpcLatticeConfigurations",
            "availabilityZoneRebalancing");
    private static final Schema CREATE_SERVICE = schema("create-service input", SERVICE_UNSUPPORTED,
                    "serviceName", "taskDefinition", "desiredCount", "schedulingStrategy", "deploymentConfiguration",
                    "placementConstraints", "placementStrategy", "healthCheckGracePeriodSeconds", "loadBalancers",
                    "serviceRegistries", "serviceConnectConfiguration")
            .withReadOnly("cluster", "clientToken", "launchType", "tags", "propagateTags", "enableECSManagedTags",
                    "enableExecuteCommand");
    private static final List<String> DEPLOYMENT_UNSUPPORTED = List.of("alarms", "strategy", "bakeTimeInMinutes",
            "lifecycleHooks");
    private static final Schema DEPLOYMENT_CONFIGURATION = schema("deployment configuration", DEPLOYMENT_UNSUPPORTED,
            "minimumHealthyPercent", "maximumPercent", "deploymentCircuitBreaker");
    private static final Schema CIRCUIT_BREAKER = Schema.of("deployment circuit breaker", "enable", "rollback");
    private static final Schema PLACEMENT_CONSTRAINT = Schema.of("placement constraint", "type", "expression");
    private static final Schema PLACEMENT_STRATEGY = Schema.of("placement strategy", "type", "field");
    private static final List<String> LOAD_BALANCER_UNSUPPORTED = List.of("loadBalancerName");
    private static final Schema LOAD_BALANCER = schema("load balancer", LOAD_BALANCER_UNSUPPORTED,
            "targetGroupArn", "containerName", "containerPort");
    private static final Schema SERVICE_REGISTRY = Schema.of("service registry",
            "registryArn", "port", "containerName", "containerPort");
    private static final List<String> SERVICE_CONNECT_UNSUPPORTED = List.of("logConfiguration");
    private static final Schema SERVICE_CONNECT = schema("Service Connect configuration",
            SERVICE_CONNECT_UNSUPPORTED, "enabled", "namespace", "services");
    private static final List<String> SERVICE_CONNECT_SERVICE_UNSUPPORTED = List.of("timeout", "tls");
    private static final Schema SERVICE_CONNECT_SERVICE = schema("Service Connect service",
            SERVICE_CONNECT_SERVICE_UNSUPPORTED, "portName", "discoveryName", "clientAliases", "ingressPortOverride");
    private static final Schema CLIENT_ALIAS = Schema.of("Service Connect client alias", "port", "dnsName");

    private static final Map<String, SchedulingStrategy> SCHEDULING = byName(SchedulingStrategy.values());
    private static final Map<String, PlacementConstraint.Type> CONSTRAINT_TYPES = new LinkedHashMap<>();
    private static final Map<String, PlacementStrategy.Type> STRATEGY_TYPES = new LinkedHashMap<>();

    static {
        for (PlacementConstraint.Type type : PlacementConstraint.Type.values()) {
            CONSTRAINT_TYPES.put(type.ecsName(), type);
        }
        for (PlacementStrategy.Type type : PlacementStrategy.Type.values()) {
            STRATEGY_TYPES.put(type.ecsName(), type);
        }
    }

    private final boolean ignoreUnknownFields;

    /**
     * @param ignoreUnknownFields whether fields unknown to ECS, and ECS fields Berth does not support, are dropped
     *     instead of reported
     */
    public ServiceJsonReader(boolean ignoreUnknownFields) {
        this.ignoreUnknownFields = ignoreUnknownFields;
    }

    /**
     * @param document create-service input
     * @param subject what the document is, for the exception message
     * @return the service's spec
     * @throws InvalidSpecException listing every JSON problem with its path
     * @throws IllegalArgumentException if the fields together break a rule of {@link ServiceSpec}
     */
    public ServiceSpec read(JsonNode document, String subject) {
        Problems problems = new Problems();
        Optional<ServiceSpec.Builder> read = Fields.open(document, "", CREATE_SERVICE, problems, ignoreUnknownFields)
                .map(this::service);
        problems.throwIfAny(subject);
        return read.orElseThrow().build();
    }

    private ServiceSpec.Builder service(Fields s) {
        s.require("serviceName", "taskDefinition");
        unsupported(s, SERVICE_UNSUPPORTED);
        TaskDefinitionRef ref = s.string("taskDefinition")
                .flatMap(text -> valid(s, "taskDefinition", () -> TaskDefinitionRef.parse(text)))
                .orElse(TaskDefinitionRef.latest("unknown"));
        ServiceSpec.Builder b = ServiceSpec.builder(s.string("serviceName").orElse("unknown"), ref);
        SchedulingStrategy scheduling = s.enumValue("schedulingStrategy", SCHEDULING)
                .orElse(SchedulingStrategy.REPLICA);
        b.schedulingStrategy(scheduling);
        s.integer("desiredCount").ifPresent(count -> valid(s, "desiredCount", () -> b.desiredCount(count)));
        DeploymentConfiguration defaults = scheduling == SchedulingStrategy.DAEMON
                ? DeploymentConfiguration.daemonDefaults() : DeploymentConfiguration.replicaDefaults();
        s.object("deploymentConfiguration", DEPLOYMENT_CONFIGURATION, d -> deployment(d, defaults))
                .ifPresent(b::deploymentConfiguration);
        s.objects("placementConstraints", PLACEMENT_CONSTRAINT, this::constraint).forEach(b::placementConstraint);
        s.objects("placementStrategy", PLACEMENT_STRATEGY, this::strategy).forEach(b::placementStrategy);
        s.seconds("healthCheckGracePeriodSeconds")
                .ifPresent(grace -> valid(s, "healthCheckGracePeriodSeconds", () -> b.healthCheckGracePeriod(grace)));
        s.objects("loadBalancers", LOAD_BALANCER, this::loadBalancer).forEach(b::loadBalancer);
        s.objects("serviceRegistries", SERVICE_REGISTRY, this::registry).forEach(b::serviceRegistry);
        s.object("serviceConnectConfiguration", SERVICE_CONNECT, this::serviceConnect)
                .ifPresent(b::serviceConnectConfiguration);
        return b;
    }

    /** Fields ECS leaves out take ECS's defaults for the scheduling strategy. */
    private Optional<DeploymentConfiguration> deployment(Fields d, DeploymentConfiguration defaults) {
        unsupported(d, DEPLOYMENT_UNSUPPORTED);
        DeploymentCircuitBreaker breaker = d.object("deploymentCircuitBreaker", CIRCUIT_BREAKER, c -> {
            c.require("enable", "rollback");
            boolean rollback = c.bool("rollback").orElse(false);
            return Optional.of(c.bool("enable").orElse(false) ? DeploymentCircuitBreaker.enabled(rollback)
                    : DeploymentCircuitBreaker.disabled());
        }).orElse(defaults.circuitBreaker());
        int minimum = d.integer("minimumHealthyPercent").orElse(defaults.minimumHealthyPercent());
        int maximum = d.integer("maximumPercent").orElse(defaults.maximumPercent());
        return valid(d, "minimumHealthyPercent", () -> new DeploymentConfiguration(minimum, maximum, breaker));
    }

    private Optional<PlacementConstraint> constraint(Fields p) {
        p.require("type");
        Optional<String> expression = p.string("expression");
        return p.enumValue("type", CONSTRAINT_TYPES)
                .flatMap(type -> valid(p, "expression", () -> new PlacementConstraint(type, expression)));
    }

    private Optional<PlacementStrategy> strategy(Fields p) {
        p.require("type");
        Optional<String> field = p.string("field");
        return p.enumValue("type", STRATEGY_TYPES)
                .flatMap(type -> valid(p, "field", () -> new PlacementStrategy(type, field)));
    }

    private Optional<LoadBalancer> loadBalancer(Fields l) {
        unsupported(l, LOAD_BALANCER_UNSUPPORTED);
        l.require("targetGroupArn", "containerName", "containerPort");
        Optional<String> arn = l.string("targetGroupArn");
        Optional<String> container = l.string("containerName");
        OptionalInt port = l.integer("containerPort");
        if (arn.isEmpty() || container.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        return valid(l, "targetGroupArn", () -> new LoadBalancer(arn.get(), container.get(), port.getAsInt()));
    }

    private Optional<ServiceRegistry> registry(Fields r) {
        r.require("registryArn");
        Optional<String> container = r.string("containerName");
        OptionalInt containerPort = r.integer("containerPort");
        OptionalInt port = r.integer("port");
        return r.string("registryArn")
                .flatMap(arn -> valid(r, "registryArn", () -> new ServiceRegistry(arn, container, containerPort,
                        port)));
    }

    private Optional<ServiceConnectConfiguration> serviceConnect(Fields c) {
        unsupported(c, SERVICE_CONNECT_UNSUPPORTED);
        c.require("enabled");
        boolean enabled = c.bool("enabled").orElse(false);
        Optional<String> namespace = c.string("namespace");
        List<ServiceConnectService> services = c.objects("services", SERVICE_CONNECT_SERVICE, this::connectService);
        return valid(c, "enabled", () -> new ServiceConnectConfiguration(enabled, namespace, services));
    }

    private Optional<ServiceConnectService> connectService(Fields s) {
        unsupported(s, SERVICE_CONNECT_SERVICE_UNSUPPORTED);
        s.require("portName");
        Optional<String> portName = s.string("portName");
        Optional<String> discoveryName = s.string("discoveryName");
        List<ServiceConnectClientAlias> aliases = s.objects("clientAliases", CLIENT_ALIAS, this::alias);
        OptionalInt ingress = s.integer("ingressPortOverride");
        return portName.flatMap(name -> valid(s, "portName",
                () -> new ServiceConnectService(name, discoveryName, aliases, ingress)));
    }

    private Optional<ServiceConnectClientAlias> alias(Fields a) {
        a.require("port");
        Optional<String> dnsName = a.string("dnsName");
        return a.integer("port").stream().boxed().findFirst()
                .flatMap(port -> valid(a, "port", () -> new ServiceConnectClientAlias(port, dnsName)));
    }

    /** A schema whose ECS fields Berth does not model are known, so that {@link #unsupported} reports them. */
    private static Schema schema(String kind, List<String> unsupported, String... modeled) {
        List<String> all = new ArrayList<>(List.of(modeled));
        all.addAll(unsupported);
        return Schema.of(kind, all.toArray(String[]::new));
    }

    /**
     * Reports the ECS fields Berth does not model that hold something: accepted only when empty ({@code null},
     * {@code []}, <code>{}</code>, {@code false}), dropped when unknown fields are ignored.
     */
    private void unsupported(Fields fields, List<String> names) {
        if (ignoreUnknownFields) {
            return;
        }
        for (String name : names) {
            fields.get(name).filter(v -> !(v.isBoolean() && !v.booleanValue()) && !(v.isContainerNode()
                    && v.isEmpty())).ifPresent(v -> {
                        String path = fields.pathOf(name);
                        fields.problems().add(path, "json.unsupported", v, "'" + path + "' is a field of ECS's "
                                + "create-service input that Berth does not support yet; remove it, or read with"
                                + " ignoreUnknownFields(true) to drop it.");
                    });
        }
    }

    /** Builds a value whose own rule may refuse it: the refusal becomes a problem at {@code field}'s path. */
    private static <T> Optional<T> valid(Fields fields, String field, Supplier<T> build) {
        try {
            return Optional.of(build.get());
        } catch (IllegalArgumentException | InvalidSpecException refused) {
            String message = refused instanceof InvalidSpecException invalid && !invalid.problems().isEmpty()
                    ? invalid.problems().get(0).message() : refused.getMessage();
            String path = fields.pathOf(field);
            fields.problems().add(path, "service.rule", fields.get(field).map(Problems::valueText).orElse(""),
                    message);
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> Map<String, E> byName(E[] values) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E value : values) {
            byName.put(value.name(), value);
        }
        return byName;
    }
}
