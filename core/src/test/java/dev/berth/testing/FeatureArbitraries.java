package dev.berth.testing;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.Device;
import dev.berth.model.DockerVolumeConfiguration;
import dev.berth.model.EfsVolumeConfiguration;
import dev.berth.model.EnvironmentFile;
import dev.berth.model.FirelensConfiguration;
import dev.berth.model.FsxWindowsFileServerVolumeConfiguration;
import dev.berth.model.HostEntry;
import dev.berth.model.HostVolume;
import dev.berth.model.InferenceAccelerator;
import dev.berth.model.LinuxParameters;
import dev.berth.model.ProxyConfiguration;
import dev.berth.model.ResourceRequirement;
import dev.berth.model.RuntimePlatform;
import dev.berth.model.S3FilesVolumeConfiguration;
import dev.berth.model.SystemControl;
import dev.berth.model.Tmpfs;
import dev.berth.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/**
 * Valid values of the task-definition fields for volumes, Linux parameters, Docker options, FireLens, GPUs and the
 * task-level features, for {@link TaskDefinitionArbitraries}. As there, the allowed values are written from ECS's
 * API reference, independently of the validator. {@code fargate} limits each to what Fargate accepts.
 */
final class FeatureArbitraries {

    static final List<String> MOUNT_PATHS = List.of("/data", "/var/log/app", "/cache", "/srv/shared", "/mnt/efs",
            "/etc/app/conf.d", "/home/app/uploads");
    private static final List<String> CAPABILITIES = List.of("ALL", "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "IPC_LOCK", "KILL", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_RAW", "SETGID", "SETUID", "SYS_ADMIN",
            "SYS_NICE", "SYS_PTRACE", "SYS_RESOURCE", "SYS_TIME", "SYSLOG");

    private FeatureArbitraries() {
    }

    // task level

    static Arbitrary<List<Volume>> volumes(boolean fargate) {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_')
                .withCharRange('0', '9').ofMinLength(1).ofMaxLength(16);
        Arbitrary<Volume> volume = Combinators.combine(names, volumeKinds(fargate)).as((name, kind) -> kind.apply(name));
        return volume.list().ofMaxSize(3).uniqueElements(Volume::name);
    }

    private interface VolumeKind {
        Volume apply(String name);
    }

    private static Arbitrary<VolumeKind> volumeKinds(boolean fargate) {
        Arbitrary<VolumeKind> taskScoped = Arbitraries.of(Volume::taskScoped,
                name -> new Volume(name, Optional.of(new HostVolume(Optional.empty())), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), false));
        Arbitrary<VolumeKind> efs = efsConfigurations().map(c -> name -> Volume.efs(name, c));
        if (fargate) {
            return Arbitraries.oneOf(taskScoped, efs);
        }
        Arbitrary<VolumeKind> bind = Arbitraries.of("/var/log", "/opt/data", "/srv/cache", "/tmp/scratch")
                .map(path -> name -> Volume.bindMount(name, path));
        Arbitrary<VolumeKind> docker = dockerConfigurations().map(c -> name -> Volume.docker(name, c));
        Arbitrary<VolumeKind> fsx = Arbitraries.just(name -> Volume.fsxWindowsFileServer(name,
                new FsxWindowsFileServerVolumeConfiguration("fs-0eeb5730b2EXAMPLE", "\\\\share",
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:fsx", "corp.example.com")));
        Arbitrary<VolumeKind> s3Files = Combinators.combine(Arbitraries.of("/", "/logs").optional(),
                        Arbitraries.integers().between(1, 65535).optional())
                .as((root, port) -> name -> Volume.s3Files(name, new S3FilesVolumeConfiguration(
                        "arn:aws:s3files:eu-west-1:123456789012:file-system/fs-1", root,
                        port.map(OptionalInt::of).orElse(OptionalInt.empty()), Optional.empty())));
        Arbitrary<VolumeKind> atLaunch = Arbitraries.just(Volume::configuredAtLaunch);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, taskScoped), net.jqwik.api.Tuple.of(3, bind),
                net.jqwik.api.Tuple.of(3, docker), net.jqwik.api.Tuple.of(2, efs), net.jqwik.api.Tuple.of(1, fsx),
                net.jqwik.api.Tuple.of(1, s3Files), net.jqwik.api.Tuple.of(1, atLaunch));
    }

