package dev.berth.swarm.internal;

import dev.berth.docker.internal.Pause;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementFailure;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.spi.ManagedTasks;
import dev.berth.swarm.SwarmBackendConfig;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * RunTask on Swarm (managed mode): each task is started as on a client-scheduled swarm ({@link SwarmTaskRuntime}),
 * except that Swarm places its first container, as a one-replica service that never restarts, by the request's
 * rules ({@link SwarmPlacement#forRunTask}), and the task's other containers follow it to that node. Swarm keeps a
 * task it cannot place waiting for a node; ECS answers RunTask with a failure instead, so a task Swarm has not placed
 * within {@link #PLACEMENT_WAIT} for want of a suitable node is removed and reported with Swarm's reason.
 */
public final class SwarmManagedTasks implements ManagedTasks {

    /** How long RunTask waits for Swarm to place its tasks. */
    static final Duration PLACEMENT_WAIT = Duration.ofSeconds(3);

    private final SwarmTaskRuntime runtime;
    private final SwarmBackendConfig config;

    /**
     * @param runtime starts, reads and forgets tasks
     * @param config the backend's settings
     */
    public SwarmManagedTasks(SwarmTaskRuntime runtime, SwarmBackendConfig config) {
        this.runtime = runtime;
        this.config = config;
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.berth.exception.InvalidSpecException if Swarm cannot run the definition or place as asked
     *     (binpack, random, distinctInstance, an 'or' constraint, ...); the message says why
     */
    @Override
    public RunTaskResult runTasks(String cluster, RegisteredTaskDefinition revision, String group,
                                  RunTaskRequest request) {
        DefinitionSupport.check(revision.definition(), false);
        List<PlacementConstraint> constraints = new ArrayList<>(revision.definition().placementConstraints());
        constraints.addAll(request.placementConstraints());
        constraints.addAll(DefinitionSupport.platformConstraints(revision.definition()));
        SwarmPlacement placement = SwarmPlacement.forRunTask(constraints, request.placementStrategies());
        Instant now = config.manager().clock().instant();
        Map<String, Task> started = new LinkedHashMap<>();
        for (int i = 0; i < request.count(); i++) {
            TaskLaunch launch = new TaskLaunch(cluster, UUID.randomUUID().toString(),
                    revision, group, request.startedBy().orElse(""), request.overrides(), now,
                    Optional.empty(), placement, config.manager().labels());
            started.put(launch.taskId(), runtime.start(launch));
        }
        Map<String, String> unplaced = awaitPlacement(cluster, started.keySet());
        for (String taskId : unplaced.keySet()) {
            started.remove(taskId);
            runtime.discard(cluster, taskId);
        }
        Optional<PlacementFailure> failure = unplaced.isEmpty() ? Optional.empty()
                : Optional.of(new PlacementFailure(group, unplaced.size(), List.of(),
                        List.copyOf(new LinkedHashSet<>(unplaced.values()))));
        return new RunTaskResult(List.copyOf(started.values()), failure);
    }

    /** @return the tasks Swarm has not placed for want of a node, with Swarm's reason */
    private Map<String, String> awaitPlacement(String cluster, Set<String> taskIds) {
        Instant deadline = config.manager().clock().instant().plus(PLACEMENT_WAIT);
        while (true) {
            Map<String, String> waiting = new LinkedHashMap<>();
            for (Task t : runtime.tasks(cluster)) {
                if (taskIds.contains(t.taskId()) && t.containerInstanceId().isEmpty()
                        && t.lastStatus() == TaskStatus.PENDING) {
                    waiting.put(t.taskId(), runtime.placementMessage(cluster, t.taskId()).orElse(""));
                }
            }
            boolean onlyUnplaceable = waiting.values().stream().allMatch(m -> m.contains("no suitable node"));
            if (waiting.isEmpty() || (onlyUnplaceable && config.manager().clock().instant().isAfter(deadline))) {
                Map<String, String> unplaced = new LinkedHashMap<>();
                waiting.forEach((id, m) -> unplaced.put(id, "Swarm: " + m));
                return unplaced;
            }
            if (config.manager().clock().instant().isAfter(deadline.plus(config.manager().timeouts().call()))) {
                return Map.of();
            }
            Pause.sleep(config.manager().pollInterval(), "Swarm to place " + taskIds.size() + " tasks");
        }
    }
}
