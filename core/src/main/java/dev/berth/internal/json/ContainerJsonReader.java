package dev.berth.internal.json;

import static dev.berth.internal.json.EcsSchemas.DEPENDENCY;
import static dev.berth.internal.json.EcsSchemas.DEVICE;
import static dev.berth.internal.json.EcsSchemas.ENVIRONMENT_FILE;
import static dev.berth.internal.json.EcsSchemas.ENVIRONMENT_VARIABLE;
import static dev.berth.internal.json.EcsSchemas.FIRELENS_CONFIGURATION;
import static dev.berth.internal.json.EcsSchemas.HEALTH_CHECK;
import static dev.berth.internal.json.EcsSchemas.HOST_ENTRY;
import static dev.berth.internal.json.EcsSchemas.KERNEL_CAPABILITIES;
import static dev.berth.internal.json.EcsSchemas.LINUX_PARAMETERS;
import static dev.berth.internal.json.EcsSchemas.LOG_CONFIGURATION;
import static dev.berth.internal.json.EcsSchemas.MOUNT_POINT;
import static dev.berth.internal.json.EcsSchemas.NVIDIA_MPS;
import static dev.berth.internal.json.EcsSchemas.PORT_MAPPING;
import static dev.berth.internal.json.EcsSchemas.REPOSITORY_CREDENTIALS;
import static dev.berth.internal.json.EcsSchemas.RESOURCE_REQUIREMENT;
import static dev.berth.internal.json.EcsSchemas.RESTART_POLICY;
import static dev.berth.internal.json.EcsSchemas.SECRET;
import static dev.berth.internal.json.EcsSchemas.SHARING_STRATEGY;
import static dev.berth.internal.json.EcsSchemas.SYSTEM_CONTROL;
import static dev.berth.internal.json.EcsSchemas.TMPFS;
import static dev.berth.internal.json.EcsSchemas.ULIMIT;
import static dev.berth.internal.json.EcsSchemas.VOLUME_FROM;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.DependencyCondition;
import dev.berth.model.Device;
import dev.berth.model.EnvironmentFile;
import dev.berth.model.EnvironmentVariable;
import dev.berth.model.FirelensConfiguration;
import dev.berth.model.HealthCheck;
import dev.berth.model.HostEntry;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads one container definition of ECS's task-definition JSON, with every part of it. */
final class ContainerJsonReader {

    private static final Map<String, Protocol> PROTOCOLS = EnumNames.byName(Protocol.values(), Protocol::ecsName);
    private static final Map<String, DependencyCondition> CONDITIONS =
            EnumNames.byName(DependencyCondition.values(), Enum::name);
    private static final Map<String, ContainerDefinition.VersionConsistency> VERSION_CONSISTENCIES =
            EnumNames.byName(ContainerDefinition.VersionConsistency.values(),
                    ContainerDefinition.VersionConsistency::ecsName);
    private static final Map<String, Device.Permission> DEVICE_PERMISSIONS =
            EnumNames.byName(Device.Permission.values(), Device.Permission::ecsName);
    private static final Map<String, ResourceRequirement.Type> RESOURCE_TYPES =
            EnumNames.byName(ResourceRequirement.Type.values(), ResourceRequirement.Type::ecsName);
    private static final Map<String, FirelensConfiguration.Type> FIRELENS_TYPES =
            EnumNames.byName(FirelensConfiguration.Type.values(), FirelensConfiguration.Type::ecsName);
    private static final Map<String, EnvironmentFile.Type> ENVIRONMENT_FILE_TYPES =
            EnumNames.byName(EnvironmentFile.Type.values(), EnvironmentFile.Type::ecsName);

    /** The {@code capabilities} object of {@code linuxParameters}, which the model keeps as two lists. */
    private record KernelCapabilities(List<String> add, List<String> drop) {
    }

    private ContainerJsonReader() {
    }