    private static Arbitrary<DockerVolumeConfiguration> dockerConfigurations() {
        Arbitrary<Map<String, String>> options = Arbitraries.maps(Arbitraries.of("type", "device", "o"),
                Arbitraries.of("tmpfs", "none", "size=64m", "bind")).ofMaxSize(2);
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(Arbitraries.of("team", "app", "purpose"),
                Arbitraries.strings().alpha().ofMaxLength(10)).ofMaxSize(2);
        return Combinators.combine(Arbitraries.of(DockerVolumeConfiguration.Scope.class), Arbitraries.of(true, false),
                        Arbitraries.of("local", "rexray/ebs").optional(), options, labels)
                .as((scope, auto, driver, opts, tags) -> new DockerVolumeConfiguration(scope,
                        scope == DockerVolumeConfiguration.Scope.SHARED && auto, driver, opts, tags));
    }

    private static Arbitrary<EfsVolumeConfiguration> efsConfigurations() {
        Arbitrary<String> ids = Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f').ofLength(8)
                .map(hex -> "fs-" + hex);
        return Combinators.combine(ids, Arbitraries.of("/", "/shared", "/tenants/a").optional(),
                        Arbitraries.of(true, false), Arbitraries.integers().between(1, 65535).optional(),
                        Arbitraries.of("fsap-0123456789abcdef0", "fsap-feedfacecafe0001").optional(),
                        Arbitraries.of(true, false))
                .as((id, root, encrypt, port, accessPoint, iam) -> new EfsVolumeConfiguration(id,
                        accessPoint.isPresent() ? Optional.empty() : root,
                        encrypt || iam || accessPoint.isPresent(),
                        port.map(OptionalInt::of).orElse(OptionalInt.empty()), accessPoint, iam));
    }

    static Arbitrary<List<InferenceAccelerator>> accelerators(boolean fargate) {
        if (fargate) {
            return Arbitraries.just(List.of());
        }
        return Combinators.combine(Arbitraries.of("device_1", "eia-a", "eia-b"),
                        Arbitraries.of("eia2.medium", "eia2.large", "eia1.xlarge"))
                .as(InferenceAccelerator::new).list().ofMaxSize(2).uniqueElements(InferenceAccelerator::deviceName);
    }

