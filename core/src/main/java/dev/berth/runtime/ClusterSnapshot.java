package dev.berth.runtime;

import dev.berth.cluster.ClusterRecord;
import dev.berth.cluster.InstanceRegistration;
import dev.berth.model.HostPorts;
import dev.berth.model.InstanceStatus;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.TaskDefinition;
import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.RequiredAttribute;
import dev.berth.scheduler.TaskReservation;
import dev.berth.scheduler.query.ClusterQuery;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.ContainerInstance;
import dev.berth.task.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cluster as the scheduler sees it at one moment: each instance with what its live tasks reserve subtracted,
 * its status and custom attributes from the cluster's registrations (DRAINING also when the backend drains it),
 * and its task counts per group.
 *
 * @param instances the instances, by id order
 */
public record ClusterSnapshot(List<InstanceState> instances) {

    public ClusterSnapshot {
        instances = List.copyOf(instances);
    }

    /**
     * @param cluster the cluster's registrations of its instances
     * @param offered the instances the backend offers the cluster
     * @param tasks the cluster's tasks
     * @param reservation what a task reserves (from its task definition)
     * @return the snapshot; tasks on instances the backend no longer offers are left out
     */
    public static ClusterSnapshot of(ClusterRecord cluster, List<ContainerInstance> offered, List<Task> tasks,
                                     Function<Task, TaskReservation> reservation) {
        Map<String, Reserved> byInstance = new HashMap<>(offered.size() * 2);
        offered.forEach(instance -> byInstance.putIfAbsent(instance.id(), new Reserved()));
        // One walk over the tasks, which may be many more than the instances; nothing per task is kept.
        for (Task task : tasks) {
            Reserved reserved = task.lastStatus().isLive() ? byInstance.get(task.containerInstanceId()) : null;
            if (reserved != null) {
                reserved.add(task, reservation.apply(task));
            }
        }
        List<InstanceState> instances = new ArrayList<>(offered.size());
        for (ContainerInstance instance : offered) {
            InstanceRegistration registration = cluster.registration(instance.id());
            Reserved reserved = byInstance.get(instance.id());
            Map<String, String> attributes = new TreeMap<>(instance.attributes());
            attributes.putAll(registration.customAttributes());
            InstanceState.Builder state = InstanceState.builder(instance.id(), instance.cpu(), instance.memoryMiB())
                    .status(instance.drainingAtBackend() ? InstanceStatus.DRAINING : registration.status())
                    .agentConnected(instance.agentConnected())
                    // Tasks started behind the scheduler's back may over-commit an instance; it then has nothing left.
                    .remaining(Math.max(0, instance.cpu() - reserved.cpu),
                            Math.max(0, instance.memoryMiB() - reserved.memoryMiB))
                    .gpus(instance.gpus(), Math.max(0, instance.gpus() - reserved.gpus))
                    .reservedPorts(instance.reservedPorts().plus(reserved.ports))
                    .runningTasksCount(reserved.tasks)
                    .registeredAt(instance.registeredAt())
                    .agentVersion(instance.agentVersion());
            instance.ec2InstanceId().ifPresent(state::ec2InstanceId);
            attributes.forEach(state::attribute);
            reserved.byGroup.forEach((group, count) -> state.tasksInGroup(group, count[0]));
            instances.add(state.build());
        }
        return new ClusterSnapshot(instances);
    }

    /**
     * @param spec a service
     * @param taskDefinition the revision its PRIMARY deployment runs
     * @return for a DAEMON service, the instances that should run one task each: ACTIVE, connected, matching every
     *     memberOf constraint of the service and the task definition, and having every attribute the definition
     *     requires (its runtime platform, capabilities); empty for a REPLICA service
     */
    public Set<String> daemonInstances(ServiceSpec spec, TaskDefinition taskDefinition) {
        if (spec.schedulingStrategy() != SchedulingStrategy.DAEMON) {
            return Set.of();
        }
        List<ClusterQuery> memberOf = Stream.concat(taskDefinition.placementConstraints().stream(),
                        spec.placementConstraints().stream())
                .filter(c -> c.type() == PlacementConstraint.Type.MEMBER_OF)
                .map(c -> ClusterQuery.parse(c.expression().orElseThrow()))
                .toList();
        List<RequiredAttribute> required = RequiredAttribute.of(taskDefinition);
        return instances.stream()
                .filter(i -> i.status() == InstanceStatus.ACTIVE && i.agentConnected())
                .filter(i -> memberOf.stream().allMatch(query -> query.matches(i)))
                .filter(i -> required.stream().allMatch(attribute -> attribute.isMetBy(i)))
                .map(InstanceState::id)
                .collect(Collectors.toSet());
    }

    /** @return ids of the DRAINING instances */
    public Set<String> drainingInstances() {
        return instances.stream().filter(i -> i.status() == InstanceStatus.DRAINING).map(InstanceState::id)
                .collect(Collectors.toSet());
    }

    /** What the live tasks on one instance reserve, summed by the snapshot's walk over the tasks. */
    private static final class Reserved {
        private int cpu;
        private int memoryMiB;
        private int gpus;
        private HostPorts ports = HostPorts.none();
        private int tasks;
        private final Map<String, int[]> byGroup = new HashMap<>();

        void add(Task task, TaskReservation reservation) {
            cpu += reservation.cpu();
            memoryMiB += reservation.memoryMiB();
            gpus += reservation.gpus();
            ports = ports.plus(reservation.hostPorts());
            tasks++;
            byGroup.computeIfAbsent(task.group(), group -> new int[1])[0]++;
        }
    }
}
