package dev.berth.reconciler;

import static dev.berth.reconciler.ServiceFixtures.T0;
import static dev.berth.reconciler.ServiceFixtures.failedToStart;
import static dev.berth.reconciler.ServiceFixtures.healthy;
import static dev.berth.reconciler.ServiceFixtures.service;
import static dev.berth.reconciler.ServiceFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.InstanceRejection;
import dev.berth.model.PlacementFailure;
import dev.berth.model.Rejection;
import dev.berth.model.RejectionReason;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceStatus;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decisions the controller loop used to make itself and the pure reconciler makes now: draining a deleted
 * service, forgetting counted stopped tasks after the retention, and the placement-failure event with its
 * suppression.
 */
class ServiceReconcilerDecisionsTest {

    private final ServiceReconciler reconciler =
            new ServiceReconciler(ReconcilerSettings.ecsDefaults(), (candidates, count) -> candidates.subList(0, count));

    private ReconcilePlan pass(ServiceState state, List<Task> tasks) {
        return reconciler.reconcile(state, ObservedService.replica(tasks, Set.of()), T0);
    }

    private static ServiceState deleted() {
        return service(spec(0, 100, 200)).withStatus(ServiceStatus.DRAINING);
    }

    @Test
    void aDeletedService_stopsItsLiveTasks_forgetsItsStoppedOnes_andIsNotGoneWhileOneLives() {
        ReconcilePlan plan = pass(deleted(), List.of(healthy("t1", "ecs-svc/1"), failedToStart("t2", "ecs-svc/1")));

        assertThat(plan.stops()).singleElement().satisfies(stop -> {
            assertThat(stop.taskId()).isEqualTo("t1");
            assertThat(stop.stopCode()).isEqualTo(StopCode.SERVICE_SCHEDULER_INITIATED);
            assertThat(stop.reason()).isEqualTo("Service web deleted.");
        });
        assertThat(plan.forget()).containsExactly("t2");
        assertThat(plan.launches()).isEmpty();
        assertThat(plan.gone()).isFalse();
        assertThat(plan.requeueAfter()).isEqualTo(ReconcilerSettings.ecsDefaults().busyRequeue());
    }

    @Test
    void aDeletedService_isGoneOnceEveryTaskStopped() {
        assertThat(pass(deleted(), List.of(failedToStart("t2", "ecs-svc/1"))).gone()).isTrue();
        assertThat(pass(deleted(), List.of()).gone()).isTrue();
    }

    @Test
    void countedStoppedTasks_areForgotten_onceStoppedForTheRetention() {
        Duration retention = ReconcilerSettings.ecsDefaults().stoppedTaskRetention();
        Task old = failedToStart("old", "ecs-svc/1");
        ServiceState state = service(spec(0, 100, 200));

        assertThat(reconciler.reconcile(state, ObservedService.replica(List.of(old), Set.of()),
                T0.plus(retention).minusSeconds(1)).forget()).isEmpty();
        assertThat(reconciler.reconcile(state, ObservedService.replica(List.of(old), Set.of()),
                T0.plus(retention)).forget()).containsExactly("old");
    }

    @Test
    void aPlacementFailure_isAnEventWithTheReasons_notRepeatedWhileSuppressed() {
        PlacementFailure failure = new PlacementFailure("service:web", 1, List.of(new InstanceRejection("i-1",
                List.of(new Rejection(RejectionReason.RESOURCE_MEMORY, "needs 512 MiB, 256 left")))));
        ServiceState state = service(spec(1, 100, 200));

        Optional<ServiceEvent> first = reconciler.placementFailed(state, failure, T0);

        assertThat(first).hasValueSatisfying(event -> {
            assertThat(event.kind()).isEqualTo(ServiceEvent.Kind.SERVICE_TASK_PLACEMENT_FAILURE);
            assertThat(event.message()).startsWith("service (web) was unable to place a task")
                    .contains("i-1");
        });
        ServiceState recorded = state.withEvent(first.orElseThrow());
        assertThat(reconciler.placementFailed(recorded, failure, T0.plusSeconds(60))).isEmpty();
    }
}
