package dev.berth.reconciler;

import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one reconcile pass. The controller stores {@code next} first, then stops, then launches,
 * so that a crash in between repeats no counted failure and starts no task twice.
 *
 * @param next the service's new state (deployments, throttle, events)
 * @param stops tasks to stop
 * @param launches tasks to start
 * @param newEvents events recorded in this pass (already in {@code next.events()})
 * @param requeueAfter when to run the next pass at the latest
 * @param healthyPrimaryTasks how many of the observed live tasks of {@code next}'s PRIMARY deployment this pass
 *     counted as healthy (for progress reports)
 */
public record ReconcilePlan(ServiceState next, List<TaskStop> stops, List<TaskLaunch> launches,
                            List<ServiceEvent> newEvents, Duration requeueAfter, int healthyPrimaryTasks) {
    public ReconcilePlan {
        Objects.requireNonNull(next, "next");
        stops = List.copyOf(stops);
        launches = List.copyOf(launches);
        newEvents = List.copyOf(newEvents);
        Objects.requireNonNull(requeueAfter, "requeueAfter");
    }

    /** @return the number of tasks {@link #launches()} start */
    public int launchCount() {
        return launches.stream().mapToInt(TaskLaunch::count).sum();
    }
}
