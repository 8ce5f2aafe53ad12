package dev.berth.reconciler;

import dev.berth.network.LoadBalancerHealth;
import dev.berth.task.Task;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the backend reports about a service at the start of a pass.
 *
 * @param tasks the service's tasks, including those stopped since they were last counted
 * @param drainingInstances ids of container instances being drained; tasks there are replaced
 * @param eligibleInstances for DAEMON services: the ACTIVE, connected instances that satisfy the service's
 *     constraints, each of which should run one task
 * @param loadBalancerHealth for a service with load balancers: what its target groups say about each registered
 *     task, by task id; a task missing here has no target (yet)
 */
public record ObservedService(List<Task> tasks, Set<String> drainingInstances, Set<String> eligibleInstances,
                              Map<String, LoadBalancerHealth> loadBalancerHealth) {
    public ObservedService {
        tasks = List.copyOf(tasks);
        drainingInstances = Set.copyOf(drainingInstances);
        eligibleInstances = Set.copyOf(eligibleInstances);
        loadBalancerHealth = Map.copyOf(loadBalancerHealth);
    }

    /**
     * What a service without load balancers observes.
     *
     * @param tasks the service's tasks, including those stopped since they were last counted
     * @param drainingInstances ids of container instances being drained
     * @param eligibleInstances for DAEMON services: the instances that should run one task each
     */
    public ObservedService(List<Task> tasks, Set<String> drainingInstances, Set<String> eligibleInstances) {
        this(tasks, drainingInstances, eligibleInstances, Map.of());
    }

    /**
     * @param tasks the service's tasks
     * @param drainingInstances ids of the instances being drained
     * @return what a REPLICA service observes: its tasks and the draining instances
     */
    public static ObservedService replica(List<Task> tasks, Set<String> drainingInstances) {
        return new ObservedService(tasks, drainingInstances, Set.of());
    }
}
