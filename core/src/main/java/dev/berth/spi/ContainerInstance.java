package dev.berth.spi;

import dev.berth.model.HostPorts;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A machine a backend can run tasks on, as the backend reports it. Its status in a cluster (ACTIVE, DRAINING)
 * and the custom attributes users put on it are the cluster's, not the backend's; only a backend that can take a
 * machine out of service itself (a cordoned Kubernetes node) says so, and the cluster then drains it too.
 *
 * @param id unique within the backend, e.g. an engine id or an ECS container-instance ARN
 * @param agentConnected whether tasks can be started and observed there now
 * @param cpu CPU units it offers, 1,024 per vCPU
 * @param memoryMiB memory it offers
 * @param reservedPorts static host ports not available to tasks (in use by other software, or ECS's defaults)
 * @param attributes built-in attributes such as {@code ecs.os-type}, {@code ecs.cpu-architecture},
 *     {@code ecs.availability-zone}
 * @param registeredAt when it joined
 * @param agentVersion version of the agent (or engine), numbers separated by dots
 * @param ec2InstanceId the EC2 instance id, if it is one
 * @param drainingAtBackend whether the backend itself takes no new tasks there (a cordoned Kubernetes node): the
 *     cluster then treats it as DRAINING, whatever its own status for it says
 * @param gpus GPUs it offers to tasks' GPU {@code resourceRequirements}
 */
public record ContainerInstance(String id, boolean agentConnected, int cpu, int memoryMiB, HostPorts reservedPorts,
                                Map<String, String> attributes, Instant registeredAt, String agentVersion,
                                Optional<String> ec2InstanceId, boolean drainingAtBackend, int gpus) {

    /**
     * Validates the components and copies the collections.
     *
     * @throws IllegalArgumentException if a component is out of its range; the message names it
     * @throws NullPointerException if a required component is null
     */
    public ContainerInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reservedPorts, "reservedPorts");
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(ec2InstanceId, "ec2InstanceId");
        if (cpu < 0 || memoryMiB < 0 || gpus < 0) {
            throw new IllegalArgumentException(id + ": cpu, memory and GPUs must be 0 or more");
        }
    }

    /**
     * An instance whose backend has no status of its own for it (only the cluster drains it), without GPUs.
     *
     * @param id unique within the backend
     * @param agentConnected whether tasks can be started and observed there now
     * @param cpu CPU units it offers, 1,024 per vCPU
     * @param memoryMiB memory it offers
     * @param reservedPorts static host ports not available to tasks
     * @param attributes built-in attributes
     * @param registeredAt when it joined
     * @param agentVersion version of the agent (or engine), numbers separated by dots
     * @param ec2InstanceId the EC2 instance id, if it is one
     */
    public ContainerInstance(String id, boolean agentConnected, int cpu, int memoryMiB, HostPorts reservedPorts,
                             Map<String, String> attributes, Instant registeredAt, String agentVersion,
                             Optional<String> ec2InstanceId) {
        this(id, agentConnected, cpu, memoryMiB, reservedPorts, attributes, registeredAt, agentVersion,
                ec2InstanceId, false, 0);
    }

    /**
     * An instance without GPUs.
     *
     * @param id unique within the backend
     * @param agentConnected whether tasks can be started and observed there now
     * @param cpu CPU units it offers, 1,024 per vCPU
     * @param memoryMiB memory it offers
     * @param reservedPorts static host ports not available to tasks
     * @param attributes built-in attributes
     * @param registeredAt when it joined
     * @param agentVersion version of the agent (or engine), numbers separated by dots
     * @param ec2InstanceId the EC2 instance id, if it is one
     * @param drainingAtBackend whether the backend itself takes no new tasks there
     */
    public ContainerInstance(String id, boolean agentConnected, int cpu, int memoryMiB, HostPorts reservedPorts,
                             Map<String, String> attributes, Instant registeredAt, String agentVersion,
                             Optional<String> ec2InstanceId, boolean drainingAtBackend) {
        this(id, agentConnected, cpu, memoryMiB, reservedPorts, attributes, registeredAt, agentVersion,
                ec2InstanceId, drainingAtBackend, 0);
    }
}
