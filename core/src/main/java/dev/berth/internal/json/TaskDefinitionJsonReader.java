package dev.berth.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.exception.InvalidSpecException;
import dev.berth.model.Compatibility;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.DependencyCondition;
import dev.berth.model.EnvironmentVariable;
import dev.berth.model.HealthCheck;
import dev.berth.model.LogConfiguration;
import dev.berth.model.NetworkMode;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.RestartPolicy;
import dev.berth.model.Secret;
import dev.berth.model.Tag;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.model.Ulimit;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Reads ECS task-definition JSON trees into Berth's model: {@code register-task-definition} input, or
 * {@code describe-task-definition} output (with or without its <code>{"taskDefinition": ...}</code> wrapper).
 * Every JSON problem of a document is collected before anything is thrown; the model's own validation runs only
 * on a document without JSON problems.
 */
public final class TaskDefinitionJsonReader {

    private static final Schema DESCRIBE_OUTPUT = Schema.of("describe-task-definition output",
            "taskDefinition", "tags");
    private static final Schema TASK_DEFINITION = Schema.of("task definition",
                    "family", "taskRoleArn", "executionRoleArn", "networkMode", "containerDefinitions",
                    "placementConstraints", "requiresCompatibilities", "cpu", "memory", "tags", "pidMode", "ipcMode")
            .withReadOnly("taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
                    "registeredAt", "registeredBy", "deregisteredAt")
            .withUnsupported("volumes", "proxyConfiguration", "inferenceAccelerators", "ephemeralStorage",
                    "runtimePlatform", "enableFaultInjection");
    private static final Schema CONTAINER = Schema.of("container definition",
                    "name", "image", "cpu", "memory", "memoryReservation", "links", "portMappings", "essential",
                    "restartPolicy", "entryPoint", "command", "environment", "secrets", "dependsOn", "startTimeout",
                    "stopTimeout", "user", "workingDirectory", "dockerLabels", "ulimits", "logConfiguration",
                    "healthCheck")
            .withUnsupported("repositoryCredentials", "environmentFiles", "mountPoints", "volumesFrom",
                    "linuxParameters", "versionConsistency", "hostname", "disableNetworking", "privileged",
                    "readonlyRootFilesystem", "dnsServers", "dnsSearchDomains", "extraHosts", "dockerSecurityOptions",
                    "interactive", "pseudoTerminal", "systemControls", "resourceRequirements",
                    "firelensConfiguration", "credentialSpecs");
    private static final Schema PORT_MAPPING = Schema.of("port mapping",
                    "containerPort", "hostPort", "protocol", "name", "appProtocol")
            .withUnsupported("containerPortRange");
    private static final Schema ENVIRONMENT_VARIABLE = Schema.of("environment variable", "name", "value");
    private static final Schema SECRET = Schema.of("secret", "name", "valueFrom");
    private static final Schema HEALTH_CHECK = Schema.of("health check",
            "command", "interval", "timeout", "retries", "startPeriod");
    private static final Schema DEPENDENCY = Schema.of("container dependency", "containerName", "condition");
    private static final Schema RESTART_POLICY = Schema.of("restart policy",
            "enabled", "ignoredExitCodes", "restartAttemptPeriod");
    private static final Schema LOG_CONFIGURATION = Schema.of("log configuration",
            "logDriver", "options", "secretOptions");
    private static final Schema ULIMIT = Schema.of("ulimit", "name", "softLimit", "hardLimit");
    private static final Schema PLACEMENT_CONSTRAINT = Schema.of("task placement constraint", "type", "expression");
    private static final Schema TAG = Schema.of("tag", "key", "value");

    private static final Map<String, NetworkMode> NETWORK_MODES = byName(NetworkMode.values(), NetworkMode::ecsName);
    private static final Map<String, Protocol> PROTOCOLS = byName(Protocol.values(), Protocol::ecsName);
    private static final Map<String, Compatibility> COMPATIBILITIES = byName(Compatibility.values(), Enum::name);
    private static final Map<String, DependencyCondition> CONDITIONS =
            byName(DependencyCondition.values(), Enum::name);
    private static final Map<String, PlacementConstraint.Type> CONSTRAINT_TYPES =
            byName(PlacementConstraint.Type.values(), PlacementConstraint.Type::ecsName);
    private static final Map<String, TaskDefinitionStatus> STATUSES =
            byName(TaskDefinitionStatus.values(), Enum::name);