    static Arbitrary<RuntimePlatform> runtimePlatforms() {
        Arbitrary<RuntimePlatform> linux = Combinators.combine(
                        Arbitraries.of(RuntimePlatform.CpuArchitecture.class).optional(),
                        Arbitraries.just(RuntimePlatform.OperatingSystemFamily.LINUX).optional())
                .as(RuntimePlatform::new);
        Arbitrary<RuntimePlatform> windows = Combinators.combine(
                        Arbitraries.just(RuntimePlatform.CpuArchitecture.X86_64).optional(),
                        Arbitraries.of(RuntimePlatform.OperatingSystemFamily.class)
                                .filter(f -> f != RuntimePlatform.OperatingSystemFamily.LINUX).map(Optional::of))
                .as(RuntimePlatform::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, linux), net.jqwik.api.Tuple.of(1, windows));
    }

    static Arbitrary<Map<String, String>> proxyProperties() {
        return Arbitraries.maps(Arbitraries.of("IgnoredUID", "ProxyIngressPort", "ProxyEgressPort", "AppPorts",
                "EgressIgnoredIPs"), Arbitraries.of("1337", "15000", "15001", "9080", "169.254.170.2,169.254.169.254"))
                .ofMaxSize(5);
    }

    static ProxyConfiguration proxy(String containerName, Map<String, String> properties) {
        return new ProxyConfiguration(ProxyConfiguration.Type.APPMESH, containerName, properties);
    }

    // container level

    static Arbitrary<LinuxParameters> linuxParameters(boolean fargate) {
        Arbitrary<List<String>> add = fargate ? Arbitraries.just("SYS_PTRACE").list().ofMaxSize(1)
                : Arbitraries.of(CAPABILITIES).list().ofMaxSize(3).uniqueElements();
        Arbitrary<List<String>> drop = Arbitraries.of(CAPABILITIES).list().ofMaxSize(3).uniqueElements();
        var builder = Builders.withBuilder(LinuxParameters::builder)
                .use(add).in(LinuxParameters.Builder::capabilitiesAdd)
                .use(drop).in(LinuxParameters.Builder::capabilitiesDrop)
                .use(Arbitraries.of(true, false)).in(LinuxParameters.Builder::initProcessEnabled);
        if (!fargate) {
            builder = builder
                    .use(devices()).in(LinuxParameters.Builder::devices)
                    .use(Arbitraries.integers().between(1, 4096)).withProbability(0.4)
                    .in(LinuxParameters.Builder::sharedMemorySizeMiB)
                    .use(tmpfs()).in(LinuxParameters.Builder::tmpfs)
                    .use(Arbitraries.integers().between(0, 4096)).withProbability(0.3)
                    .in(LinuxParameters.Builder::maxSwapMiB)
                    .use(Arbitraries.integers().between(0, 100)).withProbability(0.3)
                    .in(LinuxParameters.Builder::swappiness);
        }
        return builder.build(LinuxParameters.Builder::build);
    }

    private static Arbitrary<List<Device>> devices() {
        return Combinators.combine(Arbitraries.of("/dev/fuse", "/dev/snd", "/dev/ttyUSB0", "/dev/kvm"),
                        Arbitraries.of("/dev/fuse", "/dev/audio").optional(),
                        Arbitraries.of(Device.Permission.class).list().ofMaxSize(3).uniqueElements())
                .as(Device::new).list().ofMaxSize(2);
    }

    private static Arbitrary<List<Tmpfs>> tmpfs() {
        return Combinators.combine(Arbitraries.of("/run", "/tmp", "/var/cache/nginx"),
                        Arbitraries.integers().between(1, 1024),
                        Arbitraries.of("noexec", "nosuid", "nodev", "rw", "mode=1777", "uid=1000").list().ofMaxSize(3)
                                .uniqueElements())
                .as(Tmpfs::new).list().ofMaxSize(2).uniqueElements(Tmpfs::containerPath);
    }

    /**
     * Sets the Docker options and integrations of a container draft that need no other container: those an
     * awsvpc task or Fargate does not accept are left out there.
     */
    static Arbitrary<ContainerOptions> containerOptions(boolean fargate, boolean awsvpc) {
        Arbitrary<List<HostEntry>> extraHosts = awsvpc ? Arbitraries.just(List.of())
                : Combinators.combine(Arbitraries.of("db", "cache.internal", "metadata"),
                        Arbitraries.of("10.0.0.5", "192.168.1.20", "fd00::1")).as(HostEntry::new).list().ofMaxSize(2);
        Arbitrary<List<SystemControl>> sysctls = Combinators.combine(
                Arbitraries.of("net.core.somaxconn", "net.ipv4.tcp_keepalive_time", "kernel.shm_rmid_forced"),
                Arbitraries.of("1024", "300", "1")).as(SystemControl::new).list().ofMaxSize(2);
        Arbitrary<List<EnvironmentFile>> envFiles = Arbitraries.of("app.env", "common/shared.env", "prod.env")
                .map(key -> EnvironmentFile.s3("arn:aws:s3:::config-bucket/" + key)).list().ofMaxSize(2);
        Arbitrary<Optional<ResourceRequirement>> gpus = fargate ? Arbitraries.just(Optional.empty())
                : Arbitraries.integers().between(1, 8).map(ResourceRequirement::gpus).optional(0.2);
        return Combinators.combine(
                        Combinators.combine(linuxParameters(fargate).optional(0.3),
                                awsvpc ? Arbitraries.just(Optional.<String>empty())
                                        : Arbitraries.of("web-1", "worker.local").optional(0.2),
                                extraHosts,
                                Arbitraries.of("10.0.0.2", "1.1.1.1").list().ofMaxSize(2).uniqueElements(),
                                Arbitraries.of("svc.local", "example.internal").list().ofMaxSize(2).uniqueElements(),
                                Arbitraries.of("no-new-privileges", "apparmor:docker-default", "label:type:svirt_t")
                                        .list().ofMaxSize(2).uniqueElements(),
                                sysctls, envFiles)
                                .as(ContainerOptions.Docker::new),
                        Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                                Arbitraries.of(true, false), Arbitraries.of(true, false),
                                fargate ? Arbitraries.just(false) : Arbitraries.of(true, false))
                                .as(ContainerOptions.Switches::new),
                        Combinators.combine(Arbitraries.of("arn:aws:secretsmanager:eu-west-1:123456789012:secret:reg")
                                        .optional(0.2),
                                Arbitraries.of(ContainerDefinition.VersionConsistency.class),
                                Arbitraries.of("credentialspec:file://gmsa.json",
                                        "credentialspecdomainless:arn:aws:s3:::bucket/gmsa.json").list().ofMaxSize(1),
                                gpus)
                                .as(ContainerOptions.Integrations::new))
                .as(ContainerOptions::new);
    }

    /** The options {@link #containerOptions} draws, applied by {@link #apply}. */
    record ContainerOptions(Docker docker, Switches switches, Integrations integrations) {

        record Docker(Optional<LinuxParameters> linuxParameters, Optional<String> hostname, List<HostEntry> extraHosts,
                      List<String> dnsServers, List<String> dnsSearchDomains, List<String> securityOptions,
                      List<SystemControl> systemControls, List<EnvironmentFile> environmentFiles) {
        }

        record Switches(boolean readonlyRootFilesystem, boolean interactive, boolean pseudoTerminal,
                        boolean disableNetworking, boolean privileged) {
        }

        record Integrations(Optional<String> repositoryCredentials,
                            ContainerDefinition.VersionConsistency versionConsistency, List<String> credentialSpecs,
                            Optional<ResourceRequirement> gpus) {
        }

        ContainerDefinition.Builder apply(ContainerDefinition.Builder b) {
            docker.linuxParameters().ifPresent(b::linuxParameters);
            docker.hostname().ifPresent(b::hostname);
            b.extraHosts(docker.extraHosts()).dnsServers(docker.dnsServers())
                    .dnsSearchDomains(docker.dnsSearchDomains()).dockerSecurityOptions(docker.securityOptions())
                    .systemControls(docker.systemControls()).environmentFiles(docker.environmentFiles());
            b.readonlyRootFilesystem(switches.readonlyRootFilesystem()).interactive(switches.interactive())
                    .pseudoTerminal(switches.pseudoTerminal()).disableNetworking(switches.disableNetworking())
                    .privileged(switches.privileged());
            integrations.repositoryCredentials().ifPresent(b::repositoryCredentials);
            b.versionConsistency(integrations.versionConsistency()).credentialSpecs(integrations.credentialSpecs());
            integrations.gpus().ifPresent(b::resourceRequirement);
            return b;
        }
    }

    static FirelensConfiguration firelens(boolean fluentBit, boolean metadata) {
        return new FirelensConfiguration(fluentBit ? FirelensConfiguration.Type.FLUENTBIT
                : FirelensConfiguration.Type.FLUENTD, metadata ? Map.of() : Map.of("enable-ecs-log-metadata", "false"));
    }
}
