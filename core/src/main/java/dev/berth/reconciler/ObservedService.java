package dev.berth.reconciler;

import dev.berth.task.Task;
import java.util.List;
import java.util.Set;

/**
 * What the backend reports about a service at the start of a pass.
 *
 * @param tasks the service's tasks, including those stopped since they were last counted
 * @param drainingInstances ids of container instances being drained; tasks there are replaced
 * @param eligibleInstances for DAEMON services: the ACTIVE, connected instances that satisfy the service's
 *     constraints, each of which should run one task
 */
public record ObservedService(List<Task> tasks, Set<String> drainingInstances, Set<String> eligibleInstances) {
    public ObservedService {
        tasks = List.copyOf(tasks);
        drainingInstances = Set.copyOf(drainingInstances);
        eligibleInstances = Set.copyOf(eligibleInstances);
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
