package dev.berth.reconciler;

import dev.berth.task.Task;
import java.util.List;
import java.util.Set;

/**
 * What the backend reports about a service at the start of a pass.
 *
 * @param tasks the service's tasks, including those stopped since they were last counted
 * @param drainingInstances ids of container instances being drained; tasks there are replaced
 */
public record ObservedService(List<Task> tasks, Set<String> drainingInstances) {
    public ObservedService {
        tasks = List.copyOf(tasks);
        drainingInstances = Set.copyOf(drainingInstances);
    }
}
