package dev.berth.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One container of a task definition, with every field of ECS's {@code ContainerDefinition}.
 *
 * <p>The constructor only checks structure (no nulls, immutable copies). ECS's rules, such as memory limits,
 * health-check ranges and dependency targets, are checked by {@link TaskDefinition}, which reports every problem
 * of the whole definition at once with the path of the bad field.
 *
 * @param name unique within the task definition
 * @param image the image to run
 * @param cpu CPU units reserved (1,024 = 1 vCPU); 0 = no reservation (ECS's default)
 * @param memoryMiB hard memory limit in MiB; the container is killed when it exceeds it
 * @param memoryReservationMiB soft memory limit in MiB; what placement reserves when set
 * @param essential whether the task stops when this container exits (ECS's default: true)
 * @param portMappings ports published on the host
 * @param environment plain environment variables
 * @param secrets environment variables read from a secret store at start
 * @param command Docker {@code Cmd}; empty = the image's
 * @param entryPoint Docker {@code Entrypoint}; empty = the image's
 * @param workingDirectory working directory; empty = the image's
 * @param user user (and group) to run as; empty = the image's
 * @param healthCheck health check; it overrides any {@code HEALTHCHECK} of the image
 * @param dependsOn start-up dependencies on other containers of the task
 * @param startTimeout how long to wait for dependencies before giving up on this container
 * @param stopTimeout grace between SIGTERM and SIGKILL; empty = the backend's default (30 s)
 * @param restartPolicy in-place restart of this container when it exits
 * @param links {@code name} or {@code name:alias} of other containers (bridge mode only)
 * @param logConfiguration log driver and options
 * @param dockerLabels labels put on the container
 * @param ulimits resource limits
 * @param repositoryCredentials the secret the image is pulled with from a private registry
 * @param environmentFiles files of {@code VARIABLE=value} lines set as environment variables at start
 * @param mountPoints volumes of the task mounted into the container
 * @param volumesFrom other containers of the task whose volumes are mounted at the same paths
 * @param linuxParameters init process, kernel capabilities, devices, shared memory, tmpfs and swap
 * @param versionConsistency whether the image tag is resolved to a digest once for all tasks (ECS's default:
 *     enabled); on Docker the tag is resolved per the pull policy
 * @param hostname the container's hostname; empty = Docker's (not allowed with awsvpc)
 * @param disableNetworking whether the container has no network at all
 * @param privileged whether the container runs privileged (not on Fargate)
 * @param readonlyRootFilesystem whether the container's root file system is read-only
 * @param dnsServers DNS servers of the container
 * @param dnsSearchDomains DNS search domains of the container
 * @param extraHosts lines added to the container's {@code /etc/hosts} (not allowed with awsvpc)
 * @param dockerSecurityOptions {@code no-new-privileges}, {@code apparmor:PROFILE}, {@code label:value} or
 *     {@code credentialspec:...}
 * @param interactive whether stdin stays open ({@code docker run -i})
 * @param pseudoTerminal whether a TTY is allocated ({@code docker run -t})
 * @param systemControls namespaced kernel parameters
 * @param resourceRequirements GPUs, inference accelerators and Neuron devices the container needs
 * @param firelensConfiguration makes this container the task's FireLens log router
 * @param credentialSpecs Active Directory credential specs for gMSA
 */
public record ContainerDefinition(
        String name,
        ImageRef image,
        int cpu,
        OptionalInt memoryMiB,
        OptionalInt memoryReservationMiB,
        boolean essential,
        List<PortMapping> portMappings,
        List<EnvironmentVariable> environment,
        List<Secret> secrets,
        List<String> command,
        List<String> entryPoint,
        Optional<String> workingDirectory,
        Optional<String> user,
        Optional<HealthCheck> healthCheck,
        List<ContainerDependency> dependsOn,
        Optional<Duration> startTimeout,
        Optional<Duration> stopTimeout,
        Optional<RestartPolicy> restartPolicy,
        List<String> links,
        Optional<LogConfiguration> logConfiguration,
        Map<String, String> dockerLabels,
        List<Ulimit> ulimits,
        Optional<RepositoryCredentials> repositoryCredentials,
        List<EnvironmentFile> environmentFiles,
        List<MountPoint> mountPoints,
        List<VolumeFrom> volumesFrom,
        Optional<LinuxParameters> linuxParameters,
        VersionConsistency versionConsistency,
        Optional<String> hostname,
        boolean disableNetworking,
        boolean privileged,
        boolean readonlyRootFilesystem,
        List<String> dnsServers,
        List<String> dnsSearchDomains,
        List<HostEntry> extraHosts,
        List<String> dockerSecurityOptions,
        boolean interactive,
        boolean pseudoTerminal,
        List<SystemControl> systemControls,
        List<ResourceRequirement> resourceRequirements,
        Optional<FirelensConfiguration> firelensConfiguration,
        List<String> credentialSpecs) {

    /** Whether ECS resolves a container's image tag to a digest once, for every task of a deployment. */
    public enum VersionConsistency {
        /** Resolved once (ECS's default). */
        ENABLED,
        /** Resolved at every task start. */
        DISABLED;

        /** @return ECS's spelling, {@code enabled} or {@code disabled} */
        public String ecsName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Copies the collections, so that the record stays immutable, and drops {@code linuxParameters} that change
     * nothing.
     *
     * @throws NullPointerException if a required component is null
     */
    public ContainerDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(memoryMiB, "memoryMiB");
        Objects.requireNonNull(memoryReservationMiB, "memoryReservationMiB");
        portMappings = List.copyOf(portMappings);
        environment = List.copyOf(environment);
        secrets = List.copyOf(secrets);
        command = List.copyOf(command);
        entryPoint = List.copyOf(entryPoint);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(healthCheck, "healthCheck");
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(restartPolicy, "restartPolicy");
        links = List.copyOf(links);
        Objects.requireNonNull(logConfiguration, "logConfiguration");
        dockerLabels = Collections.unmodifiableMap(new LinkedHashMap<>(dockerLabels));
        ulimits = List.copyOf(ulimits);
        Objects.requireNonNull(repositoryCredentials, "repositoryCredentials");
        environmentFiles = List.copyOf(environmentFiles);
        mountPoints = List.copyOf(mountPoints);
        volumesFrom = List.copyOf(volumesFrom);
        // Parameters that change nothing are no parameters, as ECS treats an empty linuxParameters object.
        linuxParameters = linuxParameters.filter(p -> !p.isEmpty());
        Objects.requireNonNull(versionConsistency, "versionConsistency");
        Objects.requireNonNull(hostname, "hostname");
        dnsServers = List.copyOf(dnsServers);
        dnsSearchDomains = List.copyOf(dnsSearchDomains);
        extraHosts = List.copyOf(extraHosts);
        dockerSecurityOptions = List.copyOf(dockerSecurityOptions);
        systemControls = List.copyOf(systemControls);
        resourceRequirements = List.copyOf(resourceRequirements);
        Objects.requireNonNull(firelensConfiguration, "firelensConfiguration");
        credentialSpecs = List.copyOf(credentialSpecs);
    }

    /** @return the GPUs the container needs: the sum of its {@code GPU} resource requirements' counts */
    public int gpuCount() {
        return resourceRequirements.stream().filter(r -> r.type() == ResourceRequirement.Type.GPU)
                .mapToInt(r -> parseCount(r.value())).sum();
    }

    private static int parseCount(String value) {
        try {
            return Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException notACount) {
            return 0; // rejected by the task definition's validation
        }
    }

    /** @return a builder for a container with ECS's defaults (essential, no reservation) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param name the container's name, unique in its task definition
     * @return a builder for a container with the given name
     */
    public static Builder builder(String name) {
        return new Builder().name(name);
    }

    /** @return a builder holding this container's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link ContainerDefinition}; bare property names, the last call for a single value wins. */
    public static final class Builder {
        private String name = "";
        private ImageRef image = ImageRef.parse("");
        private int cpu;
        private OptionalInt memoryMiB = OptionalInt.empty();
        private OptionalInt memoryReservationMiB = OptionalInt.empty();
        private boolean essential = true;
        private final List<PortMapping> portMappings = new ArrayList<>();
        private final List<EnvironmentVariable> environment = new ArrayList<>();
        private final List<Secret> secrets = new ArrayList<>();
        private List<String> command = List.of();
        private List<String> entryPoint = List.of();
        private Optional<String> workingDirectory = Optional.empty();
        private Optional<String> user = Optional.empty();
        private Optional<HealthCheck> healthCheck = Optional.empty();
        private final List<ContainerDependency> dependsOn = new ArrayList<>();
        private Optional<Duration> startTimeout = Optional.empty();
        private Optional<Duration> stopTimeout = Optional.empty();
        private Optional<RestartPolicy> restartPolicy = Optional.empty();
        private final List<String> links = new ArrayList<>();
        private Optional<LogConfiguration> logConfiguration = Optional.empty();
        private final Map<String, String> dockerLabels = new LinkedHashMap<>();
        private final List<Ulimit> ulimits = new ArrayList<>();
        private Optional<RepositoryCredentials> repositoryCredentials = Optional.empty();
        private final List<EnvironmentFile> environmentFiles = new ArrayList<>();
        private final List<MountPoint> mountPoints = new ArrayList<>();
        private final List<VolumeFrom> volumesFrom = new ArrayList<>();
        private Optional<LinuxParameters> linuxParameters = Optional.empty();
        private VersionConsistency versionConsistency = VersionConsistency.ENABLED;
        private Optional<String> hostname = Optional.empty();
        private boolean disableNetworking;
        private boolean privileged;
        private boolean readonlyRootFilesystem;
        private final List<String> dnsServers = new ArrayList<>();
        private final List<String> dnsSearchDomains = new ArrayList<>();
        private final List<HostEntry> extraHosts = new ArrayList<>();
        private final List<String> dockerSecurityOptions = new ArrayList<>();
        private boolean interactive;
        private boolean pseudoTerminal;
        private final List<SystemControl> systemControls = new ArrayList<>();
        private final List<ResourceRequirement> resourceRequirements = new ArrayList<>();
        private Optional<FirelensConfiguration> firelensConfiguration = Optional.empty();
        private final List<String> credentialSpecs = new ArrayList<>();

        private Builder() {
        }

        private Builder(ContainerDefinition c) {
            name = c.name;
            image = c.image;
            cpu = c.cpu;
            memoryMiB = c.memoryMiB;
            memoryReservationMiB = c.memoryReservationMiB;
            essential = c.essential;
            portMappings.addAll(c.portMappings);
            environment.addAll(c.environment);
            secrets.addAll(c.secrets);
            command = c.command;
            entryPoint = c.entryPoint;
            workingDirectory = c.workingDirectory;
            user = c.user;
            healthCheck = c.healthCheck;
            dependsOn.addAll(c.dependsOn);
            startTimeout = c.startTimeout;
            stopTimeout = c.stopTimeout;
            restartPolicy = c.restartPolicy;
            links.addAll(c.links);
            logConfiguration = c.logConfiguration;
            dockerLabels.putAll(c.dockerLabels);
            ulimits.addAll(c.ulimits);
            repositoryCredentials = c.repositoryCredentials;
            environmentFiles.addAll(c.environmentFiles);
            mountPoints.addAll(c.mountPoints);
            volumesFrom.addAll(c.volumesFrom);
            linuxParameters = c.linuxParameters;
            versionConsistency = c.versionConsistency;
            hostname = c.hostname;
            disableNetworking = c.disableNetworking;
            privileged = c.privileged;
            readonlyRootFilesystem = c.readonlyRootFilesystem;
            dnsServers.addAll(c.dnsServers);
            dnsSearchDomains.addAll(c.dnsSearchDomains);
            extraHosts.addAll(c.extraHosts);
            dockerSecurityOptions.addAll(c.dockerSecurityOptions);
            interactive = c.interactive;
            pseudoTerminal = c.pseudoTerminal;
            systemControls.addAll(c.systemControls);
            resourceRequirements.addAll(c.resourceRequirements);
            firelensConfiguration = c.firelensConfiguration;
            credentialSpecs.addAll(c.credentialSpecs);
        }

        /**
         * @param value unique container name within the task definition
         * @return this builder
         */
        public Builder name(String value) {
            name = Objects.requireNonNull(value, "name");
            return this;
        }

        /**
         * @param reference image reference, e.g. {@code busybox:1.36}
         * @return this builder
         */
        public Builder image(String reference) {
            return image(ImageRef.parse(reference));
        }

        /**
         * @param value image reference
         * @return this builder
         */
        public Builder image(ImageRef value) {
            image = Objects.requireNonNull(value, "image");
            return this;
        }

        /**
         * @param units CPU units reserved, 1,024 per vCPU
         * @return this builder
         */
        public Builder cpu(int units) {
            cpu = units;
            return this;
        }

        /**
         * @param mib hard memory limit
         * @return this builder
         */
        public Builder memoryMiB(int mib) {
            memoryMiB = OptionalInt.of(mib);
            return this;
        }

        /**
         * @param mib soft memory limit, what placement reserves
         * @return this builder
         */
        public Builder memoryReservationMiB(int mib) {
            memoryReservationMiB = OptionalInt.of(mib);
            return this;
        }

        /**
         * @param value whether the task stops when this container exits
         * @return this builder
         */
        public Builder essential(boolean value) {
            essential = value;
            return this;
        }

        /**
         * Publishes a tcp container port on a dynamic host port.
         *
         * @param containerPort the port the container listens on
         * @return this builder
         */
        public Builder portMapping(int containerPort) {
            return portMapping(PortMapping.of(containerPort));
        }

        /**
         * Publishes a tcp container port on a static host port.
         *
         * @param containerPort the port the container listens on
         * @param hostPort the host port it is published on
         * @return this builder
         */
        public Builder portMapping(int containerPort, int hostPort) {
            return portMapping(PortMapping.of(containerPort, hostPort));
        }

        /**
         * Adds a port mapping.
         *
         * @param mapping the mapping to add
         * @return this builder
         */
        public Builder portMapping(PortMapping mapping) {
            portMappings.add(Objects.requireNonNull(mapping, "mapping"));
            return this;
        }

        /**
         * Replaces all port mappings.
         *
         * @param mappings the new port mappings
         * @return this builder
         */
        public Builder portMappings(List<PortMapping> mappings) {
            portMappings.clear();
            portMappings.addAll(mappings);
            return this;
        }

        /**
         * Adds an environment variable.
         *
         * @param variable the variable's name
         * @param value its value
         * @return this builder
         */
        public Builder environment(String variable, String value) {
            environment.add(new EnvironmentVariable(variable, value));
            return this;
        }

        /**
         * Replaces all environment variables.
         *
         * @param variables the new environment variables
         * @return this builder
         */
        public Builder environment(List<EnvironmentVariable> variables) {
            environment.clear();
            environment.addAll(variables);
            return this;
        }

        /**
         * Adds a secret environment variable whose value is read from {@code valueFrom} at start.
         *
         * @param variable the variable's name
         * @param valueFrom where the value is read from, e.g. a secret's ARN or name
         * @return this builder
         */
        public Builder secret(String variable, String valueFrom) {
            secrets.add(new Secret(variable, valueFrom));
            return this;
        }

        /**
         * Replaces all secrets.
         *
         * @param values the new secrets
         * @return this builder
         */
        public Builder secrets(List<Secret> values) {
            secrets.clear();
            secrets.addAll(values);
            return this;
        }

        /**
         * @param args Docker {@code Cmd}
         * @return this builder
         */
        public Builder command(String... args) {
            return command(List.of(args));
        }

        /**
         * @param args Docker {@code Cmd}
         * @return this builder
         */
        public Builder command(List<String> args) {
            command = List.copyOf(args);
            return this;
        }

        /**
         * @param args Docker {@code Entrypoint}
         * @return this builder
         */
        public Builder entryPoint(String... args) {
            return entryPoint(List.of(args));
        }

        /**
         * @param args Docker {@code Entrypoint}
         * @return this builder
         */
        public Builder entryPoint(List<String> args) {
            entryPoint = List.copyOf(args);
            return this;
        }

        /**
         * @param directory working directory inside the container
         * @return this builder
         */
        public Builder workingDirectory(String directory) {
            workingDirectory = Optional.of(directory);
            return this;
        }

        /**
         * @param value user, {@code user}, {@code user:group}, {@code uid} or {@code uid:gid}
         * @return this builder
         */
        public Builder user(String value) {
            user = Optional.of(value);
            return this;
        }

        /**
         * @param check the container's health check
         * @return this builder
         */
        public Builder healthCheck(HealthCheck check) {
            healthCheck = Optional.of(check);
            return this;
        }

        /**
         * Adds a start-up dependency on another container of the task.
         *
         * @param containerName the container this one waits for
         * @param condition what that container must reach first, e.g. HEALTHY
         * @return this builder
         */
        public Builder dependsOn(String containerName, DependencyCondition condition) {
            dependsOn.add(new ContainerDependency(containerName, condition));
            return this;
        }

        /**
         * Replaces all start-up dependencies.
         *
         * @param dependencies the new dependencies
         * @return this builder
         */
        public Builder dependsOn(List<ContainerDependency> dependencies) {
            dependsOn.clear();
            dependsOn.addAll(dependencies);
            return this;
        }

        /**
         * @param timeout how long to wait for dependencies
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            startTimeout = Optional.of(timeout);
            return this;
        }

        /**
         * @param timeout grace between SIGTERM and SIGKILL
         * @return this builder
         */
        public Builder stopTimeout(Duration timeout) {
            stopTimeout = Optional.of(timeout);
            return this;
        }

        /**
         * @param policy in-place restart policy
         * @return this builder
         */
        public Builder restartPolicy(RestartPolicy policy) {
            restartPolicy = Optional.of(policy);
            return this;
        }

        /**
         * Adds a link, {@code name} or {@code name:alias}.
         *
         * @param link {@code name} or {@code name:alias} of another container of the task
         * @return this builder
         */
        public Builder link(String link) {
            links.add(Objects.requireNonNull(link, "link"));
            return this;
        }

        /**
         * Replaces all links.
         *
         * @param values the new links
         * @return this builder
         */
        public Builder links(List<String> values) {
            links.clear();
            links.addAll(values);
            return this;
        }

        /**
         * @param configuration log driver and options
         * @return this builder
         */
        public Builder logConfiguration(LogConfiguration configuration) {
            logConfiguration = Optional.of(configuration);
            return this;
        }

        /**
         * Adds a Docker label.
         *
         * @param key the label's key
         * @param value its value
         * @return this builder
         */
        public Builder dockerLabel(String key, String value) {
            dockerLabels.put(key, value);
            return this;
        }

        /**
         * Replaces all Docker labels.
         *
         * @param labels the new labels
         * @return this builder
         */
        public Builder dockerLabels(Map<String, String> labels) {
            dockerLabels.clear();
            dockerLabels.putAll(labels);
            return this;
        }

        /**
         * Adds a ulimit.
         *
         * @param limit the ulimit to add
         * @return this builder
         */
        public Builder ulimit(Ulimit limit) {
            ulimits.add(Objects.requireNonNull(limit, "limit"));
            return this;
        }

        /**
         * Replaces all ulimits.
         *
         * @param limits the new ulimits
         * @return this builder
         */
        public Builder ulimits(List<Ulimit> limits) {
            ulimits.clear();
            ulimits.addAll(limits);
            return this;
        }

        /**
         * @param credentialsParameter the secret the image is pulled with from a private registry
         * @return this builder
         */
        public Builder repositoryCredentials(String credentialsParameter) {
            repositoryCredentials = Optional.of(new RepositoryCredentials(credentialsParameter));
            return this;
        }

        /**
         * Adds an environment file.
         *
         * @param file where the file lives
         * @return this builder
         */
        public Builder environmentFile(EnvironmentFile file) {
            environmentFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Replaces all environment files.
         *
         * @param files the new environment files, the first to set a variable wins
         * @return this builder
         */
        public Builder environmentFiles(List<EnvironmentFile> files) {
            environmentFiles.clear();
            environmentFiles.addAll(files);
            return this;
        }

        /**
         * Mounts a volume of the task read-write.
         *
         * @param sourceVolume the volume's name
         * @param containerPath where it is mounted
         * @return this builder
         */
        public Builder mountPoint(String sourceVolume, String containerPath) {
            return mountPoint(MountPoint.of(sourceVolume, containerPath));
        }

        /**
         * Adds a mount point.
         *
         * @param mountPoint the mount point
         * @return this builder
         */
        public Builder mountPoint(MountPoint mountPoint) {
            mountPoints.add(Objects.requireNonNull(mountPoint, "mountPoint"));
            return this;
        }

        /**
         * Replaces all mount points.
         *
         * @param values the new mount points
         * @return this builder
         */
        public Builder mountPoints(List<MountPoint> values) {
            mountPoints.clear();
            mountPoints.addAll(values);
            return this;
        }

        /**
         * Mounts the volumes of another container of the task.
         *
         * @param sourceContainer the other container
         * @param readOnly whether this container can only read them
         * @return this builder
         */
        public Builder volumesFrom(String sourceContainer, boolean readOnly) {
            volumesFrom.add(new VolumeFrom(sourceContainer, readOnly));
            return this;
        }

        /**
         * Replaces all volumes-from entries.
         *
         * @param values the new entries
         * @return this builder
         */
        public Builder volumesFrom(List<VolumeFrom> values) {
            volumesFrom.clear();
            volumesFrom.addAll(values);
            return this;
        }

        /**
         * @param parameters init process, capabilities, devices, shared memory, tmpfs and swap
         * @return this builder
         */
        public Builder linuxParameters(LinuxParameters parameters) {
            linuxParameters = Optional.of(parameters);
            return this;
        }

        /**
         * @param value whether the image tag is resolved to a digest once
         * @return this builder
         */
        public Builder versionConsistency(VersionConsistency value) {
            versionConsistency = Objects.requireNonNull(value, "versionConsistency");
            return this;
        }

        /**
         * @param value the container's hostname
         * @return this builder
         */
        public Builder hostname(String value) {
            hostname = Optional.of(value);
            return this;
        }

        /**
         * @param value whether the container has no network at all
         * @return this builder
         */
        public Builder disableNetworking(boolean value) {
            disableNetworking = value;
            return this;
        }

        /**
         * @param value whether the container runs privileged
         * @return this builder
         */
        public Builder privileged(boolean value) {
            privileged = value;
            return this;
        }

        /**
         * @param value whether the root file system is read-only
         * @return this builder
         */
        public Builder readonlyRootFilesystem(boolean value) {
            readonlyRootFilesystem = value;
            return this;
        }

        /**
         * @param servers DNS server addresses, replacing those set before
         * @return this builder
         */
        public Builder dnsServers(List<String> servers) {
            dnsServers.clear();
            dnsServers.addAll(servers);
            return this;
        }

        /**
         * @param domains DNS search domains, replacing those set before
         * @return this builder
         */
        public Builder dnsSearchDomains(List<String> domains) {
            dnsSearchDomains.clear();
            dnsSearchDomains.addAll(domains);
            return this;
        }

        /**
         * Adds a line to the container's {@code /etc/hosts}.
         *
         * @param hostname the name
         * @param ipAddress the address it resolves to
         * @return this builder
         */
        public Builder extraHost(String hostname, String ipAddress) {
            extraHosts.add(new HostEntry(hostname, ipAddress));
            return this;
        }

        /**
         * @param entries the lines added to {@code /etc/hosts}, replacing those set before
         * @return this builder
         */
        public Builder extraHosts(List<HostEntry> entries) {
            extraHosts.clear();
            extraHosts.addAll(entries);
            return this;
        }

        /**
         * @param options security options such as {@code no-new-privileges}, replacing those set before
         * @return this builder
         */
        public Builder dockerSecurityOptions(List<String> options) {
            dockerSecurityOptions.clear();
            dockerSecurityOptions.addAll(options);
            return this;
        }

        /**
         * @param value whether stdin stays open
         * @return this builder
         */
        public Builder interactive(boolean value) {
            interactive = value;
            return this;
        }

        /**
         * @param value whether a TTY is allocated
         * @return this builder
         */
        public Builder pseudoTerminal(boolean value) {
            pseudoTerminal = value;
            return this;
        }

        /**
         * Sets a namespaced kernel parameter.
         *
         * @param namespace the parameter, e.g. {@code net.core.somaxconn}
         * @param value its value
         * @return this builder
         */
        public Builder systemControl(String namespace, String value) {
            systemControls.add(new SystemControl(namespace, value));
            return this;
        }

        /**
         * @param values the kernel parameters, replacing those set before
         * @return this builder
         */
        public Builder systemControls(List<SystemControl> values) {
            systemControls.clear();
            systemControls.addAll(values);
            return this;
        }

        /**
         * Adds a resource requirement.
         *
         * @param requirement e.g. {@link ResourceRequirement#gpus(int)}
         * @return this builder
         */
        public Builder resourceRequirement(ResourceRequirement requirement) {
            resourceRequirements.add(Objects.requireNonNull(requirement, "requirement"));
            return this;
        }

        /**
         * @param values the resource requirements, replacing those set before
         * @return this builder
         */
        public Builder resourceRequirements(List<ResourceRequirement> values) {
            resourceRequirements.clear();
            resourceRequirements.addAll(values);
            return this;
        }

        /**
         * @param configuration makes this container the task's FireLens log router
         * @return this builder
         */
        public Builder firelensConfiguration(FirelensConfiguration configuration) {
            firelensConfiguration = Optional.of(configuration);
            return this;
        }

        /**
         * @param specs credential specs for gMSA, replacing those set before
         * @return this builder
         */
        public Builder credentialSpecs(List<String> specs) {
            credentialSpecs.clear();
            credentialSpecs.addAll(specs);
            return this;
        }

        /**
         * @return the container definition; ECS's rules are checked when a task definition is built from it
         * @throws NullPointerException if no image is set
         */
        public ContainerDefinition build() {
            return new ContainerDefinition(name, image, cpu, memoryMiB, memoryReservationMiB, essential,
                    portMappings, environment, secrets, command, entryPoint, workingDirectory, user, healthCheck,
                    dependsOn, startTimeout, stopTimeout, restartPolicy, links, logConfiguration, dockerLabels,
                    ulimits, repositoryCredentials, environmentFiles, mountPoints, volumesFrom, linuxParameters,
                    versionConsistency, hostname, disableNetworking, privileged, readonlyRootFilesystem, dnsServers,
                    dnsSearchDomains, extraHosts, dockerSecurityOptions, interactive, pseudoTerminal, systemControls,
                    resourceRequirements, firelensConfiguration, credentialSpecs);
        }
    }
}
