package dev.berth.aws.internal;

import dev.berth.model.Compatibility;
import dev.berth.model.InferenceAccelerator;
import dev.berth.model.NetworkMode;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.RuntimePlatform;
import dev.berth.model.Tag;
import dev.berth.model.TaskDefinition;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.EphemeralStorage;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.ProxyConfiguration;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;

/**
 * Berth's task definition to the SDK's and back, every field of RegisterTaskDefinition: mapping a definition to a
 * {@link RegisterTaskDefinitionRequest} and the registered {@code TaskDefinition} (with its tags) back gives the
 * definition again. Absent Berth values ({@code Optional.empty()}, empty lists, {@code false} switches) are left
 * unset in the request, so that ECS applies its own defaults, which are Berth's defaults too. Containers and volumes
 * are mapped by {@link ContainerDefinitionMapper} and {@link VolumeMapper}.
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
                        .map(ContainerDefinitionMapper::toSdk).toList())
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
        b.volumes(ContainerDefinitionMapper.orNull(definition.volumes(), VolumeMapper::toSdk));
        definition.proxyConfiguration().ifPresent(p -> b.proxyConfiguration(ProxyConfiguration.builder()
                .type(p.type().name()).containerName(p.containerName())
                .properties(p.properties().isEmpty() ? null : p.properties().entrySet().stream()
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .build()));
        b.inferenceAccelerators(ContainerDefinitionMapper.orNull(definition.inferenceAccelerators(),
                a -> software.amazon.awssdk.services.ecs.model.InferenceAccelerator.builder()
                        .deviceName(a.deviceName()).deviceType(a.deviceType()).build()));
        definition.ephemeralStorageGiB().ifPresent(gib -> b.ephemeralStorage(EphemeralStorage.builder()
                .sizeInGiB(gib).build()));
        definition.runtimePlatform().ifPresent(p -> b.runtimePlatform(
                software.amazon.awssdk.services.ecs.model.RuntimePlatform.builder()
                        .cpuArchitecture(p.cpuArchitecture().map(RuntimePlatform.CpuArchitecture::ecsName).orElse(null))
                        .operatingSystemFamily(p.operatingSystemFamily()
                                .map(RuntimePlatform.OperatingSystemFamily::ecsName).orElse(null))
                        .build()));
        b.enableFaultInjection(ContainerDefinitionMapper.trueOrNull(definition.enableFaultInjection()));
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
                registered.containerDefinitions().stream().map(ContainerDefinitionMapper::fromSdk).toList(),
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
                tags.stream().map(t -> new Tag(t.key(), t.value())).toList(),
                registered.volumes().stream().map(VolumeMapper::fromSdk).toList(),
                Optional.ofNullable(registered.proxyConfiguration()).map(TaskDefinitionMapper::fromSdk),
                registered.inferenceAccelerators().stream()
                        .map(a -> new InferenceAccelerator(a.deviceName(), a.deviceType())).toList(),
                Optional.ofNullable(registered.ephemeralStorage()).map(EphemeralStorage::sizeInGiB)
                        .map(OptionalInt::of).orElse(OptionalInt.empty()),
                Optional.ofNullable(registered.runtimePlatform()).map(TaskDefinitionMapper::fromSdk),
                Boolean.TRUE.equals(registered.enableFaultInjection()));
    }

    private static dev.berth.model.ProxyConfiguration fromSdk(ProxyConfiguration p) {
        Map<String, String> properties = new LinkedHashMap<>();
        p.properties().forEach(kv -> properties.put(kv.name(), kv.value() == null ? "" : kv.value()));
        return new dev.berth.model.ProxyConfiguration(p.typeAsString() == null
                ? dev.berth.model.ProxyConfiguration.Type.APPMESH
                : dev.berth.model.ProxyConfiguration.Type.valueOf(p.typeAsString()), p.containerName(), properties);
    }

    private static RuntimePlatform fromSdk(software.amazon.awssdk.services.ecs.model.RuntimePlatform p) {
        return new RuntimePlatform(
                Optional.ofNullable(p.cpuArchitectureAsString()).map(a -> ContainerDefinitionMapper.byEcsName(
                        RuntimePlatform.CpuArchitecture.values(), RuntimePlatform.CpuArchitecture::ecsName, a)),
                Optional.ofNullable(p.operatingSystemFamilyAsString()).map(f -> ContainerDefinitionMapper.byEcsName(
                        RuntimePlatform.OperatingSystemFamily.values(), RuntimePlatform.OperatingSystemFamily::ecsName,
                        f)));
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




    private static OptionalInt parseInt(String value) {
        return value == null || value.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.strip()));
    }
}