    private final boolean ignoreUnknownFields;

    /**
     * @param ignoreUnknownFields whether fields unknown to ECS, and ECS fields Berth does not support, are dropped
     *     instead of reported
     */
    public TaskDefinitionJsonReader(boolean ignoreUnknownFields) {
        this.ignoreUnknownFields = ignoreUnknownFields;
    }

    /**
     * @param document register-task-definition input or describe-task-definition output
     * @param subject what the document is, for the exception message, e.g. {@code task-definition JSON}
     * @return the task definition; read-only fields of describe output are dropped
     * @throws InvalidSpecException listing every JSON problem, or else every validation problem
     */
    public TaskDefinition readTaskDefinition(JsonNode document, String subject) {
        Problems problems = new Problems();
        Optional<Read> read = read(document, problems);
        problems.throwIfAny(subject);
        return read.orElseThrow().definition().build();
    }

    /**
     * @param document describe-task-definition output, with or without its {@code taskDefinition} wrapper
     * @param subject what the document is, for the exception message, e.g. {@code task-definition JSON}
     * @return the registered revision
     * @throws InvalidSpecException listing every JSON problem (including missing {@code taskDefinitionArn},
     *     {@code revision}, {@code status} or {@code registeredAt}), or else every validation problem
     */
    public RegisteredTaskDefinition readRegistered(JsonNode document, String subject) {
        Problems problems = new Problems();
        Optional<Read> read = read(document, problems);
        read.ifPresent(r -> r.requireRegistration(problems));
        problems.throwIfAny(subject);
        Registration registration = read.orElseThrow().registration();
        return new RegisteredTaskDefinition(registration.arn().orElseThrow(),
                registration.revision().orElseThrow(), registration.status().orElseThrow(),
                read.orElseThrow().definition().build(), registration.registeredAt().orElseThrow(),
                registration.deregisteredAt());
    }

    /** What a document holds, before the model validates it. */
    private record Read(Fields fields, TaskDefinition.Builder definition, Registration registration) {

        /** Reports the read-only fields a registered revision needs that the document lacks. */
        void requireRegistration(Problems problems) {
            for (String field : List.of("taskDefinitionArn", "revision", "status", "registeredAt")) {
                if (!fields.has(field)) {
                    String path = fields.pathOf(field);
                    problems.add(path, "json.required", "", "'" + path + "' is required to read a registered task"
                            + " definition (describe-task-definition output); read register-task-definition input"
                            + " with read(...) instead.");
                }
            }
        }
    }

    /** The read-only fields ECS adds to a registered revision. */
    private record Registration(Optional<String> arn, OptionalInt revision, Optional<TaskDefinitionStatus> status,
                                Optional<Instant> registeredAt, Optional<Instant> deregisteredAt) {
    }

    private Optional<Read> read(JsonNode document, Problems problems) {
        if (document.isObject() && document.has("taskDefinition")) {
            return Fields.open(document, "", DESCRIBE_OUTPUT, problems, ignoreUnknownFields).flatMap(output -> {
                output.require("taskDefinition");
                List<Tag> tags = output.objects("tags", TAG, this::tag);
                return output.object("taskDefinition", TASK_DEFINITION, td -> Optional.of(taskDefinition(td, tags)));
            });
        }
        return Fields.open(document, "", TASK_DEFINITION, problems, ignoreUnknownFields)
                .map(td -> taskDefinition(td, List.of()));
    }

