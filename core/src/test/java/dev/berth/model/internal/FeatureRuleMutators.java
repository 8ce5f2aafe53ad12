package dev.berth.model.internal;

import static dev.berth.model.internal.RuleMutators.FIRST;
import static dev.berth.model.internal.RuleMutators.always;
import static dev.berth.model.internal.RuleMutators.container;
import static dev.berth.model.internal.RuleMutators.copy;
import static dev.berth.model.internal.RuleMutators.first;
import static dev.berth.model.internal.RuleMutators.freshName;
import static dev.berth.model.internal.RuleMutators.minimal;
import static dev.berth.model.internal.RuleMutators.onFirst;
import static dev.berth.model.internal.RuleMutators.onlyFargate;
import static dev.berth.model.internal.RuleMutators.task;
import static dev.berth.model.internal.RuleMutators.withFirst;

import dev.berth.model.internal.RuleMutators.Breakage;
import dev.berth.model.internal.RuleMutators.Mutator;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.Device;
import dev.berth.model.DockerVolumeConfiguration;
import dev.berth.model.EfsVolumeConfiguration;
import dev.berth.model.EnvironmentFile;
import dev.berth.model.FirelensConfiguration;
import dev.berth.model.HostVolume;
import dev.berth.model.LinuxParameters;
import dev.berth.model.LogConfiguration;
import dev.berth.model.MountPoint;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.ProxyConfiguration;
import dev.berth.model.ResourceRequirement;
import dev.berth.model.RuntimePlatform;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Tmpfs;
import dev.berth.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/** One mutator per rule of volumes, mounts, Linux parameters, Docker options, FireLens and the task features. */
final class FeatureRuleMutators {

    private FeatureRuleMutators() {
    }

    static List<Mutator> all() {
        List<Mutator> mutators = new ArrayList<>();
        mutators.addAll(volumes());
        mutators.addAll(mounts());
        mutators.addAll(linuxParameters());
        mutators.addAll(dockerOptions());
        mutators.addAll(integrations());
        mutators.addAll(portRanges());
        mutators.addAll(taskFeatures());
        mutators.addAll(fargate());
        return mutators;
    }

    private static List<Mutator> volumes() {
        return List.of(
                always("volumes.name.pattern", td -> addVolume(td, Volume.taskScoped("bad name"), ".name")),
                always("volumes.name.duplicate", td -> {
                    String name = freshVolume(td, "twice");
                    return task(td.toBuilder().volume(Volume.taskScoped(name)).volume(Volume.taskScoped(name)),
                            volume(td.volumes().size() + 1) + ".name");
                }),
                always("volumes.configuration.multiple", td -> addVolume(td, new Volume(freshVolume(td, "both"),
                        Optional.of(new HostVolume(Optional.of("/srv"))),
                        Optional.of(DockerVolumeConfiguration.taskScoped()), Optional.empty(), Optional.empty(),
                        Optional.empty(), false), "")),
                always("volumes.host.sourcePath.blank", td -> addVolume(td,
                        Volume.bindMount(freshVolume(td, "blank"), " "), ".host.sourcePath")),
                always("volumes.configuration.required", td -> addVolume(td,
                        Volume.efs(freshVolume(td, "efs"), EfsVolumeConfiguration.of("")),
                        ".efsVolumeConfiguration.fileSystemId")),
                always("volumes.efs.transitEncryption", td -> addVolume(td, Volume.efs(freshVolume(td, "efs"),
                                new EfsVolumeConfiguration("fs-12345678", Optional.empty(), false, OptionalInt.empty(),
                                        Optional.empty(), true)),
                        ".efsVolumeConfiguration.transitEncryption")),
                always("volumes.efs.rootDirectory.accessPoint", td -> addVolume(td, Volume.efs(freshVolume(td, "efs"),
                                EfsVolumeConfiguration.of("fs-12345678").withRootDirectory("/tenant")
                                        .withAuthorization(Optional.of("fsap-0123"), false)),
                        ".efsVolumeConfiguration.rootDirectory")),
                always("volumes.port.range", td -> addVolume(td, Volume.efs(freshVolume(td, "efs"),
                                new EfsVolumeConfiguration("fs-12345678", Optional.empty(), true, OptionalInt.of(0),
                                        Optional.empty(), false)),
                        ".efsVolumeConfiguration.transitEncryptionPort")));
    }

