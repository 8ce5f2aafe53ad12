package dev.berth.internal.json;

import static dev.berth.internal.json.EcsSchemas.CONTAINER;
import static dev.berth.internal.json.EcsSchemas.DESCRIBE_OUTPUT;
import static dev.berth.internal.json.EcsSchemas.EPHEMERAL_STORAGE;
import static dev.berth.internal.json.EcsSchemas.INFERENCE_ACCELERATOR;
import static dev.berth.internal.json.EcsSchemas.KEY_VALUE;
import static dev.berth.internal.json.EcsSchemas.PLACEMENT_CONSTRAINT;
import static dev.berth.internal.json.EcsSchemas.PROXY_CONFIGURATION;
import static dev.berth.internal.json.EcsSchemas.RUNTIME_PLATFORM;
import static dev.berth.internal.json.EcsSchemas.TAG;
import static dev.berth.internal.json.EcsSchemas.TASK_DEFINITION;
import static dev.berth.internal.json.EcsSchemas.VOLUME;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.Compatibility;
import dev.berth.model.InferenceAccelerator;
import dev.berth.model.NetworkMode;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.ProxyConfiguration;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.RuntimePlatform;
import dev.berth.model.Tag;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads ECS task-definition JSON trees into Berth's model: {@code register-task-definition} input, or
 * {@code describe-task-definition} output (with or without its <code>{"taskDefinition": ...}</code> wrapper).
 * Every JSON problem of a document is collected before anything is thrown. The model's own validation runs on a
 * document without JSON problems, and also on one whose only problems are fields ECS does not know there (which
 * change nothing that is read), so that one exception lists everything to fix.
 */
public final class TaskDefinitionJsonReader {

    private static final Map<String, NetworkMode> NETWORK_MODES =
            EnumNames.byName(NetworkMode.values(), NetworkMode::ecsName);
    private static final Map<String, Compatibility> COMPATIBILITIES =
            EnumNames.byName(Compatibility.values(), Enum::name);
    private static final Map<String, PlacementConstraint.Type> CONSTRAINT_TYPES =
            EnumNames.byName(PlacementConstraint.Type.values(), PlacementConstraint.Type::ecsName);
    private static final Map<String, TaskDefinitionStatus> STATUSES =
            EnumNames.byName(TaskDefinitionStatus.values(), Enum::name);
    private static final Map<String, ProxyConfiguration.Type> PROXY_TYPES =
            EnumNames.byName(ProxyConfiguration.Type.values(), Enum::name);
    private static final Map<String, RuntimePlatform.CpuArchitecture> CPU_ARCHITECTURES =
            EnumNames.byName(RuntimePlatform.CpuArchitecture.values(), RuntimePlatform.CpuArchitecture::ecsName);
    private static final Map<String, RuntimePlatform.OperatingSystemFamily> OS_FAMILIES = EnumNames.byName(
            RuntimePlatform.OperatingSystemFamily.values(), RuntimePlatform.OperatingSystemFamily::ecsName);
    /** JSON problems that leave what is read unchanged: validation still runs with them. */
    private static final Set<String> NAME_ONLY_RULES = Set.of("json.unknownField", "json.misplacedField");

    private final boolean ignoreUnknownFields;

    /**
     * @param ignoreUnknownFields whether fields ECS does not know are dropped instead of reported
     */
    public TaskDefinitionJsonReader(boolean ignoreUnknownFields) {
        this.ignoreUnknownFields = ignoreUnknownFields;
    }

    /**
     * @param document register-task-definition input or describe-task-definition output
     * @param subject what the document is, for the exception message, e.g. {@code task-definition JSON}
     * @return the task definition; read-only fields of describe output are dropped
     * @throws InvalidSpecException listing every JSON problem and every validation problem
     */
    public TaskDefinition readTaskDefinition(JsonNode document, String subject) {
        Problems problems = new Problems();
        Optional<Read> read = read(document, problems);
        return build(read, problems, subject);
    }