    private Read taskDefinition(Fields td, List<Tag> describeTags) {
        TaskDefinition.Builder b = TaskDefinition.builder(td.string("family").orElse(""));
        td.string("taskRoleArn").ifPresent(b::taskRoleArn);
        td.string("executionRoleArn").ifPresent(b::executionRoleArn);
        td.enumValue("networkMode", NETWORK_MODES).ifPresent(b::networkMode);
        b.containers(td.objects("containerDefinitions", CONTAINER, this::container));
        td.objects("placementConstraints", PLACEMENT_CONSTRAINT, this::placementConstraint)
                .forEach(b::placementConstraint);
        td.enumValues("requiresCompatibilities", COMPATIBILITIES).forEach(b::requiresCompatibilities);
        size(td, "cpu", EcsSizes::cpuUnits, "units", "CPU units such as \"256\", or vCPUs such as \"1 vCPU\" or"
                + " \"0.5 vCPU\", that come to a whole number of units (1 vCPU = 1024 units)").ifPresent(b::cpu);
        size(td, "memory", EcsSizes::memoryMiB, "MiB", "MiB such as \"512\", or GB such as \"2 GB\" or \"0.5 GB\","
                + " that come to a whole number of MiB (1 GB = 1024 MiB)").ifPresent(b::memoryMiB);
        List<Tag> tags = td.objects("tags", TAG, this::tag);
        if (!tags.isEmpty() && !describeTags.isEmpty()) {
            String path = td.pathOf("tags");
            td.problems().add(path, "json.duplicate", "", "'" + path + "' and the top-level 'tags' both hold tags;"
                    + " keep only one of them.");
        }
        describeTags.forEach(t -> b.tag(t.key(), t.value()));
        tags.forEach(t -> b.tag(t.key(), t.value()));
        td.string("pidMode").ifPresent(b::pidMode);
        td.string("ipcMode").ifPresent(b::ipcMode);
        Registration registration = new Registration(td.string("taskDefinitionArn"), td.integer("revision"),
                td.enumValue("status", STATUSES), td.instant("registeredAt"), td.instant("deregisteredAt"));
        registration.revision().ifPresent(revision -> {
            if (revision < 1) {
                String path = td.pathOf("revision");
                td.problems().add(path, "json.range", String.valueOf(revision), "'" + path + "' must be 1 or more,"
                        + " but is " + revision + ".");
            }
        });
        return new Read(td, b, registration);
    }

    /** Task-level cpu or memory: a JSON number, or a string with an optional unit ECS converts. */
    private static OptionalInt size(Fields td, String field, Function<String, Optional<BigDecimal>> parse,
                                    String unit, String expected) {
        Optional<JsonNode> value = td.get(field);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        JsonNode v = value.get();
        Optional<BigDecimal> exact = v.isTextual() ? parse.apply(v.textValue())
                : v.isNumber() ? Optional.of(v.decimalValue()) : Optional.empty();
        OptionalInt whole = exact.map(EcsSizes::exactInt).orElse(OptionalInt.empty());
        if (whole.isEmpty()) {
            String path = td.pathOf(field);
            String shown = v.isTextual() ? "\"" + Problems.valueText(v) + "\"" : Problems.valueText(v);
            String amount = exact.map(e -> " (" + e.stripTrailingZeros().toPlainString() + " " + unit + ")")
                    .orElse("");
            td.problems().add(path, "json." + field, v, "'" + path + "' must be " + expected + ", but is " + shown
                    + amount + ".");
        }
        return whole;
    }

    private Optional<ContainerDefinition> container(Fields c) {
        ContainerDefinition.Builder b = ContainerDefinition.builder(c.string("name").orElse(""));
        b.image(c.string("image").orElse(""));
        c.integer("cpu").ifPresent(b::cpu);
        c.integer("memory").ifPresent(b::memoryMiB);
        c.integer("memoryReservation").ifPresent(b::memoryReservationMiB);
        b.links(c.strings("links"));
        b.portMappings(c.objects("portMappings", PORT_MAPPING, this::portMapping));
        c.bool("essential").ifPresent(b::essential);
        c.object("restartPolicy", RESTART_POLICY, this::restartPolicy).ifPresent(b::restartPolicy);
        b.entryPoint(c.strings("entryPoint"));
        b.command(c.strings("command"));
        b.environment(c.objects("environment", ENVIRONMENT_VARIABLE, this::environmentVariable));
        b.secrets(c.objects("secrets", SECRET, this::secret));
        b.dependsOn(c.objects("dependsOn", DEPENDENCY, this::dependency));
        c.seconds("startTimeout").ifPresent(b::startTimeout);
        c.seconds("stopTimeout").ifPresent(b::stopTimeout);
        c.string("user").ifPresent(b::user);
        c.string("workingDirectory").ifPresent(b::workingDirectory);
        b.dockerLabels(c.stringMap("dockerLabels"));
        b.ulimits(c.objects("ulimits", ULIMIT, this::ulimit));
        c.object("logConfiguration", LOG_CONFIGURATION, this::logConfiguration).ifPresent(b::logConfiguration);
        c.object("healthCheck", HEALTH_CHECK, this::healthCheck).ifPresent(b::healthCheck);
        return Optional.of(b.build());
    }

