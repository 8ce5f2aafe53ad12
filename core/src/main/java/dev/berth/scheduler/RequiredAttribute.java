package dev.berth.scheduler;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.ResourceRequirement;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Volume;
import dev.berth.scheduler.query.QueryTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An attribute an instance must have to take a task, because the task definition needs what it stands for: the
 * {@code runtimePlatform} it is built for ({@code ecs.cpu-architecture}, {@code ecs.os-type}), or a capability of
 * the container agent, named as ECS's agent reports it (e.g. {@code ecs.capability.aws-appmesh} for a
 * {@code proxyConfiguration}). ECS records these as the definition's {@code requiresAttributes}; an instance
 * without one is rejected with reason {@code ATTRIBUTE}.
 *
 * @param name the attribute, e.g. {@code ecs.cpu-architecture}
 * @param value the value it must have; empty = present with any value
 * @param field the task-definition field that needs it, for the rejection's detail, e.g.
 *     {@code runtimePlatform.cpuArchitecture ARM64}
 */
public record RequiredAttribute(String name, Optional<String> value, String field) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public RequiredAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(field, "field");
    }

    /**
     * @param definition a task definition
     * @return the attributes an instance needs for it, each once, in the order of the definition's fields
     */
    public static List<RequiredAttribute> of(TaskDefinition definition) {
        Map<String, RequiredAttribute> byName = new LinkedHashMap<>();
        definition.runtimePlatform().ifPresent(platform -> {
            platform.cpuArchitecture().ifPresent(a -> add(byName, new RequiredAttribute(InstanceAttributes.CPU_ARCHITECTURE,
                    Optional.of(a.attributeValue()), "runtimePlatform.cpuArchitecture " + a.ecsName())));
            platform.operatingSystemFamily().ifPresent(f -> add(byName, new RequiredAttribute(InstanceAttributes.OS_TYPE,
                    Optional.of(f.osType()), "runtimePlatform.operatingSystemFamily " + f.ecsName())));
        });
        for (Volume volume : definition.volumes()) {
            String field = "volumes '" + volume.name() + "'";
            switch (volume.kind()) {
                case FSX_WINDOWS_FILE_SERVER -> capability(byName, "fsxWindowsFileServer",
                        field + " (fsxWindowsFileServerVolumeConfiguration)");
                case S3_FILES -> capability(byName, "storage.s3-files", field + " (s3filesVolumeConfiguration)");
                case CONFIGURED_AT_LAUNCH -> capability(byName, "storage.ebs-task-volume-attach",
                        field + " (configuredAtLaunch)");
                case DOCKER -> volume.dockerVolumeConfiguration().flatMap(c -> c.driver())
                        .filter(driver -> !driver.equals("local"))
                        .ifPresent(driver -> add(byName, new RequiredAttribute(
                                "com.amazonaws.ecs.capability.docker-plugin." + driver.replace(':', '.'),
                                Optional.empty(),
                                field + " (dockerVolumeConfiguration.driver " + driver + ")")));
                default -> {
                    // task-scoped, bind-mount and EFS volumes need nothing of the instance beyond its engine
                }
            }
        }
        definition.proxyConfiguration().ifPresent(p -> capability(byName, "aws-appmesh", "proxyConfiguration"));
        boolean accelerators = !definition.inferenceAccelerators().isEmpty()
                || definition.containerDefinitions().stream().flatMap(c -> c.resourceRequirements().stream())
                        .anyMatch(r -> r.type() == ResourceRequirement.Type.INFERENCE_ACCELERATOR);
        if (accelerators) {
            capability(byName, "task-eia", "inferenceAccelerators");
        }
        for (ContainerDefinition c : definition.containerDefinitions()) {
            if (!c.credentialSpecs().isEmpty()) {
                capability(byName, "gmsa", "containerDefinitions '" + c.name() + "' credentialSpecs");
            }
        }
        if (definition.enableFaultInjection()) {
            capability(byName, "fault-injection", "enableFaultInjection");
        }
        return List.copyOf(byName.values());
    }

    /**
     * @param instance an instance
     * @return whether it has the attribute, with the value when one is required
     */
    public boolean isMetBy(QueryTarget instance) {
        Optional<String> actual = instance.attribute(name);
        return actual.isPresent() && value.map(v -> v.equals(actual.get())).orElse(true);
    }

    /**
     * @param instance an instance that lacks the attribute
     * @return for people, e.g. {@code runtimePlatform.cpuArchitecture ARM64 needs ecs.cpu-architecture=arm64; the
     *     instance has x86_64}
     */
    public String explain(QueryTarget instance) {
        String has = instance.attribute(name).map(v -> "the instance has " + v)
                .orElse("the instance does not have it");
        return field + " needs " + name + value.map(v -> "=" + v).orElse("") + "; " + has;
    }

    private static void capability(Map<String, RequiredAttribute> byName, String suffix, String field) {
        add(byName, new RequiredAttribute("ecs.capability." + suffix, Optional.empty(), field));
    }

    private static void add(Map<String, RequiredAttribute> byName, RequiredAttribute attribute) {
        byName.putIfAbsent(attribute.name(), attribute);
    }
}
