package dev.berth.aws.internal;

import dev.berth.model.Compatibility;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.DependencyCondition;
import dev.berth.model.EnvironmentVariable;
import dev.berth.model.HealthCheck;
import dev.berth.model.ImageRef;
import dev.berth.model.LogConfiguration;
import dev.berth.model.NetworkMode;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.RestartPolicy;
import dev.berth.model.Secret;
import dev.berth.model.Tag;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Ulimit;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ContainerRestartPolicy;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;

/**
 * Berth's task definition to the SDK's and back, field by field, for every field Berth models: mapping a definition
 * to a {@link RegisterTaskDefinitionRequest} and the registered {@code TaskDefinition} (with its tags) back gives the
 * definition again. Absent Berth values ({@code Optional.empty()}, empty lists) are left unset in the request, so
 * that ECS applies its own defaults, which are Berth's defaults too. Fields of ECS that Berth does not model (volumes,
 * linuxParameters, ...) are dropped when reading.
 */
public final class TaskDefinitionMapper {

    private TaskDefinitionMapper() {
    }

    /**
     * @param definition Berth's definition
     * @return the registration request for it
     */
    public static RegisterTaskDefinitionRequest toRegisterRequest(TaskDefinition definition) {
        RegisterTaskDefinitionRequest.Builder b = RegisterTaskDefinitionRequest.builder()
                .family(definition.family())
                .containerDefinitions(definition.containerDefinitions().stream()
                        .map(TaskDefinitionMapper::toSdk).toList())
                .networkMode(definition.networkMode().ecsName());
        definition.cpu().ifPresent(cpu -> b.cpu(String.valueOf(cpu)));
        definition.memoryMiB().ifPresent(memory -> b.memory(String.valueOf(memory)));
        if (!definition.requiresCompatibilities().isEmpty()) {
            b.requiresCompatibilitiesWithStrings(definition.requiresCompatibilities().stream().map(Enum::name).toList());
        }
        if (!definition.placementConstraints().isEmpty()) {
            b.placementConstraints(definition.placementConstraints().stream()
                    .map(c -> TaskDefinitionPlacementConstraint.builder().type(c.type().ecsName())
                            .expression(c.expression().orElse(null)).build())
                    .toList());
        }
        definition.taskRoleArn().ifPresent(b::taskRoleArn);
        definition.executionRoleArn().ifPresent(b::executionRoleArn);
        definition.pidMode().ifPresent(b::pidMode);
        definition.ipcMode().ifPresent(b::ipcMode);
        if (!definition.tags().isEmpty()) {
            b.tags(definition.tags().stream()
                    .map(t -> software.amazon.awssdk.services.ecs.model.Tag.builder().key(t.key()).value(t.value())
                            .build())
                    .toList());
        }
        return b.build();
    }

    /**
     * @param registered a definition as ECS describes it
     * @param tags its tags (DescribeTaskDefinition with {@code include=TAGS})
     * @return Berth's definition
     * @throws dev.berth.exception.InvalidSpecException if ECS holds a definition Berth's rules reject
     */
    public static TaskDefinition fromSdk(software.amazon.awssdk.services.ecs.model.TaskDefinition registered,
                                         List<software.amazon.awssdk.services.ecs.model.Tag> tags) {
        return new TaskDefinition(
                registered.family(),
                registered.containerDefinitions().stream().map(TaskDefinitionMapper::fromSdk).toList(),
                parseInt(registered.cpu()),
                parseInt(registered.memory()),
                registered.networkModeAsString() == null
                        ? NetworkMode.BRIDGE
                        : NetworkMode.valueOf(registered.networkModeAsString().toUpperCase(Locale.ROOT)),
                compatibilities(registered.requiresCompatibilitiesAsStrings()),
                registered.placementConstraints().stream()
                        .map(c -> new PlacementConstraint(constraintType(c.typeAsString()),
                                Optional.ofNullable(c.expression())))
                        .toList(),
                Optional.ofNullable(registered.taskRoleArn()),
                Optional.ofNullable(registered.executionRoleArn()),
                Optional.ofNullable(registered.pidModeAsString()),
                Optional.ofNullable(registered.ipcModeAsString()),
                tags.stream().map(t -> new Tag(t.key(), t.value())).toList());
    }

