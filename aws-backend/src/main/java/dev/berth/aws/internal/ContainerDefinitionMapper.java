package dev.berth.aws.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.DependencyCondition;
import dev.berth.model.Device;
import dev.berth.model.EnvironmentFile;
import dev.berth.model.EnvironmentVariable;
import dev.berth.model.FirelensConfiguration;
import dev.berth.model.HealthCheck;
import dev.berth.model.HostEntry;
import dev.berth.model.ImageRef;
import dev.berth.model.LinuxParameters;
import dev.berth.model.LogConfiguration;
import dev.berth.model.MountPoint;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.RepositoryCredentials;
import dev.berth.model.ResourceRequirement;
import dev.berth.model.RestartPolicy;
import dev.berth.model.Secret;
import dev.berth.model.SystemControl;
import dev.berth.model.Tmpfs;
import dev.berth.model.Ulimit;
import dev.berth.model.VolumeFrom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.model.ContainerRestartPolicy;
import software.amazon.awssdk.services.ecs.model.KernelCapabilities;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NvidiaMpsAllocation;
import software.amazon.awssdk.services.ecs.model.SharingStrategy;

/**
 * A container definition to the SDK's and back, every field. Absent Berth values ({@code Optional.empty()}, empty
 * lists, {@code false} switches, ECS's defaults) are left unset, so that ECS applies its own defaults, which are
 * Berth's too; what ECS describes back maps to an equal definition.
 */
final class ContainerDefinitionMapper {

    private ContainerDefinitionMapper() {
    }

