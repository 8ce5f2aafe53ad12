package dev.berth.runtime.network;

import dev.berth.network.LoadBalancerHealth;
import dev.berth.task.Task;
import java.util.List;
import java.util.Map;

/**
 * A service's tasks as service networking sees them at the start of a pass.
 *
 * @param tasks the tasks with the statuses of their networking: ACTIVATING until registered and healthy where
 *     the service needs them, DEACTIVATING (desired STOPPED) while they drain before their stop
 * @param loadBalancerHealth what the service's target groups say about each registered task
 * @param readyToStop tasks whose drain is over: signal them now
 * @param draining whether a task of the service still drains: the service wants a look again soon
 */
public record NetworkObservation(List<Task> tasks, Map<String, LoadBalancerHealth> loadBalancerHealth,
                                 List<StopRequest> readyToStop, boolean draining) {
    public NetworkObservation {
        tasks = List.copyOf(tasks);
        loadBalancerHealth = Map.copyOf(loadBalancerHealth);
        readyToStop = List.copyOf(readyToStop);
    }
}