    static software.amazon.awssdk.services.ecs.model.ContainerDefinition toSdk(ContainerDefinition c) {
        var b = software.amazon.awssdk.services.ecs.model.ContainerDefinition.builder()
                .name(c.name())
                .image(c.image().toString())
                .cpu(c.cpu())
                .essential(c.essential());
        c.memoryMiB().ifPresent(b::memory);
        c.memoryReservationMiB().ifPresent(b::memoryReservation);
        if (!c.portMappings().isEmpty()) {
            b.portMappings(c.portMappings().stream().map(TaskDefinitionMapper::toSdk).toList());
        }
        if (!c.environment().isEmpty()) {
            b.environment(c.environment().stream()
                    .map(e -> KeyValuePair.builder().name(e.name()).value(e.value()).build()).toList());
        }
        if (!c.secrets().isEmpty()) {
            b.secrets(secretsToSdk(c.secrets()));
        }
        if (!c.command().isEmpty()) {
            b.command(c.command());
        }
        if (!c.entryPoint().isEmpty()) {
            b.entryPoint(c.entryPoint());
        }
        c.workingDirectory().ifPresent(b::workingDirectory);
        c.user().ifPresent(b::user);
        c.healthCheck().ifPresent(h -> b.healthCheck(software.amazon.awssdk.services.ecs.model.HealthCheck.builder()
                .command(h.command())
                .interval(seconds(h.interval()))
                .timeout(seconds(h.timeout()))
                .retries(h.retries())
                .startPeriod(h.startPeriod().map(TaskDefinitionMapper::seconds).orElse(null))
                .build()));
        if (!c.dependsOn().isEmpty()) {
            b.dependsOn(c.dependsOn().stream()
                    .map(d -> software.amazon.awssdk.services.ecs.model.ContainerDependency.builder()
                            .containerName(d.containerName()).condition(d.condition().name()).build())
                    .toList());
        }
        c.startTimeout().ifPresent(t -> b.startTimeout(seconds(t)));
        c.stopTimeout().ifPresent(t -> b.stopTimeout(seconds(t)));
        c.restartPolicy().ifPresent(p -> b.restartPolicy(ContainerRestartPolicy.builder()
                .enabled(p.enabled())
                .ignoredExitCodes(p.ignoredExitCodes().isEmpty() ? null : p.ignoredExitCodes())
                .restartAttemptPeriod(p.restartAttemptPeriod().map(TaskDefinitionMapper::seconds).orElse(null))
                .build()));
        if (!c.links().isEmpty()) {
            b.links(c.links());
        }
        c.logConfiguration().ifPresent(l -> b.logConfiguration(
                software.amazon.awssdk.services.ecs.model.LogConfiguration.builder()
                        .logDriver(l.logDriver())
                        .options(l.options().isEmpty() ? null : l.options())
                        .secretOptions(l.secretOptions().isEmpty() ? null : secretsToSdk(l.secretOptions()))
                        .build()));
        if (!c.dockerLabels().isEmpty()) {
            b.dockerLabels(c.dockerLabels());
        }
        if (!c.ulimits().isEmpty()) {
            b.ulimits(c.ulimits().stream()
                    .map(u -> software.amazon.awssdk.services.ecs.model.Ulimit.builder().name(u.name())
                            .softLimit(u.softLimit()).hardLimit(u.hardLimit()).build())
                    .toList());
        }
        return b.build();
    }