    private static List<Mutator> mounts() {
        return List.of(
                always("mountPoints.sourceVolume.empty", td -> onFirst(td,
                        c -> c.mountPoint(MountPoint.of("", "/mnt/nothing")),
                        "mountPoints[" + first(td).mountPoints().size() + "].sourceVolume")),
                always("mountPoints.sourceVolume.unknown", td -> onFirst(td,
                        c -> c.mountPoint(freshVolume(td, "missing"), "/mnt/missing"),
                        "mountPoints[" + first(td).mountPoints().size() + "].sourceVolume")),
                always("mountPoints.containerPath.absolute", td -> mountNewVolume(td, "relative/path",
                        "mountPoints[" + first(td).mountPoints().size() + "].containerPath")),
                always("mountPoints.containerPath.duplicate", td -> {
                    String name = freshVolume(td, "dup");
                    String path = "/mnt/" + name;
                    int next = first(td).mountPoints().size();
                    return task(withFirst(td, c -> c.mountPoint(name, path).mountPoint(name, path))
                            .volume(Volume.taskScoped(name)), FIRST + ".mountPoints[" + (next + 1) + "].containerPath");
                }),
                always("volumesFrom.sourceContainer.unknown", td -> onFirst(td,
                        c -> c.volumesFrom(first(td).name(), false),
                        "volumesFrom[" + first(td).volumesFrom().size() + "].sourceContainer")));
    }

    private static List<Mutator> linuxParameters() {
        return List.of(
                always("linuxParameters.capabilities.unknown", td -> onLinux(td,
                        p -> p.capabilitiesAdd(append(p.build().capabilitiesAdd(), "CAP_NET_ADMIN")),
                        "capabilities.add[" + linux(td).capabilitiesAdd().size() + "]")),
                always("linuxParameters.devices.hostPath.empty", td -> onLinux(td,
                        p -> p.device(Device.of("")), "devices[" + linux(td).devices().size() + "].hostPath")),
                always("linuxParameters.size.range", td -> onLinux(td, p -> p.swappiness(101), "swappiness")),
                always("linuxParameters.tmpfs.containerPath.absolute", td -> onLinux(td,
                        p -> p.tmpfs(new Tmpfs("run", 64, List.of())),
                        "tmpfs[" + linux(td).tmpfs().size() + "].containerPath")),
                always("linuxParameters.tmpfs.mountOptions.unknown", td -> onLinux(td,
                        p -> p.tmpfs(new Tmpfs("/scratch", 64, List.of("noexec", "bogus"))),
                        "tmpfs[" + linux(td).tmpfs().size() + "].mountOptions[1]")));
    }

    private static List<Mutator> dockerOptions() {
        return List.of(
                always("hostname.networkMode", td -> task(withFirst(td, c -> c.hostname("web"))
                        .networkMode(NetworkMode.AWSVPC), FIRST + ".hostname")),
                always("extraHosts.networkMode", td -> task(withFirst(td, c -> c.extraHost("db", "10.0.0.5"))
                        .networkMode(NetworkMode.AWSVPC), FIRST + ".extraHosts")),
                always("extraHosts.empty", td -> onFirst(td, c -> c.extraHost("", "10.0.0.5"),
                        "extraHosts[" + first(td).extraHosts().size() + "]")),
                always("dockerSecurityOptions.format", td -> onFirst(td, c -> c.dockerSecurityOptions(
                                append(first(td).dockerSecurityOptions(), "seccomp=unconfined")),
                        "dockerSecurityOptions[" + first(td).dockerSecurityOptions().size() + "]")),
                always("systemControls.namespace.empty", td -> onFirst(td, c -> c.systemControl("", "1"),
                        "systemControls[" + first(td).systemControls().size() + "].namespace")),
                always("credentialSpecs.format", td -> onFirst(td, c -> c.credentialSpecs(
                                append(first(td).credentialSpecs(), "gmsa.json")),
                        "credentialSpecs[" + first(td).credentialSpecs().size() + "]")));
    }

