package dev.berth.model;

import dev.berth.model.internal.TaskDefinitionValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What to run: a family of one to ten containers with task-level settings, as ECS's
 * {@code RegisterTaskDefinition} takes it. Registering it gives a revision ({@link RegisteredTaskDefinition}).
 *
 * <p>The constructor rejects exactly what ECS rejects at registration (container count, names, essential
 * containers, memory rules, Fargate sizes, health-check ranges, dependencies, port rules per network mode,
 * links) and reports every problem at once in one {@link dev.berth.exception.InvalidSpecException}, each with
 * the path of the bad field in ECS's JSON format.
 *
 * <pre>{@code
 * TaskDefinition web = TaskDefinition.builder("web")
 *     .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)
 *         .command("httpd", "-f", "-p", "8080").portMapping(8080))
 *     .build();
 * }</pre>
 *
 * @param family name shared by all revisions: up to 255 letters, digits, underscores and hyphens
 * @param containerDefinitions the containers, 1 to 10
 * @param cpu task-level CPU units; required for Fargate
 * @param memoryMiB task-level memory in MiB; required for Fargate
 * @param networkMode Docker network mode (ECS's default: bridge)
 * @param requiresCompatibilities launch types the definition must be valid for
 * @param placementConstraints {@code memberOf} constraints applied to every task of this definition
 * @param taskRoleArn IAM role the containers assume (AWS only)
 * @param executionRoleArn IAM role the agent uses to pull images and read secrets (AWS only)
 * @param pidMode {@code host} or {@code task}; empty = a PID namespace per container
 * @param ipcMode {@code host}, {@code task} or {@code none}; empty = a private IPC namespace per container
 * @param tags resource tags, at most 50
 * @param volumes data volumes the containers mount
 * @param proxyConfiguration an App Mesh proxy for the task's traffic
 * @param inferenceAccelerators Elastic Inference accelerators of the task
 * @param ephemeralStorageGiB task storage on Fargate, 21-200 GiB; empty = Fargate's default (20 GiB)
 * @param runtimePlatform the CPU architecture and operating system the containers are built for
 * @param enableFaultInjection whether the task's containers may inject faults through the task metadata endpoint
 */
public record TaskDefinition(
        String family,
        List<ContainerDefinition> containerDefinitions,
        OptionalInt cpu,
        OptionalInt memoryMiB,
        NetworkMode networkMode,
        Set<Compatibility> requiresCompatibilities,
        List<PlacementConstraint> placementConstraints,
        Optional<String> taskRoleArn,
        Optional<String> executionRoleArn,
        Optional<String> pidMode,
        Optional<String> ipcMode,
        List<Tag> tags,
        List<Volume> volumes,
        Optional<ProxyConfiguration> proxyConfiguration,
        List<InferenceAccelerator> inferenceAccelerators,
        OptionalInt ephemeralStorageGiB,
        Optional<RuntimePlatform> runtimePlatform,
        boolean enableFaultInjection) {

    /**
     * Checks structure (no nulls, immutable copies) and then every ECS registration rule at once.
     *
     * @param family name shared by all revisions: up to 255 letters, digits, underscores and hyphens
     * @param containerDefinitions the containers, 1 to 10
     * @param cpu task-level CPU units; required for Fargate
     * @param memoryMiB task-level memory in MiB; required for Fargate
     * @param networkMode Docker network mode (ECS's default: bridge)
     * @param requiresCompatibilities launch types the definition must be valid for
     * @param placementConstraints {@code memberOf} constraints applied to every task of this definition
     * @param taskRoleArn IAM role the containers assume (AWS only)
     * @param executionRoleArn IAM role the agent uses to pull images and read secrets (AWS only)
     * @param pidMode {@code host} or {@code task}; empty = a PID namespace per container
     * @param ipcMode {@code host}, {@code task} or {@code none}; empty = a private IPC namespace per container
     * @param tags resource tags, at most 50
     * @param volumes data volumes the containers mount
     * @param proxyConfiguration an App Mesh proxy for the task's traffic
     * @param inferenceAccelerators Elastic Inference accelerators of the task
     * @param ephemeralStorageGiB task storage on Fargate, 21-200 GiB; empty = Fargate's default (20 GiB)
     * @param runtimePlatform the CPU architecture and operating system the containers are built for
     * @param enableFaultInjection whether the containers may inject faults through the task metadata endpoint
     * @throws dev.berth.exception.InvalidSpecException listing every rule the definition breaks
     */
    public TaskDefinition(String family, List<ContainerDefinition> containerDefinitions, OptionalInt cpu,
                          OptionalInt memoryMiB, NetworkMode networkMode, Set<Compatibility> requiresCompatibilities,
                          List<PlacementConstraint> placementConstraints, Optional<String> taskRoleArn,
                          Optional<String> executionRoleArn, Optional<String> pidMode, Optional<String> ipcMode,
                          List<Tag> tags, List<Volume> volumes, Optional<ProxyConfiguration> proxyConfiguration,
                          List<InferenceAccelerator> inferenceAccelerators, OptionalInt ephemeralStorageGiB,
                          Optional<RuntimePlatform> runtimePlatform, boolean enableFaultInjection) {
        this.family = Objects.requireNonNull(family, "family");
        this.containerDefinitions = List.copyOf(containerDefinitions);
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.memoryMiB = Objects.requireNonNull(memoryMiB, "memoryMiB");
        this.networkMode = Objects.requireNonNull(networkMode, "networkMode");
        this.requiresCompatibilities = requiresCompatibilities.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(requiresCompatibilities));
        this.placementConstraints = List.copyOf(placementConstraints);
        this.taskRoleArn = Objects.requireNonNull(taskRoleArn, "taskRoleArn");
        this.executionRoleArn = Objects.requireNonNull(executionRoleArn, "executionRoleArn");
        this.pidMode = Objects.requireNonNull(pidMode, "pidMode");
        this.ipcMode = Objects.requireNonNull(ipcMode, "ipcMode");
        this.tags = List.copyOf(tags);
        this.volumes = List.copyOf(volumes);
        this.proxyConfiguration = Objects.requireNonNull(proxyConfiguration, "proxyConfiguration");
        this.inferenceAccelerators = List.copyOf(inferenceAccelerators);
        this.ephemeralStorageGiB = Objects.requireNonNull(ephemeralStorageGiB, "ephemeralStorageGiB");
        this.runtimePlatform = Objects.requireNonNull(runtimePlatform, "runtimePlatform");
        this.enableFaultInjection = enableFaultInjection;
        // Every field is assigned: the validator reads this record through its accessors.
        TaskDefinitionValidator.requireValid(this);
    }

    /**
     * @param family the family name
     * @return a builder for a definition of the given family
     */
    public static Builder builder(String family) {
        return new Builder(family);
    }

    /** @return a builder holding this definition's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * @param name a container name
     * @return the container of that name
     */
    public Optional<ContainerDefinition> container(String name) {
        return containerDefinitions.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * @param name a volume name
     * @return the volume of that name
     */
    public Optional<Volume> volume(String name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** @return the container that is the task's FireLens log router, if any */
    public Optional<ContainerDefinition> firelensContainer() {
        return containerDefinitions.stream().filter(c -> c.firelensConfiguration().isPresent()).findFirst();
    }

    /** @return the GPUs a task of this definition needs: the sum over its containers */
    public int gpuCount() {
        return containerDefinitions.stream().mapToInt(ContainerDefinition::gpuCount).sum();
    }

    /** Builds a {@link TaskDefinition}; validation runs in {@link #build()}. */
    public static final class Builder {
        private String family;
        private final List<ContainerDefinition> containers = new ArrayList<>();
        private OptionalInt cpu = OptionalInt.empty();
        private OptionalInt memoryMiB = OptionalInt.empty();
        private NetworkMode networkMode = NetworkMode.BRIDGE;
        private final Set<Compatibility> requiresCompatibilities = EnumSet.noneOf(Compatibility.class);
        private final List<PlacementConstraint> placementConstraints = new ArrayList<>();
        private Optional<String> taskRoleArn = Optional.empty();
        private Optional<String> executionRoleArn = Optional.empty();
        private Optional<String> pidMode = Optional.empty();
        private Optional<String> ipcMode = Optional.empty();
        private final List<Tag> tags = new ArrayList<>();
        private final List<Volume> volumes = new ArrayList<>();
        private Optional<ProxyConfiguration> proxyConfiguration = Optional.empty();
        private final List<InferenceAccelerator> inferenceAccelerators = new ArrayList<>();
        private OptionalInt ephemeralStorageGiB = OptionalInt.empty();
        private Optional<RuntimePlatform> runtimePlatform = Optional.empty();
        private boolean enableFaultInjection;

        private Builder(String family) {
            this.family = Objects.requireNonNull(family, "family");
        }

        private Builder(TaskDefinition td) {
            family = td.family;
            containers.addAll(td.containerDefinitions);
            cpu = td.cpu;
            memoryMiB = td.memoryMiB;
            networkMode = td.networkMode;
            requiresCompatibilities.addAll(td.requiresCompatibilities);
            placementConstraints.addAll(td.placementConstraints);
            taskRoleArn = td.taskRoleArn;
            executionRoleArn = td.executionRoleArn;
            pidMode = td.pidMode;
            ipcMode = td.ipcMode;
            tags.addAll(td.tags);
            volumes.addAll(td.volumes);
            proxyConfiguration = td.proxyConfiguration;
            inferenceAccelerators.addAll(td.inferenceAccelerators);
            ephemeralStorageGiB = td.ephemeralStorageGiB;
            runtimePlatform = td.runtimePlatform;
            enableFaultInjection = td.enableFaultInjection;
        }

        /**
         * @param value the family name
         * @return this builder
         */
        public Builder family(String value) {
            family = Objects.requireNonNull(value, "family");
            return this;
        }

        /**
         * Adds a container configured by {@code settings} on a fresh {@link ContainerDefinition.Builder}.
         *
         * @param settings sets the container's fields
         * @return this builder
         */
        public Builder container(Consumer<ContainerDefinition.Builder> settings) {
            ContainerDefinition.Builder builder = ContainerDefinition.builder();
            settings.accept(builder);
            return container(builder.build());
        }

        /**
         * Adds a container.
         *
         * @param container the container to add
         * @return this builder
         */
        public Builder container(ContainerDefinition container) {
            containers.add(Objects.requireNonNull(container, "container"));
            return this;
        }

        /**
         * Replaces all containers.
         *
         * @param values the new containers
         * @return this builder
         */
        public Builder containers(List<ContainerDefinition> values) {
            containers.clear();
            containers.addAll(values);
            return this;
        }

        /**
         * @param units task-level CPU units (1,024 = 1 vCPU)
         * @return this builder
         */
        public Builder cpu(int units) {
            cpu = OptionalInt.of(units);
            return this;
        }

        /**
         * @param mib task-level memory
         * @return this builder
         */
        public Builder memoryMiB(int mib) {
            memoryMiB = OptionalInt.of(mib);
            return this;
        }

        /**
         * @param mode Docker network mode
         * @return this builder
         */
        public Builder networkMode(NetworkMode mode) {
            networkMode = Objects.requireNonNull(mode, "networkMode");
            return this;
        }

        /**
         * Adds launch types the definition must be valid for.
         *
         * @param values the launch types
         * @return this builder
         */
        public Builder requiresCompatibilities(Compatibility... values) {
            requiresCompatibilities.addAll(List.of(values));
            return this;
        }

        /**
         * Adds a {@code memberOf} placement constraint.
         *
         * @param constraint a {@code memberOf} constraint
         * @return this builder
         */
        public Builder placementConstraint(PlacementConstraint constraint) {
            placementConstraints.add(Objects.requireNonNull(constraint, "constraint"));
            return this;
        }

        /**
         * @param arn IAM role the containers assume
         * @return this builder
         */
        public Builder taskRoleArn(String arn) {
            taskRoleArn = Optional.of(arn);
            return this;
        }

        /**
         * @param arn IAM role used to pull images and read secrets
         * @return this builder
         */
        public Builder executionRoleArn(String arn) {
            executionRoleArn = Optional.of(arn);
            return this;
        }

        /**
         * @param mode {@code host} or {@code task}
         * @return this builder
         */
        public Builder pidMode(String mode) {
            pidMode = Optional.of(mode);
            return this;
        }

        /**
         * @param mode {@code host}, {@code task} or {@code none}
         * @return this builder
         */
        public Builder ipcMode(String mode) {
            ipcMode = Optional.of(mode);
            return this;
        }

        /**
         * Adds a resource tag.
         *
         * @param key the tag's key
         * @param value its value
         * @return this builder
         */
        public Builder tag(String key, String value) {
            tags.add(new Tag(key, value));
            return this;
        }

        /**
         * Adds a volume.
         *
         * @param volume e.g. {@link Volume#taskScoped(String)}
         * @return this builder
         */
        public Builder volume(Volume volume) {
            volumes.add(Objects.requireNonNull(volume, "volume"));
            return this;
        }

        /**
         * Replaces all volumes.
         *
         * @param values the new volumes
         * @return this builder
         */
        public Builder volumes(List<Volume> values) {
            volumes.clear();
            volumes.addAll(values);
            return this;
        }

        /**
         * @param configuration an App Mesh proxy for the task's traffic
         * @return this builder
         */
        public Builder proxyConfiguration(ProxyConfiguration configuration) {
            proxyConfiguration = Optional.of(configuration);
            return this;
        }

        /**
         * Adds an Elastic Inference accelerator.
         *
         * @param deviceName the name containers refer to
         * @param deviceType the accelerator type
         * @return this builder
         */
        public Builder inferenceAccelerator(String deviceName, String deviceType) {
            inferenceAccelerators.add(new InferenceAccelerator(deviceName, deviceType));
            return this;
        }

        /**
         * @param gib task storage on Fargate, 21-200 GiB
         * @return this builder
         */
        public Builder ephemeralStorageGiB(int gib) {
            ephemeralStorageGiB = OptionalInt.of(gib);
            return this;
        }

        /**
         * @param platform the CPU architecture and operating system the containers are built for
         * @return this builder
         */
        public Builder runtimePlatform(RuntimePlatform platform) {
            runtimePlatform = Optional.of(platform);
            return this;
        }

        /**
         * @param value whether the containers may inject faults through the task metadata endpoint
         * @return this builder
         */
        public Builder enableFaultInjection(boolean value) {
            enableFaultInjection = value;
            return this;
        }

        /**
         * @return the validated task definition
         * @throws dev.berth.exception.InvalidSpecException listing every rule the definition breaks
         */
        public TaskDefinition build() {
            return new TaskDefinition(family, containers, cpu, memoryMiB, networkMode, requiresCompatibilities,
                    placementConstraints, taskRoleArn, executionRoleArn, pidMode, ipcMode, tags, volumes,
                    proxyConfiguration, inferenceAccelerators, ephemeralStorageGiB, runtimePlatform,
                    enableFaultInjection);
        }
    }
}