    static ContainerDefinition fromSdk(software.amazon.awssdk.services.ecs.model.ContainerDefinition c) {
        return new ContainerDefinition(
                c.name(),
                ImageRef.parse(c.image()),
                c.cpu() == null ? 0 : c.cpu(),
                optionalInt(c.memory()),
                optionalInt(c.memoryReservation()),
                c.essential() == null || c.essential(),
                c.portMappings().stream().map(TaskDefinitionMapper::fromSdk).toList(),
                c.environment().stream().map(e -> new EnvironmentVariable(e.name(), e.value())).toList(),
                secretsFromSdk(c.secrets()),
                c.command(),
                c.entryPoint(),
                Optional.ofNullable(c.workingDirectory()),
                Optional.ofNullable(c.user()),
                Optional.ofNullable(c.healthCheck()).map(h -> new HealthCheck(h.command(),
                        orDefault(h.interval(), HealthCheck.DEFAULT_INTERVAL),
                        orDefault(h.timeout(), HealthCheck.DEFAULT_TIMEOUT),
                        h.retries() == null ? HealthCheck.DEFAULT_RETRIES : h.retries(),
                        Optional.ofNullable(h.startPeriod()).map(Duration::ofSeconds))),
                c.dependsOn().stream().map(d -> new ContainerDependency(d.containerName(),
                        DependencyCondition.valueOf(d.conditionAsString()))).toList(),
                Optional.ofNullable(c.startTimeout()).map(Duration::ofSeconds),
                Optional.ofNullable(c.stopTimeout()).map(Duration::ofSeconds),
                Optional.ofNullable(c.restartPolicy()).map(p -> new RestartPolicy(Boolean.TRUE.equals(p.enabled()),
                        p.ignoredExitCodes(), Optional.ofNullable(p.restartAttemptPeriod()).map(Duration::ofSeconds))),
                c.links(),
                Optional.ofNullable(c.logConfiguration()).map(l -> new LogConfiguration(l.logDriverAsString(),
                        l.options(), secretsFromSdk(l.secretOptions()))),
                c.dockerLabels(),
                c.ulimits().stream().map(u -> new Ulimit(u.nameAsString(), u.softLimit(), u.hardLimit())).toList());
    }

    private static software.amazon.awssdk.services.ecs.model.PortMapping toSdk(PortMapping p) {
        return software.amazon.awssdk.services.ecs.model.PortMapping.builder()
                .containerPort(p.containerPort())
                // Host port 0 means "dynamic" in bridge mode; leaving it unset says the same and is the only form
                // awsvpc and host mode accept besides hostPort == containerPort.
                .hostPort(p.hostPort() == 0 ? null : p.hostPort())
                .protocol(p.protocol().ecsName())
                .name(p.name().orElse(null))
                .appProtocol(p.appProtocol().orElse(null))
                .build();
    }

    private static PortMapping fromSdk(software.amazon.awssdk.services.ecs.model.PortMapping p) {
        return new PortMapping(p.containerPort(), p.hostPort() == null ? 0 : p.hostPort(),
                p.protocolAsString() == null ? Protocol.TCP
                        : Protocol.valueOf(p.protocolAsString().toUpperCase(Locale.ROOT)),
                Optional.ofNullable(p.name()), Optional.ofNullable(p.appProtocolAsString()));
    }

    private static List<software.amazon.awssdk.services.ecs.model.Secret> secretsToSdk(List<Secret> secrets) {
        return secrets.stream().map(s -> software.amazon.awssdk.services.ecs.model.Secret.builder()
                .name(s.name()).valueFrom(s.valueFrom()).build()).toList();
    }

    private static List<Secret> secretsFromSdk(List<software.amazon.awssdk.services.ecs.model.Secret> secrets) {
        return secrets.stream().map(s -> new Secret(s.name(), s.valueFrom())).toList();
    }

    private static Set<Compatibility> compatibilities(List<String> names) {
        Set<Compatibility> result = EnumSet.noneOf(Compatibility.class);
        names.forEach(n -> result.add(Compatibility.valueOf(n)));
        return result;
    }

    private static PlacementConstraint.Type constraintType(String ecsName) {
        for (PlacementConstraint.Type type : PlacementConstraint.Type.values()) {
            if (type.ecsName().equals(ecsName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown placement constraint type " + ecsName);
    }

    private static int seconds(Duration duration) {
        return Math.toIntExact(duration.toSeconds());
    }

    private static Duration orDefault(Integer seconds, Duration fallback) {
        return seconds == null ? fallback : Duration.ofSeconds(seconds);
    }

    private static OptionalInt optionalInt(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static OptionalInt parseInt(String value) {
        return value == null || value.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.strip()));
    }
}