    /**
     * @param document describe-task-definition output, with or without its {@code taskDefinition} wrapper
     * @param subject what the document is, for the exception message, e.g. {@code task-definition JSON}
     * @return the registered revision
     * @throws InvalidSpecException listing every JSON problem (including missing {@code taskDefinitionArn},
     *     {@code revision}, {@code status} or {@code registeredAt}) and every validation problem
     */
    public RegisteredTaskDefinition readRegistered(JsonNode document, String subject) {
        Problems problems = new Problems();
        Optional<Read> read = read(document, problems);
        read.ifPresent(r -> r.requireRegistration(problems));
        TaskDefinition definition = build(read, problems, subject);
        Registration registration = read.orElseThrow().registration();
        return new RegisteredTaskDefinition(registration.arn().orElseThrow(),
                registration.revision().orElseThrow(), registration.status().orElseThrow(), definition,
                registration.registeredAt().orElseThrow(), registration.deregisteredAt());
    }

    /**
     * Builds (and so validates) what was read. JSON problems that change what was read stop it first; a validation
     * failure alone is thrown as the model throws it, with ECS's default network mode named where it applies.
     */
    private static TaskDefinition build(Optional<Read> read, Problems problems, String subject) {
        if (read.isEmpty() || !problems.onlyRules(NAME_ONLY_RULES)) {
            problems.throwIfAny(subject);
        }
        Read r = read.orElseThrow();
        TaskDefinition definition;
        try {
            definition = r.definition().build();
        } catch (InvalidSpecException invalid) {
            List<SpecProblem> validation = invalid.problems().stream().map(r::explainDefaults).toList();
            if (problems.isEmpty()) {
                throw validation.equals(invalid.problems()) ? invalid
                        : new InvalidSpecException("task definition '" + r.family() + "'", validation);
            }
            validation.forEach(problems::add);
            problems.throwIfAny(subject);
            throw invalid;
        }
        problems.throwIfAny(subject);
        return definition;
    }

    /** What a document holds, before the model validates it. */
    private record Read(Fields fields, TaskDefinition.Builder definition, Registration registration) {

        String family() {
            return fields.string("family").orElse("");
        }

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