    static Optional<ContainerDefinition> container(Fields c) {
        ContainerDefinition.Builder b = ContainerDefinition.builder(c.string("name").orElse(""));
        b.image(c.string("image").orElse(""));
        c.object("repositoryCredentials", REPOSITORY_CREDENTIALS, ContainerJsonReader::repositoryCredentials)
                .ifPresent(r -> b.repositoryCredentials(r.credentialsParameter()));
        c.integer("cpu").ifPresent(b::cpu);
        c.integer("memory").ifPresent(b::memoryMiB);
        c.integer("memoryReservation").ifPresent(b::memoryReservationMiB);
        b.links(c.strings("links"));
        b.portMappings(c.objects("portMappings", PORT_MAPPING, ContainerJsonReader::portMapping));
        c.bool("essential").ifPresent(b::essential);
        c.object("restartPolicy", RESTART_POLICY, ContainerJsonReader::restartPolicy).ifPresent(b::restartPolicy);
        b.entryPoint(c.strings("entryPoint"));
        b.command(c.strings("command"));
        b.environment(c.objects("environment", ENVIRONMENT_VARIABLE, ContainerJsonReader::environmentVariable));
        b.environmentFiles(c.objects("environmentFiles", ENVIRONMENT_FILE, ContainerJsonReader::environmentFile));
        b.mountPoints(c.objects("mountPoints", MOUNT_POINT, ContainerJsonReader::mountPoint));
        b.volumesFrom(c.objects("volumesFrom", VOLUME_FROM, ContainerJsonReader::volumeFrom));
        c.object("linuxParameters", LINUX_PARAMETERS, ContainerJsonReader::linuxParameters)
                .ifPresent(b::linuxParameters);
        b.secrets(c.objects("secrets", SECRET, ContainerJsonReader::secret));
        b.dependsOn(c.objects("dependsOn", DEPENDENCY, ContainerJsonReader::dependency));
        c.seconds("startTimeout").ifPresent(b::startTimeout);
        c.seconds("stopTimeout").ifPresent(b::stopTimeout);
        c.enumValue("versionConsistency", VERSION_CONSISTENCIES).ifPresent(b::versionConsistency);
        c.string("hostname").ifPresent(b::hostname);
        c.string("user").ifPresent(b::user);
        c.string("workingDirectory").ifPresent(b::workingDirectory);
        c.bool("disableNetworking").ifPresent(b::disableNetworking);
        c.bool("privileged").ifPresent(b::privileged);
        c.bool("readonlyRootFilesystem").ifPresent(b::readonlyRootFilesystem);
        b.dnsServers(c.strings("dnsServers"));
        b.dnsSearchDomains(c.strings("dnsSearchDomains"));
        b.extraHosts(c.objects("extraHosts", HOST_ENTRY, ContainerJsonReader::hostEntry));
        b.dockerSecurityOptions(c.strings("dockerSecurityOptions"));
        c.bool("interactive").ifPresent(b::interactive);
        c.bool("pseudoTerminal").ifPresent(b::pseudoTerminal);
        b.dockerLabels(c.stringMap("dockerLabels"));
        b.ulimits(c.objects("ulimits", ULIMIT, ContainerJsonReader::ulimit));
        c.object("logConfiguration", LOG_CONFIGURATION, ContainerJsonReader::logConfiguration)
                .ifPresent(b::logConfiguration);
        c.object("healthCheck", HEALTH_CHECK, ContainerJsonReader::healthCheck).ifPresent(b::healthCheck);
        b.systemControls(c.objects("systemControls", SYSTEM_CONTROL, ContainerJsonReader::systemControl));
        b.resourceRequirements(c.objects("resourceRequirements", RESOURCE_REQUIREMENT,
                ContainerJsonReader::resourceRequirement));
        c.object("firelensConfiguration", FIRELENS_CONFIGURATION, ContainerJsonReader::firelensConfiguration)
                .ifPresent(b::firelensConfiguration);
        b.credentialSpecs(c.strings("credentialSpecs"));
        return Optional.of(b.build());
    }

    /** A mapping has a {@code containerPort} or a {@code containerPortRange}; which is checked with the model. */
    private static Optional<PortMapping> portMapping(Fields p) {
        if (!p.has("containerPortRange")) {
            p.require("containerPort");
        }
        Optional<String> range = p.string("containerPortRange");
        OptionalInt containerPort = p.integer("containerPort");
        int hostPort = p.integer("hostPort").orElse(0);
        Protocol protocol = p.enumValue("protocol", PROTOCOLS).orElse(Protocol.TCP);
        Optional<String> name = p.string("name");
        Optional<String> appProtocol = p.string("appProtocol");
        if (containerPort.isEmpty() && range.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PortMapping(containerPort.orElse(0), hostPort, protocol, name, appProtocol, range));
    }

    private static Optional<RestartPolicy> restartPolicy(Fields r) {
        r.require("enabled");
        Optional<Boolean> enabled = r.bool("enabled");
        List<Integer> ignoredExitCodes = r.integers("ignoredExitCodes");
        Optional<Duration> period = r.seconds("restartAttemptPeriod");
        return enabled.map(e -> new RestartPolicy(e, ignoredExitCodes, period));
    }

    private static Optional<EnvironmentVariable> environmentVariable(Fields e) {
        e.require("name");
        Optional<String> value = e.confidentialString("value");
        return e.string("name").map(name -> new EnvironmentVariable(name, value.orElse("")));
    }

    private static Optional<EnvironmentFile> environmentFile(Fields f) {
        f.require("value", "type");
        Optional<EnvironmentFile.Type> type = f.enumValue("type", ENVIRONMENT_FILE_TYPES);
        return f.string("value").flatMap(value -> type.map(t -> new EnvironmentFile(value, t)));
    }

    private static Optional<RepositoryCredentials> repositoryCredentials(Fields r) {
        r.require("credentialsParameter");
        return r.string("credentialsParameter").map(RepositoryCredentials::new);
    }

    /** ECS's API marks no field of a mount point required: a missing one is reported by the model's rules. */
    private static Optional<MountPoint> mountPoint(Fields m) {
        return Optional.of(new MountPoint(m.string("sourceVolume").orElse(""), m.string("containerPath").orElse(""),
                m.bool("readOnly").orElse(false)));
    }

    private static Optional<VolumeFrom> volumeFrom(Fields v) {
        return Optional.of(new VolumeFrom(v.string("sourceContainer").orElse(""), v.bool("readOnly").orElse(false)));
    }

