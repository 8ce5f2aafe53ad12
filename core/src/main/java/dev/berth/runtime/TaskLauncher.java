package dev.berth.runtime;

import dev.berth.model.ContainerOverride;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.scheduler.PlacementRequest;
import dev.berth.scheduler.PlacementResult;
import dev.berth.scheduler.TaskPlacement;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one way Berth starts tasks it places itself, for RunTask, service plans and the controller alike: the
 * cluster's placement, then the scheduler's placement on it, then a start per placed task. Callers take the
 * placement inside the cluster's turn ({@link ClusterSnapshots#inTurn}), so that two launches never claim the same
 * free capacity.
 */
public final class TaskLauncher {

    private final ComputeBackend backend;
    private final Supplier<String> taskIds;

    /**
     * @param backend where tasks start
     * @param taskIds new task ids, unique in a cluster
     */
    public TaskLauncher(ComputeBackend backend, Supplier<String> taskIds) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.taskIds = Objects.requireNonNull(taskIds, "taskIds");
    }

    /**
     * Tasks to place and start.
     *
     * @param cluster the cluster's name
     * @param taskDefinition the ACTIVE revision to run
     * @param group the tasks' group
     * @param startedBy who starts them: a deployment id for service tasks
     * @param overrides per-container overrides
     * @param count how many
     * @param strategies how to choose instances, in order
     * @param constraints where the tasks may go, added to the task definition's
     * @param onlyOn the instances that may take them; empty = any of the cluster's
     * @param hostEntries names their containers resolve, to addresses: the Service Connect names of a service's
     *     namespace
     */
    public record Launch(String cluster, RegisteredTaskDefinition taskDefinition, String group, String startedBy,
                         List<ContainerOverride> overrides, int count, List<PlacementStrategy> strategies,
                         List<PlacementConstraint> constraints, Set<String> onlyOn, Map<String, String> hostEntries) {
        /** @throws IllegalArgumentException if {@code count} is negative */
        public Launch {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(taskDefinition, "taskDefinition");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(startedBy, "startedBy");
            overrides = List.copyOf(overrides);
            strategies = List.copyOf(strategies);
            constraints = List.copyOf(constraints);
            onlyOn = Set.copyOf(onlyOn);
            hostEntries = Map.copyOf(hostEntries);
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative, was " + count);
            }
        }

        /**
         * Tasks without host entries of their own.
         *
         * @param cluster the cluster's name
         * @param taskDefinition the ACTIVE revision to run
         * @param group the tasks' group
         * @param startedBy who starts them
         * @param overrides per-container overrides
         * @param count how many
         * @param strategies how to choose instances, in order
         * @param constraints where the tasks may go
         * @param onlyOn the instances that may take them; empty = any of the cluster's
         */
        public Launch(String cluster, RegisteredTaskDefinition taskDefinition, String group, String startedBy,
                      List<ContainerOverride> overrides, int count, List<PlacementStrategy> strategies,
                      List<PlacementConstraint> constraints, Set<String> onlyOn) {
            this(cluster, taskDefinition, group, startedBy, overrides, count, strategies, constraints, onlyOn,
                    Map.of());
        }
    }

    /**
     * Places and counts the placed tasks in {@code placement}, without starting them.
     *
     * @param placement the cluster as it is now
     * @param launch what to place
     * @param seed drives the {@code random} strategy
     * @return where each task goes and, if not all fit, why
     */
    public PlacementResult place(ClusterPlacement placement, Launch launch, long seed) {
        if (launch.count() == 0) {
            return new PlacementResult(List.of(), Optional.empty());
        }
        PlacementRequest request = PlacementRequest.forTaskDefinition(launch.taskDefinition().definition(),
                        launch.group())
                .count(launch.count())
                .strategies(launch.strategies())
                .constraints(launch.constraints())
                .build();
        return placement.place(request, launch.onlyOn(), seed);
    }

    /**
     * Places, then starts each placed task under a new id.
     *
     * @param placement the cluster as it is now; it counts the started tasks afterwards
     * @param launch what to place and start
     * @param seed drives the {@code random} strategy
     * @return the started tasks and, if not all fit, why the others were not started
     */
    public RunTaskResult launch(ClusterPlacement placement, Launch launch, long seed) {
        PlacementResult placed = place(placement, launch, seed);
        List<Task> started = new ArrayList<>(placed.placements().size());
        for (TaskPlacement task : placed.placements()) {
            String taskId = taskIds.get();
            try {
                started.add(backend.startTask(new StartTaskRequest(launch.cluster(), taskId, task.instanceId(),
                        launch.taskDefinition(), launch.group(), launch.startedBy(), launch.overrides(),
                        launch.hostEntries())));
            } catch (RuntimeException | Error e) {
                placement.startFailed();
                throw e;
            }
            placement.started(taskId, task);
        }
        return new RunTaskResult(started, placed.failure());
    }
}
