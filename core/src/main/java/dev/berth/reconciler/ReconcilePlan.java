package dev.berth.reconciler;

import dev.berth.service.ServiceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one reconcile pass. The controller stores {@code next} first (or removes the service, when it is
 * {@code gone}), then stops, then launches, then forgets, so that a crash in between repeats no counted failure and
 * starts no task twice.
 *
 * @param next the service's new state (deployments, throttle, events)
 * @param stops tasks to stop
 * @param launches tasks to start
 * @param forget stopped tasks the backend may drop: counted and old enough, or of a deleted service
 * @param newEvents events recorded in this pass (already in {@code next.events()})
 * @param requeueAfter when to run the next pass at the latest
 * @param healthyPrimaryTasks how many of the observed live tasks of {@code next}'s PRIMARY deployment this pass
 *     counted as healthy (for progress reports)
 * @param gone whether the service is deleted and drained: remove it, and run no further pass
 */
public record ReconcilePlan(ServiceState next, List<TaskStop> stops, List<TaskLaunch> launches, List<String> forget,
                            List<ServiceEvent> newEvents, Duration requeueAfter, int healthyPrimaryTasks,
                            boolean gone) {
    public ReconcilePlan {
        Objects.requireNonNull(next, "next");
        stops = List.copyOf(stops);
        launches = List.copyOf(launches);
        forget = List.copyOf(forget);
        newEvents = List.copyOf(newEvents);
        Objects.requireNonNull(requeueAfter, "requeueAfter");
    }

    /** @return the number of tasks {@link #launches()} start */
    public int launchCount() {
        return launches.stream().mapToInt(TaskLaunch::count).sum();
    }
}