    private static List<Mutator> integrations() {
        return List.of(
                always("environmentFiles.tooMany", td -> onFirst(td, c -> {
                    for (int i = 0; i < 11; i++) {
                        c.environmentFile(EnvironmentFile.s3("arn:aws:s3:::bucket/extra" + i + ".env"));
                    }
                    return c;
                }, "environmentFiles")),
                always("environmentFiles.value.extension", td -> onFirst(td,
                        c -> c.environmentFile(EnvironmentFile.s3("arn:aws:s3:::bucket/app.txt")),
                        "environmentFiles[" + first(td).environmentFiles().size() + "].value")),
                always("repositoryCredentials.credentialsParameter.empty", td -> onFirst(td,
                        c -> c.repositoryCredentials(" "), "repositoryCredentials.credentialsParameter")),
                always("resourceRequirements.value", td -> onFirst(td, c -> c.resourceRequirements(List.of(
                        new ResourceRequirement(ResourceRequirement.Type.NEURON_DEVICE, "zero", Optional.empty()))),
                        "resourceRequirements[0].value")),
                always("resourceRequirements.inferenceAccelerator.unknown", td -> onFirst(td,
                        c -> c.resourceRequirements(List.of(new ResourceRequirement(
                                ResourceRequirement.Type.INFERENCE_ACCELERATOR, "no-such-device", Optional.empty()))),
                        "resourceRequirements[0].value")),
                always("resourceRequirements.type.duplicate", td -> onFirst(td, c -> c.resourceRequirements(List.of(
                                ResourceRequirement.gpus(1), ResourceRequirement.gpus(2))),
                        "resourceRequirements[1].type")),
                always("firelensConfiguration.duplicate", td -> {
                    List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
                    containers.set(0, containers.get(0).toBuilder()
                            .firelensConfiguration(FirelensConfiguration.of(FirelensConfiguration.Type.FLUENTBIT))
                            .build());
                    containers.add(minimal(freshName(td, "router")).firelensConfiguration(
                            FirelensConfiguration.of(FirelensConfiguration.Type.FLUENTD)).build());
                    return task(td.toBuilder().containers(containers),
                            container(containers.size() - 1) + ".firelensConfiguration");
                }),
                always("firelensConfiguration.options", td -> onFirst(td, c -> c.firelensConfiguration(
                                new FirelensConfiguration(FirelensConfiguration.Type.FLUENTBIT,
                                        Map.of("config-file-type", "ftp", "config-file-value", "x"))),
                        "firelensConfiguration.options.config-file-type")),
                always("logConfiguration.awsfirelens.router", td -> {
                    List<ContainerDefinition> containers = new ArrayList<>();
                    for (ContainerDefinition c : td.containerDefinitions()) {
                        containers.add(copy(c, c.memoryMiB(), c.memoryReservationMiB(), Optional.empty()));
                    }
                    containers.set(0, containers.get(0).toBuilder()
                            .logConfiguration(LogConfiguration.of("awsfirelens", Map.of("Name", "cloudwatch")))
                            .build());
                    return task(td.toBuilder().containers(containers), FIRST + ".logConfiguration.logDriver");
                }));
    }

    private static List<Mutator> portRanges() {
        return List.of(
                always("portMappings.containerPortRange.format", td -> onRanges(td,
                        List.of(PortMapping.ofRange("9000-8000")), ".containerPortRange")),
                always("portMappings.containerPortRange.withPort", td -> onRanges(td, List.of(
                        new PortMapping(8080, 0, dev.berth.model.Protocol.TCP, Optional.empty(), Optional.empty(),
                                Optional.of("9100-9110"))), ".containerPortRange")),
                always("portMappings.containerPortRange.networkMode", td -> {
                    int next = first(td).portMappings().size();
                    return task(withFirst(td, c -> c.portMapping(PortMapping.ofRange("9100-9110")))
                                    .networkMode(NetworkMode.HOST),
                            FIRST + ".portMappings[" + next + "].containerPortRange");
                }),
                always("portMappings.containerPortRange.tooMany", td -> {
                    List<PortMapping> ranges = new ArrayList<>();
                    for (int i = 0; i < 101; i++) {
                        ranges.add(PortMapping.ofRange((20_000 + 2 * i) + "-" + (20_001 + 2 * i)));
                    }
                    return task(bridgeIfNeeded(td, withFirst(td, c -> {
                        ranges.forEach(c::portMapping);
                        return c;
                    })), FIRST + ".portMappings");
                }),
                always("portMappings.containerPortRange.overlap", td -> onRanges(td, List.of(
                        PortMapping.ofRange("30000-30010"), PortMapping.ofRange("30005-30020")),
                        ".containerPortRange")));
    }