    private Optional<PortMapping> portMapping(Fields p) {
        if (p.ignoresUnknownFields() && !p.has("containerPort") && p.has("containerPortRange")) {
            return Optional.empty(); // a range mapping, which Berth does not support: dropped as asked
        }
        p.require("containerPort");
        OptionalInt containerPort = p.integer("containerPort");
        int hostPort = p.integer("hostPort").orElse(0);
        Protocol protocol = p.enumValue("protocol", PROTOCOLS).orElse(Protocol.TCP);
        Optional<String> name = p.string("name");
        Optional<String> appProtocol = p.string("appProtocol");
        if (containerPort.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PortMapping(containerPort.getAsInt(), hostPort, protocol, name, appProtocol));
    }

    private Optional<RestartPolicy> restartPolicy(Fields r) {
        r.require("enabled");
        Optional<Boolean> enabled = r.bool("enabled");
        List<Integer> ignoredExitCodes = r.integers("ignoredExitCodes");
        Optional<Duration> period = r.seconds("restartAttemptPeriod");
        return enabled.map(e -> new RestartPolicy(e, ignoredExitCodes, period));
    }

    private Optional<EnvironmentVariable> environmentVariable(Fields e) {
        e.require("name");
        Optional<String> value = e.confidentialString("value");
        return e.string("name").map(name -> new EnvironmentVariable(name, value.orElse("")));
    }

    private Optional<Secret> secret(Fields s) {
        s.require("name", "valueFrom");
        Optional<String> valueFrom = s.string("valueFrom");
        return s.string("name").flatMap(name -> valueFrom.map(from -> new Secret(name, from)));
    }

    private Optional<ContainerDependency> dependency(Fields d) {
        d.require("containerName", "condition");
        Optional<DependencyCondition> condition = d.enumValue("condition", CONDITIONS);
        return d.string("containerName").flatMap(name -> condition.map(cond -> new ContainerDependency(name, cond)));
    }

    private Optional<Ulimit> ulimit(Fields u) {
        u.require("name", "softLimit", "hardLimit");
        Optional<String> name = u.string("name");
        OptionalInt soft = u.integer("softLimit");
        OptionalInt hard = u.integer("hardLimit");
        if (name.isEmpty() || soft.isEmpty() || hard.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Ulimit(name.get(), soft.getAsInt(), hard.getAsInt()));
    }

    private Optional<LogConfiguration> logConfiguration(Fields l) {
        l.require("logDriver");
        Map<String, String> options = l.stringMap("options");
        List<Secret> secretOptions = l.objects("secretOptions", SECRET, this::secret);
        return l.string("logDriver").map(driver -> new LogConfiguration(driver, options, secretOptions));
    }

    private Optional<HealthCheck> healthCheck(Fields h) {
        h.require("command");
        List<String> command = h.strings("command");
        Duration interval = h.seconds("interval").orElse(HealthCheck.DEFAULT_INTERVAL);
        Duration timeout = h.seconds("timeout").orElse(HealthCheck.DEFAULT_TIMEOUT);
        int retries = h.integer("retries").orElse(HealthCheck.DEFAULT_RETRIES);
        Optional<Duration> startPeriod = h.seconds("startPeriod");
        return Optional.of(new HealthCheck(command, interval, timeout, retries, startPeriod));
    }

    private Optional<PlacementConstraint> placementConstraint(Fields p) {
        p.require("type");
        Optional<String> expression = p.string("expression");
        return p.enumValue("type", CONSTRAINT_TYPES).map(type -> new PlacementConstraint(type, expression));
    }

    private Optional<Tag> tag(Fields t) {
        t.require("key");
        Optional<String> value = t.string("value");
        return t.string("key").map(key -> new Tag(key, value.orElse("")));
    }

    private static <E> Map<String, E> byName(E[] values, Function<E, String> ecsName) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E value : values) {
            byName.put(ecsName.apply(value), value);
        }
        return byName;
    }
}
