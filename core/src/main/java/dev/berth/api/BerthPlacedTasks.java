package dev.berth.api;

import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.runtime.TaskLauncher;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Standalone tasks Berth's scheduler places: in the cluster's turn, through the one {@link TaskLauncher} that
 * service passes use too, with the request's strategies (ECS's RunTask default, random, when it gives none).
 */
final class BerthPlacedTasks implements TaskRunner {

    private final Context context;

    BerthPlacedTasks(Context context) {
        this.context = context;
    }

    @Override
    public RunTaskResult run(String cluster, RegisteredTaskDefinition revision, String group, RunTaskRequest request) {
        List<PlacementStrategy> strategies = request.placementStrategies().isEmpty()
                ? PlacementStrategy.runTaskDefaults() : request.placementStrategies();
        TaskLauncher.Launch launch = new TaskLauncher.Launch(cluster, revision, group, request.startedBy().orElse(""),
                request.overrides(), request.count(), strategies, request.placementConstraints(), Set.of());
        return context.runtime().snapshots().inTurn(cluster, () -> {
            var record = context.store().cluster(cluster)
                    .orElseThrow(() -> new ResourceNotFoundException("Cluster " + cluster + " does not exist."));
            return context.runtime().launcher().launch(context.runtime().snapshots().placement(record), launch,
                    Objects.hash(cluster, group, context.clock().millis()));
        });
    }
}