        /**
         * A Fargate definition without {@code networkMode} gets ECS's default, {@code bridge}, which Fargate refuses:
         * the problem then says that the field is missing rather than showing a value the file does not hold.
         */
        SpecProblem explainDefaults(SpecProblem problem) {
            if (problem.rule().equals("fargate.networkMode") && !fields.has("networkMode")) {
                String path = fields.pathOf("networkMode");
                return new SpecProblem(path, problem.rule(), "", "Fargate only supports network mode"
                        + " \u2018awsvpc\u2019. networkMode is missing, so it is ECS's default, bridge: add \"networkMode\": \"awsvpc\".");
            }
            return problem;
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
                List<Tag> tags = output.objects("tags", TAG, TaskDefinitionJsonReader::tag);
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
        b.containers(td.objects("containerDefinitions", CONTAINER, ContainerJsonReader::container));
        b.volumes(td.objects("volumes", VOLUME, VolumeJsonReader::volume));
        td.objects("placementConstraints", PLACEMENT_CONSTRAINT, TaskDefinitionJsonReader::placementConstraint)
                .forEach(b::placementConstraint);
        td.enumValues("requiresCompatibilities", COMPATIBILITIES).forEach(b::requiresCompatibilities);
        size(td, "cpu", EcsSizes::cpuUnits, "units", "CPU units such as \"256\", or vCPUs such as \"1 vCPU\" or"
                + " \"0.5 vCPU\", that come to a whole number of units (1 vCPU = 1024 units)").ifPresent(b::cpu);
        size(td, "memory", EcsSizes::memoryMiB, "MiB", "MiB such as \"512\", or GB such as \"2 GB\" or \"0.5 GB\","
                + " that come to a whole number of MiB (1 GB = 1024 MiB)").ifPresent(b::memoryMiB);
        List<Tag> tags = td.objects("tags", TAG, TaskDefinitionJsonReader::tag);
        if (!tags.isEmpty() && !describeTags.isEmpty()) {
            String path = td.pathOf("tags");
            td.problems().add(path, "json.duplicate", "", "'" + path + "' and the top-level 'tags' both hold tags;"
                    + " keep only one of them.");
        }
        describeTags.forEach(t -> b.tag(t.key(), t.value()));
        tags.forEach(t -> b.tag(t.key(), t.value()));
        td.string("pidMode").ifPresent(b::pidMode);
        td.string("ipcMode").ifPresent(b::ipcMode);
        td.object("proxyConfiguration", PROXY_CONFIGURATION, TaskDefinitionJsonReader::proxyConfiguration)
                .ifPresent(b::proxyConfiguration);
        td.objects("inferenceAccelerators", INFERENCE_ACCELERATOR, TaskDefinitionJsonReader::inferenceAccelerator)
                .forEach(a -> b.inferenceAccelerator(a.deviceName(), a.deviceType()));
        td.object("ephemeralStorage", EPHEMERAL_STORAGE, e -> {
            e.require("sizeInGiB");
            OptionalInt size = e.integer("sizeInGiB");
            return size.isPresent() ? Optional.of(size.getAsInt()) : Optional.empty();
        }).ifPresent(b::ephemeralStorageGiB);
        td.object("runtimePlatform", RUNTIME_PLATFORM, p -> Optional.of(new RuntimePlatform(
                p.enumValue("cpuArchitecture", CPU_ARCHITECTURES), p.enumValue("operatingSystemFamily", OS_FAMILIES))))
                .ifPresent(b::runtimePlatform);
        td.bool("enableFaultInjection").ifPresent(b::enableFaultInjection);
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

    /** ECS takes the proxy's properties as a list of name/value pairs; a name given twice is reported. */
    private static Optional<ProxyConfiguration> proxyConfiguration(Fields p) {
        p.require("containerName");
        ProxyConfiguration.Type type = p.enumValue("type", PROXY_TYPES).orElse(ProxyConfiguration.Type.APPMESH);
        Map<String, String> properties = new LinkedHashMap<>();
        List<Map.Entry<String, String>> pairs = p.objects("properties", KEY_VALUE, kv -> {
            kv.require("name");
            Optional<String> value = kv.string("value");
            return kv.string("name").map(name -> Map.entry(name, value.orElse("")));
        });
        for (int i = 0; i < pairs.size(); i++) {
            Map.Entry<String, String> pair = pairs.get(i);
            if (properties.putIfAbsent(pair.getKey(), pair.getValue()) != null) {
                String path = Fields.pathOf(p.pathOf("properties"), i) + ".name";
                p.problems().add(path, "json.duplicate", pair.getKey(), "'" + path + "' sets property '"
                        + pair.getKey() + "' again; keep one of them.");
            }
        }
        return p.string("containerName").map(name -> new ProxyConfiguration(type, name, properties));
    }

    private static Optional<InferenceAccelerator> inferenceAccelerator(Fields a) {
        a.require("deviceName", "deviceType");
        Optional<String> type = a.string("deviceType");
        return a.string("deviceName").flatMap(name -> type.map(t -> new InferenceAccelerator(name, t)));
    }

    private static Optional<PlacementConstraint> placementConstraint(Fields p) {
        p.require("type");
        Optional<String> expression = p.string("expression");
        return p.enumValue("type", CONSTRAINT_TYPES).map(type -> new PlacementConstraint(type, expression));
    }

    private static Optional<Tag> tag(Fields t) {
        t.require("key");
        Optional<String> value = t.string("value");
        return t.string("key").map(key -> new Tag(key, value.orElse("")));
    }
}