    private static Optional<LinuxParameters> linuxParameters(Fields l) {
        LinuxParameters.Builder b = LinuxParameters.builder();
        l.object("capabilities", KERNEL_CAPABILITIES, caps -> Optional.of(new KernelCapabilities(caps.strings("add"),
                caps.strings("drop")))).ifPresent(caps -> b.capabilitiesAdd(caps.add()).capabilitiesDrop(caps.drop()));
        b.devices(l.objects("devices", DEVICE, ContainerJsonReader::device));
        l.bool("initProcessEnabled").ifPresent(b::initProcessEnabled);
        l.integer("sharedMemorySize").ifPresent(b::sharedMemorySizeMiB);
        b.tmpfs(l.objects("tmpfs", TMPFS, ContainerJsonReader::tmpfs));
        l.integer("maxSwap").ifPresent(b::maxSwapMiB);
        l.integer("swappiness").ifPresent(b::swappiness);
        return Optional.of(b.build());
    }

    private static Optional<Device> device(Fields d) {
        d.require("hostPath");
        Optional<String> containerPath = d.string("containerPath");
        List<Device.Permission> permissions = d.enumValues("permissions", DEVICE_PERMISSIONS);
        return d.string("hostPath").map(hostPath -> new Device(hostPath, containerPath, permissions));
    }

    private static Optional<Tmpfs> tmpfs(Fields t) {
        t.require("containerPath", "size");
        OptionalInt size = t.integer("size");
        List<String> options = t.strings("mountOptions");
        return t.string("containerPath").flatMap(path -> size.isPresent()
                ? Optional.of(new Tmpfs(path, size.getAsInt(), options)) : Optional.empty());
    }

    private static Optional<HostEntry> hostEntry(Fields h) {
        h.require("hostname", "ipAddress");
        Optional<String> ipAddress = h.string("ipAddress");
        return h.string("hostname").flatMap(name -> ipAddress.map(ip -> new HostEntry(name, ip)));
    }

    private static Optional<Secret> secret(Fields s) {
        s.require("name", "valueFrom");
        Optional<String> valueFrom = s.string("valueFrom");
        return s.string("name").flatMap(name -> valueFrom.map(from -> new Secret(name, from)));
    }

    private static Optional<ContainerDependency> dependency(Fields d) {
        d.require("containerName", "condition");
        Optional<DependencyCondition> condition = d.enumValue("condition", CONDITIONS);
        return d.string("containerName").flatMap(name -> condition.map(cond -> new ContainerDependency(name, cond)));
    }

    private static Optional<Ulimit> ulimit(Fields u) {
        u.require("name", "softLimit", "hardLimit");
        Optional<String> name = u.string("name");
        OptionalInt soft = u.integer("softLimit");
        OptionalInt hard = u.integer("hardLimit");
        if (name.isEmpty() || soft.isEmpty() || hard.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Ulimit(name.get(), soft.getAsInt(), hard.getAsInt()));
    }

    private static Optional<LogConfiguration> logConfiguration(Fields l) {
        l.require("logDriver");
        Map<String, String> options = l.stringMap("options");
        List<Secret> secretOptions = l.objects("secretOptions", SECRET, ContainerJsonReader::secret);
        return l.string("logDriver").map(driver -> new LogConfiguration(driver, options, secretOptions));
    }

    private static Optional<HealthCheck> healthCheck(Fields h) {
        h.require("command");
        List<String> command = h.strings("command");
        Duration interval = h.seconds("interval").orElse(HealthCheck.DEFAULT_INTERVAL);
        Duration timeout = h.seconds("timeout").orElse(HealthCheck.DEFAULT_TIMEOUT);
        int retries = h.integer("retries").orElse(HealthCheck.DEFAULT_RETRIES);
        Optional<Duration> startPeriod = h.seconds("startPeriod");
        return Optional.of(new HealthCheck(command, interval, timeout, retries, startPeriod));
    }

    private static Optional<SystemControl> systemControl(Fields s) {
        return Optional.of(new SystemControl(s.string("namespace").orElse(""), s.string("value").orElse("")));
    }

    private static Optional<ResourceRequirement> resourceRequirement(Fields r) {
        r.require("value", "type");
        Optional<String> value = r.string("value");
        Optional<ResourceRequirement.Type> type = r.enumValue("type", RESOURCE_TYPES);
        Optional<ResourceRequirement.NvidiaMps> mps = r.object("sharingStrategy", SHARING_STRATEGY,
                strategy -> strategy.object("nvidiaMps", NVIDIA_MPS, m -> Optional.of(
                        new ResourceRequirement.NvidiaMps(m.integer("memory"), m.integer("maxComputePercent")))));
        return value.flatMap(v -> type.map(t -> new ResourceRequirement(t, v, mps)));
    }

    private static Optional<FirelensConfiguration> firelensConfiguration(Fields f) {
        f.require("type");
        Map<String, String> options = f.stringMap("options");
        return f.enumValue("type", FIRELENS_TYPES).map(type -> new FirelensConfiguration(type, options));
    }
}