    static software.amazon.awssdk.services.ecs.model.ContainerDefinition toSdk(ContainerDefinition c) {
        var b = software.amazon.awssdk.services.ecs.model.ContainerDefinition.builder()
                .name(c.name())
                .image(c.image().toString())
                .cpu(c.cpu())
                .essential(c.essential());
        c.repositoryCredentials().ifPresent(r -> b.repositoryCredentials(
                software.amazon.awssdk.services.ecs.model.RepositoryCredentials.builder()
                        .credentialsParameter(r.credentialsParameter()).build()));
        c.memoryMiB().ifPresent(b::memory);
        c.memoryReservationMiB().ifPresent(b::memoryReservation);
        b.portMappings(orNull(c.portMappings(), ContainerDefinitionMapper::toSdk));
        b.environment(orNull(c.environment(), e -> KeyValuePair.builder().name(e.name()).value(e.value()).build()));
        b.environmentFiles(orNull(c.environmentFiles(), f -> software.amazon.awssdk.services.ecs.model.EnvironmentFile
                .builder().value(f.value()).type(f.type().ecsName()).build()));
        b.mountPoints(orNull(c.mountPoints(), m -> software.amazon.awssdk.services.ecs.model.MountPoint.builder()
                .sourceVolume(m.sourceVolume()).containerPath(m.containerPath()).readOnly(m.readOnly()).build()));
        b.volumesFrom(orNull(c.volumesFrom(), v -> software.amazon.awssdk.services.ecs.model.VolumeFrom.builder()
                .sourceContainer(v.sourceContainer()).readOnly(v.readOnly()).build()));
        c.linuxParameters().ifPresent(p -> b.linuxParameters(toSdk(p)));
        b.secrets(orNull(c.secrets(), ContainerDefinitionMapper::toSdk));
        b.command(orNull(c.command(), Function.identity()));
        b.entryPoint(orNull(c.entryPoint(), Function.identity()));
        c.workingDirectory().ifPresent(b::workingDirectory);
        c.user().ifPresent(b::user);
        c.healthCheck().ifPresent(h -> b.healthCheck(software.amazon.awssdk.services.ecs.model.HealthCheck.builder()
                .command(h.command())
                .interval(seconds(h.interval()))
                .timeout(seconds(h.timeout()))
                .retries(h.retries())
                .startPeriod(h.startPeriod().map(ContainerDefinitionMapper::seconds).orElse(null))
                .build()));
        b.dependsOn(orNull(c.dependsOn(), d -> software.amazon.awssdk.services.ecs.model.ContainerDependency.builder()
                .containerName(d.containerName()).condition(d.condition().name()).build()));
        c.startTimeout().ifPresent(t -> b.startTimeout(seconds(t)));
        c.stopTimeout().ifPresent(t -> b.stopTimeout(seconds(t)));
        c.restartPolicy().ifPresent(p -> b.restartPolicy(ContainerRestartPolicy.builder()
                .enabled(p.enabled())
                .ignoredExitCodes(p.ignoredExitCodes().isEmpty() ? null : p.ignoredExitCodes())
                .restartAttemptPeriod(p.restartAttemptPeriod().map(ContainerDefinitionMapper::seconds).orElse(null))
                .build()));
        b.links(orNull(c.links(), Function.identity()));
        c.logConfiguration().ifPresent(l -> b.logConfiguration(
                software.amazon.awssdk.services.ecs.model.LogConfiguration.builder()
                        .logDriver(l.logDriver())
                        .options(l.options().isEmpty() ? null : l.options())
                        .secretOptions(orNull(l.secretOptions(), ContainerDefinitionMapper::toSdk))
                        .build()));
        if (!c.dockerLabels().isEmpty()) {
            b.dockerLabels(c.dockerLabels());
        }
        b.ulimits(orNull(c.ulimits(), u -> software.amazon.awssdk.services.ecs.model.Ulimit.builder().name(u.name())
                .softLimit(u.softLimit()).hardLimit(u.hardLimit()).build()));
        if (c.versionConsistency() != ContainerDefinition.VersionConsistency.ENABLED) {
            b.versionConsistency(c.versionConsistency().ecsName());
        }
        c.hostname().ifPresent(b::hostname);
        b.disableNetworking(trueOrNull(c.disableNetworking()));
        b.privileged(trueOrNull(c.privileged()));
        b.readonlyRootFilesystem(trueOrNull(c.readonlyRootFilesystem()));
        b.dnsServers(orNull(c.dnsServers(), Function.identity()));
        b.dnsSearchDomains(orNull(c.dnsSearchDomains(), Function.identity()));
        b.extraHosts(orNull(c.extraHosts(), h -> software.amazon.awssdk.services.ecs.model.HostEntry.builder()
                .hostname(h.hostname()).ipAddress(h.ipAddress()).build()));
        b.dockerSecurityOptions(orNull(c.dockerSecurityOptions(), Function.identity()));
        b.interactive(trueOrNull(c.interactive()));
        b.pseudoTerminal(trueOrNull(c.pseudoTerminal()));
        b.systemControls(orNull(c.systemControls(), s -> software.amazon.awssdk.services.ecs.model.SystemControl
                .builder().namespace(s.namespace()).value(s.value()).build()));
        b.resourceRequirements(orNull(c.resourceRequirements(), ContainerDefinitionMapper::toSdk));
        c.firelensConfiguration().ifPresent(f -> b.firelensConfiguration(
                software.amazon.awssdk.services.ecs.model.FirelensConfiguration.builder().type(f.type().ecsName())
                        .options(f.options().isEmpty() ? null : f.options()).build()));
        b.credentialSpecs(orNull(c.credentialSpecs(), Function.identity()));
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
                c.portMappings().stream().map(ContainerDefinitionMapper::fromSdk).toList(),
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
                c.ulimits().stream().map(u -> new Ulimit(u.nameAsString(), u.softLimit(), u.hardLimit())).toList(),
                Optional.ofNullable(c.repositoryCredentials())
                        .map(r -> new RepositoryCredentials(r.credentialsParameter())),
                c.environmentFiles().stream().map(f -> new EnvironmentFile(f.value(),
                        byEcsName(EnvironmentFile.Type.values(), EnvironmentFile.Type::ecsName, f.typeAsString())))
                        .toList(),
                c.mountPoints().stream().map(m -> new MountPoint(orEmpty(m.sourceVolume()), orEmpty(m.containerPath()),
                        Boolean.TRUE.equals(m.readOnly()))).toList(),
                c.volumesFrom().stream().map(v -> new VolumeFrom(orEmpty(v.sourceContainer()),
                        Boolean.TRUE.equals(v.readOnly()))).toList(),
                Optional.ofNullable(c.linuxParameters()).map(ContainerDefinitionMapper::fromSdk),
                c.versionConsistencyAsString() == null ? ContainerDefinition.VersionConsistency.ENABLED
                        : byEcsName(ContainerDefinition.VersionConsistency.values(),
                                ContainerDefinition.VersionConsistency::ecsName, c.versionConsistencyAsString()),
                Optional.ofNullable(c.hostname()),
                Boolean.TRUE.equals(c.disableNetworking()),
                Boolean.TRUE.equals(c.privileged()),
                Boolean.TRUE.equals(c.readonlyRootFilesystem()),
                c.dnsServers(),
                c.dnsSearchDomains(),
                c.extraHosts().stream().map(h -> new HostEntry(h.hostname(), h.ipAddress())).toList(),
                c.dockerSecurityOptions(),
                Boolean.TRUE.equals(c.interactive()),
                Boolean.TRUE.equals(c.pseudoTerminal()),
                c.systemControls().stream().map(s -> new SystemControl(orEmpty(s.namespace()), orEmpty(s.value())))
                        .toList(),
                c.resourceRequirements().stream().map(ContainerDefinitionMapper::fromSdk).toList(),
                Optional.ofNullable(c.firelensConfiguration()).map(f -> new FirelensConfiguration(
                        byEcsName(FirelensConfiguration.Type.values(), FirelensConfiguration.Type::ecsName,
                                f.typeAsString()), f.options())),
                c.credentialSpecs());
    }

    private static software.amazon.awssdk.services.ecs.model.PortMapping toSdk(PortMapping p) {
        return software.amazon.awssdk.services.ecs.model.PortMapping.builder()
                .containerPort(p.containerPortRange().isPresent() ? null : p.containerPort())
                // Host port 0 means "dynamic" in bridge mode; leaving it unset says the same and is the only form
                // awsvpc and host mode accept besides hostPort == containerPort.
                .hostPort(p.hostPort() == 0 ? null : p.hostPort())
                .protocol(p.protocol().ecsName())
                .name(p.name().orElse(null))
                .appProtocol(p.appProtocol().orElse(null))
                .containerPortRange(p.containerPortRange().orElse(null))
                .build();
    }

    private static PortMapping fromSdk(software.amazon.awssdk.services.ecs.model.PortMapping p) {
        return new PortMapping(p.containerPort() == null ? 0 : p.containerPort(),
                p.hostPort() == null ? 0 : p.hostPort(),
                p.protocolAsString() == null ? Protocol.TCP
                        : Protocol.valueOf(p.protocolAsString().toUpperCase(Locale.ROOT)),
                Optional.ofNullable(p.name()), Optional.ofNullable(p.appProtocolAsString()),
                Optional.ofNullable(p.containerPortRange()));
    }

    private static software.amazon.awssdk.services.ecs.model.LinuxParameters toSdk(LinuxParameters p) {
        var b = software.amazon.awssdk.services.ecs.model.LinuxParameters.builder();
        if (!p.capabilitiesAdd().isEmpty() || !p.capabilitiesDrop().isEmpty()) {
            b.capabilities(KernelCapabilities.builder().add(orNull(p.capabilitiesAdd(), Function.identity()))
                    .drop(orNull(p.capabilitiesDrop(), Function.identity())).build());
        }
        b.devices(orNull(p.devices(), d -> software.amazon.awssdk.services.ecs.model.Device.builder()
                .hostPath(d.hostPath()).containerPath(d.containerPath().orElse(null))
                .permissionsWithStrings(orNull(d.permissions(), Device.Permission::ecsName)).build()));
        b.initProcessEnabled(trueOrNull(p.initProcessEnabled()));
        p.sharedMemorySizeMiB().ifPresent(b::sharedMemorySize);
        b.tmpfs(orNull(p.tmpfs(), t -> software.amazon.awssdk.services.ecs.model.Tmpfs.builder()
                .containerPath(t.containerPath()).size(t.sizeMiB())
                .mountOptions(orNull(t.mountOptions(), Function.identity())).build()));
        p.maxSwapMiB().ifPresent(b::maxSwap);
        p.swappiness().ifPresent(b::swappiness);
        return b.build();
    }

    private static LinuxParameters fromSdk(software.amazon.awssdk.services.ecs.model.LinuxParameters p) {
        KernelCapabilities capabilities = p.capabilities();
        return new LinuxParameters(
                capabilities == null ? List.of() : capabilities.add(),
                capabilities == null ? List.of() : capabilities.drop(),
                p.devices().stream().map(d -> new Device(d.hostPath(), Optional.ofNullable(d.containerPath()),
                        d.permissionsAsStrings().stream().map(s -> byEcsName(Device.Permission.values(),
                                Device.Permission::ecsName, s)).toList())).toList(),
                Boolean.TRUE.equals(p.initProcessEnabled()),
                optionalInt(p.sharedMemorySize()),
                p.tmpfs().stream().map(t -> new Tmpfs(t.containerPath(), t.size(), t.mountOptions())).toList(),
                optionalInt(p.maxSwap()),
                optionalInt(p.swappiness()));
    }

    private static software.amazon.awssdk.services.ecs.model.ResourceRequirement toSdk(ResourceRequirement r) {
        return software.amazon.awssdk.services.ecs.model.ResourceRequirement.builder()
                .type(r.type().ecsName()).value(r.value())
                .sharingStrategy(r.nvidiaMps().map(mps -> SharingStrategy.fromNvidiaMps(NvidiaMpsAllocation.builder()
                        .memory(mps.memory().isPresent() ? mps.memory().getAsInt() : null)
                        .maxComputePercent(mps.maxComputePercent().isPresent()
                                ? mps.maxComputePercent().getAsInt() : null)
                        .build())).orElse(null))
                .build();
    }

    private static ResourceRequirement fromSdk(software.amazon.awssdk.services.ecs.model.ResourceRequirement r) {
        Optional<ResourceRequirement.NvidiaMps> mps = Optional.ofNullable(r.sharingStrategy())
                .map(SharingStrategy::nvidiaMps)
                .map(a -> new ResourceRequirement.NvidiaMps(optionalInt(a.memory()), optionalInt(a.maxComputePercent())));
        return new ResourceRequirement(byEcsName(ResourceRequirement.Type.values(), ResourceRequirement.Type::ecsName,
                r.typeAsString()), r.value(), mps);
    }

    private static software.amazon.awssdk.services.ecs.model.Secret toSdk(Secret s) {
        return software.amazon.awssdk.services.ecs.model.Secret.builder().name(s.name()).valueFrom(s.valueFrom())
                .build();
    }

    private static List<Secret> secretsFromSdk(List<software.amazon.awssdk.services.ecs.model.Secret> secrets) {
        return secrets.stream().map(s -> new Secret(s.name(), s.valueFrom())).toList();
    }

    /** @return the constant whose ECS spelling is {@code ecsName} */
    static <E> E byEcsName(E[] values, Function<E, String> spelling, String ecsName) {
        return Arrays.stream(values).filter(v -> spelling.apply(v).equals(ecsName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("ECS returned '" + ecsName + "', which Berth does not"
                        + " know among " + Arrays.stream(values).map(spelling).toList()));
    }

    /** @return the mapped list, or {@code null} for an empty one: the SDK then leaves the field out */
    static <T, R> List<R> orNull(List<T> values, Function<T, R> map) {
        return values.isEmpty() ? null : values.stream().map(map).toList();
    }

    static Boolean trueOrNull(boolean value) {
        return value ? Boolean.TRUE : null;
    }

    static OptionalInt optionalInt(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static int seconds(Duration duration) {
        return Math.toIntExact(duration.toSeconds());
    }

    private static Duration orDefault(Integer seconds, Duration fallback) {
        return seconds == null ? fallback : Duration.ofSeconds(seconds);
    }
}
