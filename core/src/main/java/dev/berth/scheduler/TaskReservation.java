package dev.berth.scheduler;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.HostPorts;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.Resource;
import dev.berth.model.TaskDefinition;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one task takes from the instance it is placed on: the task-level cpu and memory when set, else the sum of its
 * containers', and its containers' GPUs
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html).
 *
 * @param cpu CPU units, 1,024 per vCPU; 0 or more
 * @param memoryMiB memory in MiB; 0 or more
 * @param hostPorts static host ports the task binds; dynamic ports are not reserved
 * @param gpus GPUs, the sum of the containers' GPU {@code resourceRequirements}; 0 or more
 */
public record TaskReservation(int cpu, int memoryMiB, HostPorts hostPorts, int gpus) {

    /**
     * Checks the amounts.
     *
     * @throws IllegalArgumentException if cpu, memory or GPUs are negative
     */
    public TaskReservation {
        if (cpu < 0 || memoryMiB < 0 || gpus < 0) {
            throw new IllegalArgumentException("cpu, memory and GPU reservations are 0 or more, were " + cpu + ", "
                    + memoryMiB + " and " + gpus);
        }
        Objects.requireNonNull(hostPorts, "hostPorts");
    }

    /**
     * A reservation without GPUs.
     *
     * @param cpu CPU units, 1,024 per vCPU; 0 or more
     * @param memoryMiB memory in MiB; 0 or more
     * @param hostPorts static host ports the task binds
     */
    public TaskReservation(int cpu, int memoryMiB, HostPorts hostPorts) {
        this(cpu, memoryMiB, hostPorts, 0);
    }

    /**
     * @param cpu CPU units
     * @param memoryMiB memory in MiB
     * @return a reservation of cpu and memory without host ports
     */
    public static TaskReservation of(int cpu, int memoryMiB) {
        return new TaskReservation(cpu, memoryMiB, HostPorts.none());
    }

    /**
     * The reservation ECS makes for a task of {@code definition}: task-level cpu and memory when given, else the
     * sums over containers of {@code cpu} and of {@code memoryReservation} (or {@code memory} when no
     * reservation is set). Static host ports: in {@code bridge} mode every non-zero {@code hostPort}; in
     * {@code host} mode every container port (the host port equals it); none in {@code awsvpc} (each task has its
     * own network interface) and {@code none}. GPUs: the sum of the containers' GPU requirements.
     *
     * @param definition a validated task definition
     * @return its reservation per task
     */
    public static TaskReservation of(TaskDefinition definition) {
        int cpu = definition.cpu().orElseGet(() ->
                definition.containerDefinitions().stream().mapToInt(ContainerDefinition::cpu).sum());
        int memory = definition.memoryMiB().orElseGet(() -> definition.containerDefinitions().stream()
                .mapToInt(c -> c.memoryReservationMiB().orElse(c.memoryMiB().orElse(0))).sum());
        return new TaskReservation(cpu, memory, staticPorts(definition), definition.gpuCount());
    }

    /**
     * @param resource CPU or memory
     * @return the amount of {@code resource} reserved
     */
    public int amount(Resource resource) {
        return resource == Resource.CPU ? cpu : memoryMiB;
    }

    private static HostPorts staticPorts(TaskDefinition definition) {
        NetworkMode mode = definition.networkMode();
        if (mode != NetworkMode.BRIDGE && mode != NetworkMode.HOST) {
            return HostPorts.none();
        }
        Set<Integer> tcp = new HashSet<>();
        Set<Integer> udp = new HashSet<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            for (PortMapping mapping : container.portMappings()) {
                int hostPort = mode == NetworkMode.HOST ? mapping.containerPort() : mapping.hostPort();
                if (hostPort != 0) {
                    (mapping.protocol() == Protocol.TCP ? tcp : udp).add(hostPort);
                }
            }
        }
        return new HostPorts(tcp, udp);
    }
}
