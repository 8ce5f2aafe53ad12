package dev.berth.aws.internal;

import dev.berth.model.HostPorts;
import dev.berth.scheduler.TaskReservation;
import dev.berth.spi.ContainerInstance;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Resource;

/**
 * An ECS container instance to what it offers Berth. ECS reports {@code remainingResources} = registered minus what
 * every PENDING/RUNNING task there reserves, Berth's and anyone else's. Berth's scheduler subtracts its own tasks
 * itself, so the instance offers Berth its remaining resources plus what Berth's own live tasks hold there: tasks
 * started by others are accounted for, Berth's are not counted twice.
 */
public final class InstanceMapper {

    private InstanceMapper() {
    }

    /**
     * @param instance the described container instance
     * @param berthTasksThere what Berth's live tasks on it reserve
     * @param firstSeen its registeredAt if ECS reports none
     * @return the instance as Berth's scheduler sees it
     */
    public static ContainerInstance toBerth(software.amazon.awssdk.services.ecs.model.ContainerInstance instance,
                                            List<TaskReservation> berthTasksThere, Instant firstSeen) {
        int cpu = integer(instance.remainingResources(), "CPU");
        int memory = integer(instance.remainingResources(), "MEMORY");
        for (TaskReservation reservation : berthTasksThere) {
            cpu += reservation.cpu();
            memory += reservation.memoryMiB();
        }
        int registeredCpu = integer(instance.registeredResources(), "CPU");
        int registeredMemory = integer(instance.registeredResources(), "MEMORY");
        // Remaining ports include those of Berth's own tasks; the scheduler adds them again, a set union, harmlessly.
        HostPorts reserved = new HostPorts(ports(instance.remainingResources(), "PORTS"),
                ports(instance.remainingResources(), "PORTS_UDP"));
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Attribute attribute : instance.attributes()) {
            // Capability attributes (ecs.capability.*) have no value: present = "true", as the query language tests.
            attributes.put(attribute.name(), attribute.value() == null ? "true" : attribute.value());
        }
        return new ContainerInstance(instance.containerInstanceArn(),
                Boolean.TRUE.equals(instance.agentConnected()),
                Math.max(0, Math.min(cpu, registeredCpu)),
                Math.max(0, Math.min(memory, registeredMemory)),
                reserved, attributes,
                Optional.ofNullable(instance.registeredAt()).orElse(firstSeen),
                instance.versionInfo() == null || instance.versionInfo().agentVersion() == null
                        ? "0" : instance.versionInfo().agentVersion(),
                Optional.ofNullable(instance.ec2InstanceId()));
    }

    /**
     * @param resources registered or remaining resources
     * @param name CPU or MEMORY
     * @return the amount; 0 if absent
     */
    public static int integer(List<Resource> resources, String name) {
        return resources.stream().filter(r -> name.equals(r.name()))
                .map(r -> r.integerValue() != null ? r.integerValue()
                        : r.longValue() != null ? Math.toIntExact(r.longValue())
                        : r.doubleValue() != null ? (int) Math.floor(r.doubleValue()) : 0)
                .findFirst().orElse(0);
    }

    private static Set<Integer> ports(List<Resource> resources, String name) {
        Set<Integer> ports = new HashSet<>();
        resources.stream().filter(r -> name.equals(r.name())).flatMap(r -> r.stringSetValue().stream())
                .forEach(p -> {
                    int port = Integer.parseInt(p.strip());
                    // Port 0 is a dynamic mapping some endpoints list literally; it reserves no real port.
                    if (port > 0) {
                        ports.add(port);
                    }
                });
        return ports;
    }
}
