package dev.berth.reconciler;

import dev.berth.cluster.ClusterRecord;
import dev.berth.cluster.InstanceRegistration;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.TaskDefinition;
import dev.berth.scheduler.HostPorts;
import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.InstanceStatus;
import dev.berth.scheduler.RunningTask;
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
 * its status and custom attributes from the cluster's registrations, and its task counts per group.
 *
 * @param instances the instances, by id order
 * @param liveTasks the cluster's tasks that hold resources, with their reservations
 */
public record ClusterSnapshot(List<InstanceState> instances, List<RunningTask> liveTasks) {

    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @param instances the instances, by id order
     * @param liveTasks the cluster's tasks that hold resources, with their reservations
     */
    public ClusterSnapshot {
        instances = List.copyOf(instances);
        liveTasks = List.copyOf(liveTasks);
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
        Map<String, List<Task>> byInstance = tasks.stream().filter(t -> t.lastStatus().isLive())
                .collect(Collectors.groupingBy(Task::containerInstanceId));
        List<InstanceState> instances = new ArrayList<>();
        List<RunningTask> live = new ArrayList<>();
        for (ContainerInstance instance : offered) {
            InstanceRegistration registration = cluster.registration(instance.id());
            int cpu = instance.cpu();
            int memory = instance.memoryMiB();
            HostPorts ports = instance.reservedPorts();
            Map<String, Integer> groups = new HashMap<>();
            for (Task task : byInstance.getOrDefault(instance.id(), List.of())) {
                TaskReservation reserved = reservation.apply(task);
                cpu -= reserved.cpu();
                memory -= reserved.memoryMiB();
                ports = ports.plus(reserved.hostPorts());
                groups.merge(task.group(), 1, Integer::sum);
                live.add(new RunningTask(task.taskId(), instance.id(), reserved));
            }
            Map<String, String> attributes = new TreeMap<>(instance.attributes());
            attributes.putAll(registration.customAttributes());
            InstanceState.Builder state = InstanceState.builder(instance.id(), instance.cpu(), instance.memoryMiB())
                    .status(registration.status())
                    .agentConnected(instance.agentConnected())
                    // Tasks started behind the scheduler's back may over-commit an instance; it then has nothing left.
                    .remaining(Math.max(0, cpu), Math.max(0, memory))
                    .reservedPorts(ports)
                    .runningTasksCount(byInstance.getOrDefault(instance.id(), List.of()).size())
                    .registeredAt(instance.registeredAt())
                    .agentVersion(instance.agentVersion());
            instance.ec2InstanceId().ifPresent(state::ec2InstanceId);
            attributes.forEach(state::attribute);
            groups.forEach(state::tasksInGroup);
            instances.add(state                    .build());
        }
        return new ClusterSnapshot(instances, live);
    }

    /**
     * @param spec a service
     * @param taskDefinition the revision its PRIMARY deployment runs
     * @return for a DAEMON service, the instances that should run one task each: ACTIVE, connected, and matching
     *     every memberOf constraint of the service and the task definition; empty for a REPLICA service
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
        return instances.stream()
                .filter(i -> i.status() == InstanceStatus.ACTIVE && i.agentConnected())
                .filter(i -> memberOf.stream().allMatch(query -> query.matches(i)))
                .map(InstanceState::id)
                .collect(Collectors.toSet());
    }

    /** @return ids of the DRAINING instances */
    public Set<String> drainingInstances() {
        return instances.stream().filter(i -> i.status() == InstanceStatus.DRAINING).map(InstanceState::id)
                .collect(Collectors.toSet());
    }
}
