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
 * One container of a task definition, with the fields of ECS's {@code ContainerDefinition} that Berth models.
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
        List<Ulimit> ulimits) {

    /**
     * Copies the collections, so that the record stays immutable.
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
         * @return the container definition; ECS's rules are checked when a task definition is built from it
         * @throws NullPointerException if no image is set
         */
        public ContainerDefinition build() {
            return new ContainerDefinition(name, image, cpu, memoryMiB, memoryReservationMiB, essential,
                    portMappings, environment, secrets, command, entryPoint, workingDirectory, user, healthCheck,
                    dependsOn, startTimeout, stopTimeout, restartPolicy, links, logConfiguration, dockerLabels,
                    ulimits);
        }
    }
}