    private static List<Mutator> taskFeatures() {
        return List.of(
                always("ephemeralStorage.sizeInGiB.range", td -> task(td.toBuilder().ephemeralStorageGiB(20),
                        "ephemeralStorage.sizeInGiB")),
                always("proxyConfiguration.containerName.unknown", td -> task(td.toBuilder().proxyConfiguration(
                                new ProxyConfiguration(ProxyConfiguration.Type.APPMESH, freshName(td, "envoy"),
                                        Map.of())).networkMode(NetworkMode.AWSVPC),
                        "proxyConfiguration.containerName")),
                always("proxyConfiguration.networkMode", td -> task(td.toBuilder().proxyConfiguration(
                                new ProxyConfiguration(ProxyConfiguration.Type.APPMESH, first(td).name(), Map.of()))
                        .networkMode(NetworkMode.BRIDGE), "proxyConfiguration")),
                always("inferenceAccelerators.deviceName.duplicate", td -> task(td.toBuilder()
                                .inferenceAccelerator("eia-twice", "eia2.medium")
                                .inferenceAccelerator("eia-twice", "eia2.large"),
                        "inferenceAccelerators[" + (td.inferenceAccelerators().size() + 1) + "].deviceName")),
                always("inferenceAccelerators.empty", td -> task(td.toBuilder().inferenceAccelerator("", "eia2.medium"),
                        "inferenceAccelerators[" + td.inferenceAccelerators().size() + "]")),
                always("runtimePlatform.cpuArchitecture.windows", td -> task(td.toBuilder().runtimePlatform(
                                new RuntimePlatform(Optional.of(RuntimePlatform.CpuArchitecture.ARM64),
                                        Optional.of(RuntimePlatform.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE))),
                        "runtimePlatform.cpuArchitecture")));
    }

    private static List<Mutator> fargate() {
        return List.of(
                onlyFargate("fargate.volumes.sourcePath", td -> addVolume(td,
                        Volume.bindMount(freshVolume(td, "host"), "/var/log"), ".host.sourcePath")),
                onlyFargate("fargate.volumes.configuration", td -> addVolume(td,
                        Volume.docker(freshVolume(td, "docker"), DockerVolumeConfiguration.taskScoped()),
                        ".dockerVolumeConfiguration")),
                onlyFargate("fargate.privileged", td -> onFirst(td, c -> c.privileged(true), "privileged")),
                onlyFargate("fargate.linuxParameters", td -> onLinux(td, p -> p.sharedMemorySizeMiB(256),
                        "sharedMemorySize")),
                onlyFargate("fargate.linuxParameters.capabilities.add", td -> onLinux(td,
                        p -> p.capabilitiesAdd(append(p.build().capabilitiesAdd(), "NET_ADMIN")),
                        "capabilities.add[" + linux(td).capabilitiesAdd().size() + "]")),
                onlyFargate("fargate.resourceRequirements", td -> onFirst(td,
                        c -> c.resourceRequirements(List.of(ResourceRequirement.gpus(1))),
                        "resourceRequirements[0].type")),
                onlyFargate("fargate.inferenceAccelerators", td -> task(td.toBuilder()
                        .inferenceAccelerator("eia", "eia2.medium"), "inferenceAccelerators")));
    }

    // building blocks

    private static String volume(int index) {
        return "volumes[" + index + "]";
    }

    private static Breakage addVolume(TaskDefinition td, Volume volume, String field) {
        return task(td.toBuilder().volume(volume), volume(td.volumes().size()) + field);
    }

    private static Breakage mountNewVolume(TaskDefinition td, String containerPath, String field) {
        String name = freshVolume(td, "mounted");
        return task(withFirst(td, c -> c.mountPoint(name, containerPath)).volume(Volume.taskScoped(name)),
                FIRST + "." + field);
    }

    private static String freshVolume(TaskDefinition td, String base) {
        String name = base;
        for (int i = 0; td.volume(name).isPresent(); i++) {
            name = base + i;
        }
        return name;
    }

    private static LinuxParameters linux(TaskDefinition td) {
        return first(td).linuxParameters().orElse(LinuxParameters.builder().build());
    }

    private static Breakage onLinux(TaskDefinition td, UnaryOperator<LinuxParameters.Builder> change, String field) {
        LinuxParameters changed = change.apply(linux(td).toBuilder()).build();
        return onFirst(td, c -> c.linuxParameters(changed), "linuxParameters." + field);
    }

    /** Range mappings need a network mode that allows them and port mappings at all: bridge if neither holds. */
    private static Breakage onRanges(TaskDefinition td, List<PortMapping> mappings, String field) {
        int last = first(td).portMappings().size() + mappings.size() - 1;
        return task(bridgeIfNeeded(td, withFirst(td, c -> {
            mappings.forEach(c::portMapping);
            return c;
        })), FIRST + ".portMappings[" + last + "]" + field);
    }

    private static TaskDefinition.Builder bridgeIfNeeded(TaskDefinition td, TaskDefinition.Builder builder) {
        return td.networkMode() == NetworkMode.BRIDGE || td.networkMode() == NetworkMode.AWSVPC ? builder
                : builder.networkMode(NetworkMode.BRIDGE);
    }

    private static List<String> append(List<String> values, String value) {
        List<String> all = new ArrayList<>(values);
        all.add(value);
        return all;
    }
}
