package dev.berth.scheduler;

import dev.berth.model.HostPorts;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.InstanceStatus;
import dev.berth.model.Resource;
import dev.berth.scheduler.query.QueryTarget;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the scheduler knows about one container instance at the time of a placement.
 *
 * @param id the container instance's id (or ARN), unique in the cluster
 * @param status only {@link InstanceStatus#ACTIVE} instances receive tasks
 * @param agentConnected only instances whose agent is connected receive tasks
 * @param registeredCpu CPU units the instance registered, 1,024 per vCPU
 * @param registeredMemoryMiB memory the instance registered
 * @param remainingCpu CPU units not reserved by PENDING or RUNNING tasks, 0 to {@code registeredCpu}
 * @param remainingMemoryMiB memory not reserved, 0 to {@code registeredMemoryMiB}
 * @param reservedPorts static host ports in use: the agent's defaults and those of the tasks on it
 * @param attributes built-in ({@code ecs.availability-zone}, {@code ecs.instance-type}, {@code ecs.os-type},
 *     {@code ecs.cpu-architecture}, ...) and custom attributes
 * @param runningTasksCount tasks on the instance
 * @param registeredAt when the instance registered
 * @param agentVersion container agent version, numbers separated by dots such as {@code 1.14.5}
 * @param ec2InstanceId the EC2 instance id; empty for external instances
 * @param tasksByGroup how many tasks of each task group are on the instance (groups with at least one task)
 * @param registeredGpus GPUs the instance registered
 * @param remainingGpus GPUs not reserved, 0 to {@code registeredGpus}
 */
public record InstanceState(
        String id,
        InstanceStatus status,
        boolean agentConnected,
        int registeredCpu,
        int registeredMemoryMiB,
        int remainingCpu,
        int remainingMemoryMiB,
        HostPorts reservedPorts,
        Map<String, String> attributes,
        int runningTasksCount,
        Instant registeredAt,
        String agentVersion,
        Optional<String> ec2InstanceId,
        Map<String, Integer> tasksByGroup,
        int registeredGpus,
        int remainingGpus) implements QueryTarget {

    private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})*");

    /**
     * Checks the components and copies the collections.
     *
     * @throws IllegalArgumentException if resources are negative or remaining exceeds registered, a count is not
     *     positive, or the agent version is malformed
     */
    public InstanceState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("an instance id must not be empty");
        }
        if (registeredCpu < 0 || registeredMemoryMiB < 0) {
            throw new IllegalArgumentException(id + ": registered resources must be 0 or more");
        }
        if (remainingCpu < 0 || remainingCpu > registeredCpu || remainingMemoryMiB < 0
                || remainingMemoryMiB > registeredMemoryMiB || remainingGpus < 0 || remainingGpus > registeredGpus) {
            throw new IllegalArgumentException(id + ": remaining resources must be between 0 and the registered"
                    + " ones, were cpu " + remainingCpu + "/" + registeredCpu + ", memory " + remainingMemoryMiB
                    + "/" + registeredMemoryMiB + ", GPUs " + remainingGpus + "/" + registeredGpus);
        }
        Objects.requireNonNull(reservedPorts, "reservedPorts");
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        if (runningTasksCount < 0) {
            throw new IllegalArgumentException(id + ": runningTasksCount must be 0 or more");
        }
        Objects.requireNonNull(registeredAt, "registeredAt");
        if (!VERSION.matcher(agentVersion).matches()) {
            throw new IllegalArgumentException(id + ": agentVersion is numbers separated by dots, was '"
                    + agentVersion + "'");
        }
        Objects.requireNonNull(ec2InstanceId, "ec2InstanceId");
        tasksByGroup = Collections.unmodifiableMap(new TreeMap<>(tasksByGroup));
        if (tasksByGroup.values().stream().anyMatch(n -> n <= 0)) {
            throw new IllegalArgumentException(id + ": task counts per group must be positive");
        }
    }

    /**
     * An instance without GPUs.
     *
     * @param id the container instance's id (or ARN), unique in the cluster
     * @param status only {@link InstanceStatus#ACTIVE} instances receive tasks
     * @param agentConnected only instances whose agent is connected receive tasks
     * @param registeredCpu CPU units the instance registered, 1,024 per vCPU
     * @param registeredMemoryMiB memory the instance registered
     * @param remainingCpu CPU units not reserved by PENDING or RUNNING tasks
     * @param remainingMemoryMiB memory not reserved
     * @param reservedPorts static host ports in use
     * @param attributes built-in and custom attributes
     * @param runningTasksCount tasks on the instance
     * @param registeredAt when the instance registered
     * @param agentVersion container agent version such as {@code 1.14.5}
     * @param ec2InstanceId the EC2 instance id; empty for external instances
     * @param tasksByGroup how many tasks of each task group are on the instance
     */
    public InstanceState(String id, InstanceStatus status, boolean agentConnected, int registeredCpu,
                         int registeredMemoryMiB, int remainingCpu, int remainingMemoryMiB, HostPorts reservedPorts,
                         Map<String, String> attributes, int runningTasksCount, Instant registeredAt,
                         String agentVersion, Optional<String> ec2InstanceId, Map<String, Integer> tasksByGroup) {
        this(id, status, agentConnected, registeredCpu, registeredMemoryMiB, remainingCpu, remainingMemoryMiB,
                reservedPorts, attributes, runningTasksCount, registeredAt, agentVersion, ec2InstanceId, tasksByGroup,
                0, 0);
    }

    /**
     * @param id the container instance's id
     * @param cpu registered CPU units
     * @param memoryMiB registered memory
     * @return a builder of an ACTIVE, connected, empty instance with ECS's default reserved ports
     */
    public static Builder builder(String id, int cpu, int memoryMiB) {
        return new Builder(id, cpu, memoryMiB);
    }

    /** @return a builder holding this instance's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * @param resource CPU or memory
     * @return the remaining amount of {@code resource}
     */
    public int remaining(Resource resource) {
        return resource == Resource.CPU ? remainingCpu : remainingMemoryMiB;
    }

    @Override
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    @Override
    public Set<String> taskGroups() {
        return tasksByGroup.keySet();
    }

    /** Builds an {@link InstanceState}; bare property names, the last call wins. */
    public static final class Builder {
        private final String id;
        private InstanceStatus status = InstanceStatus.ACTIVE;
        private boolean agentConnected = true;
        private final int registeredCpu;
        private final int registeredMemoryMiB;
        private int remainingCpu;
        private int remainingMemoryMiB;
        private HostPorts reservedPorts = HostPorts.ECS_DEFAULT_RESERVED;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private int runningTasksCount;
        private Instant registeredAt = Instant.EPOCH;
        private String agentVersion = "1.0.0";
        private Optional<String> ec2InstanceId = Optional.empty();
        private final Map<String, Integer> tasksByGroup = new LinkedHashMap<>();
        private int registeredGpus;
        private int remainingGpus;

        private Builder(String id, int cpu, int memoryMiB) {
            this.id = id;
            registeredCpu = cpu;
            registeredMemoryMiB = memoryMiB;
            remainingCpu = cpu;
            remainingMemoryMiB = memoryMiB;
        }

        private Builder(InstanceState s) {
            id = s.id;
            status = s.status;
            agentConnected = s.agentConnected;
            registeredCpu = s.registeredCpu;
            registeredMemoryMiB = s.registeredMemoryMiB;
            remainingCpu = s.remainingCpu;
            remainingMemoryMiB = s.remainingMemoryMiB;
            reservedPorts = s.reservedPorts;
            attributes.putAll(s.attributes);
            runningTasksCount = s.runningTasksCount;
            registeredAt = s.registeredAt;
            agentVersion = s.agentVersion;
            ec2InstanceId = s.ec2InstanceId;
            tasksByGroup.putAll(s.tasksByGroup);
            registeredGpus = s.registeredGpus;
            remainingGpus = s.remainingGpus;
        }

        /**
         * @param value the instance's status
         * @return this builder
         */
        public Builder status(InstanceStatus value) {
            status = Objects.requireNonNull(value, "status");
            return this;
        }

        /**
         * @param value whether the agent is connected
         * @return this builder
         */
        public Builder agentConnected(boolean value) {
            agentConnected = value;
            return this;
        }

        /**
         * Sets the unreserved CPU units and memory.
         *
         * @param cpu unreserved CPU units
         * @param memoryMiB unreserved memory in MiB
         * @return this builder
         */
        public Builder remaining(int cpu, int memoryMiB) {
            remainingCpu = cpu;
            remainingMemoryMiB = memoryMiB;
            return this;
        }

        /**
         * @param ports the static host ports in use
         * @return this builder
         */
        public Builder reservedPorts(HostPorts ports) {
            reservedPorts = Objects.requireNonNull(ports, "ports");
            return this;
        }

        /**
         * Sets an attribute.
         *
         * @param name the attribute's name
         * @param value its value
         * @return this builder
         */
        public Builder attribute(String name, String value) {
            attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets {@value InstanceAttributes#AVAILABILITY_ZONE}.
         *
         * @param zone the availability zone
         * @return this builder
         */
        public Builder availabilityZone(String zone) {
            return attribute(InstanceAttributes.AVAILABILITY_ZONE, zone);
        }

        /**
         * Sets {@value InstanceAttributes#INSTANCE_TYPE}.
         *
         * @param type the instance type, e.g. {@code t3.medium}
         * @return this builder
         */
        public Builder instanceType(String type) {
            return attribute(InstanceAttributes.INSTANCE_TYPE, type);
        }

        /**
         * @param count tasks on the instance
         * @return this builder
         */
        public Builder runningTasksCount(int count) {
            runningTasksCount = count;
            return this;
        }

        /**
         * @param instant when the instance registered
         * @return this builder
         */
        public Builder registeredAt(Instant instant) {
            registeredAt = Objects.requireNonNull(instant, "registeredAt");
            return this;
        }

        /**
         * @param version container agent version such as {@code 1.14.5}
         * @return this builder
         */
        public Builder agentVersion(String version) {
            agentVersion = Objects.requireNonNull(version, "agentVersion");
            return this;
        }

        /**
         * @param value the EC2 instance id
         * @return this builder
         */
        public Builder ec2InstanceId(String value) {
            ec2InstanceId = Optional.of(value);
            return this;
        }

        /**
         * Sets how many tasks of {@code group} are on the instance.
         *
         * @param group the task group
         * @param count how many of its tasks run there
         * @return this builder
         */
        public Builder tasksInGroup(String group, int count) {
            tasksByGroup.put(Objects.requireNonNull(group, "group"), count);
            return this;
        }

        /**
         * Sets the GPUs the instance registered and how many of them are not reserved.
         *
         * @param registered GPUs the instance offers
         * @param remaining GPUs not reserved by its tasks
         * @return this builder
         */
        public Builder gpus(int registered, int remaining) {
            registeredGpus = registered;
            remainingGpus = remaining;
            return this;
        }

        /**
         * @return the instance state
         * @throws IllegalArgumentException if the values are inconsistent (see {@link InstanceState})
         */
        public InstanceState build() {
            return new InstanceState(id, status, agentConnected, registeredCpu, registeredMemoryMiB, remainingCpu,
                    remainingMemoryMiB, reservedPorts, attributes, runningTasksCount, registeredAt, agentVersion,
                    ec2InstanceId, tasksByGroup, registeredGpus, remainingGpus);
        }
    }
}
