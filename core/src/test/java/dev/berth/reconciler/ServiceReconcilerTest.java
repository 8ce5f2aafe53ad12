package dev.berth.reconciler;

import dev.berth.network.LoadBalancerHealth;
import static dev.berth.reconciler.ServiceFixtures.T0;
import static dev.berth.reconciler.ServiceFixtures.failedToStart;
import static dev.berth.reconciler.ServiceFixtures.activating;
import static dev.berth.reconciler.ServiceFixtures.healthy;
import static dev.berth.reconciler.ServiceFixtures.pending;
import static dev.berth.reconciler.ServiceFixtures.revision;
import static dev.berth.reconciler.ServiceFixtures.running;
import static dev.berth.reconciler.ServiceFixtures.service;
import static dev.berth.reconciler.ServiceFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ServiceReconcilerTest {

    private final ServiceReconciler reconciler =
            new ServiceReconciler(ReconcilerSettings.ecsDefaults(), (candidates, count) -> candidates.subList(0, count));

    private static List<Task> healthyTasks(int count, String deployment) {
        return IntStream.range(0, count).mapToObj(i -> healthy(deployment + "-t" + i, deployment)).toList();
    }

    /** A service whose deployment 1 completed with {@code desired} tasks, now deploying revision 2. */
    private static ServiceState deployingRevision2(ServiceSpec spec) {
        return service(spec).deploy(spec, revision(2, false), T0);
    }

    private ReconcilePlan pass(ServiceState state, List<Task> tasks) {
        return reconciler.reconcile(state, ObservedService.replica(tasks, Set.of()), T0);
    }

    @Test
    void reconcile_whenNewService_launchesDesiredCount() {
        ReconcilePlan plan = pass(service(spec(3, 100, 200)), List.of());

        assertThat(plan.launchCount()).isEqualTo(3);
        assertThat(plan.launches().get(0).deploymentId()).isEqualTo("ecs-svc/1");
        assertThat(plan.launches().get(0).group()).isEqualTo("service:web");
        assertThat(plan.stops()).isEmpty();
    }

    @Test
    void reconcile_desired4Min50Max100_stopsTwoOldFirstThenLaunchesTwo() {
        ReconcilePlan plan = pass(deployingRevision2(spec(4, 50, 100)), healthyTasks(4, "ecs-svc/1"));

        assertThat(plan.stops()).hasSize(2);
        assertThat(plan.launchCount()).isEqualTo(2);
    }

    @Test
    void reconcile_desired2Min75Max100_cannotStopOrStartAndSaysSo() {
        ReconcilePlan plan = pass(deployingRevision2(spec(2, 75, 100)), healthyTasks(2, "ecs-svc/1"));

        assertThat(plan.stops()).isEmpty();
        assertThat(plan.launchCount()).isZero();
        assertThat(plan.newEvents()).extracting(ServiceEvent::message).contains(
                "service (web) was unable to stop or start tasks during a deployment because of the service "
                        + "deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.");
    }

    /** Found by ServiceStateMachineProperties (seed -5756022832842612236): ceil(1 × 50 %) = 1 = floor(1 × 100 %). */
    @Test
    void reconcile_desired1Min50Max100_isStuckAndKeepsTheOldTask() {
        ReconcilePlan plan = pass(deployingRevision2(spec(1, 50, 100)), healthyTasks(1, "ecs-svc/1"));

        assertThat(plan.stops()).isEmpty();
        assertThat(plan.launchCount()).isZero();
        assertThat(plan.newEvents()).extracting(ServiceEvent::kind).contains(ServiceEvent.Kind.SERVICE_DEPLOYMENT_STUCK);
    }

    @Test
    void reconcile_desired4Max200_startsFourBeforeStoppingAny() {
        ReconcilePlan plan = pass(deployingRevision2(spec(4, 100, 200)), healthyTasks(4, "ecs-svc/1"));

        assertThat(plan.launchCount()).isEqualTo(4);
        assertThat(plan.launches().get(0).deploymentId()).isEqualTo("ecs-svc/2");
        assertThat(plan.stops()).isEmpty();
    }

    @Test
    void reconcile_desired3Max125_cannotStartAny() {
        ReconcilePlan plan = pass(deployingRevision2(spec(3, 100, 125)), healthyTasks(3, "ecs-svc/1"));

        assertThat(plan.launchCount()).isZero();
        assertThat(plan.stops()).isEmpty();
        assertThat(plan.newEvents()).extracting(ServiceEvent::kind).contains(ServiceEvent.Kind.SERVICE_DEPLOYMENT_STUCK);
    }

    @Test
    void reconcile_whenNewTasksHealthy_stopsOldAndLaterCompletes() {
        ServiceState state = deployingRevision2(spec(2, 100, 200));
        List<Task> both = new java.util.ArrayList<>(healthyTasks(2, "ecs-svc/1"));
        both.addAll(healthyTasks(2, "ecs-svc/2"));

        ReconcilePlan roll = pass(state, both);
        assertThat(roll.stops()).extracting(TaskStop::taskId).containsExactlyInAnyOrder("ecs-svc/1-t0", "ecs-svc/1-t1");
        assertThat(roll.stops()).extracting(TaskStop::stopCode).containsOnly(StopCode.SERVICE_SCHEDULER_INITIATED);

        ReconcilePlan done = pass(roll.next(), healthyTasks(2, "ecs-svc/2"));
        assertThat(done.next().primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(done.next().deployments()).extracting(d -> d.status()).doesNotContain(DeploymentStatus.ACTIVE);
        assertThat(done.newEvents()).extracting(ServiceEvent::message).contains(
                "service (web) (deployment ecs-svc/2) deployment completed.",
                "service (web) has reached a steady state.");
    }

    @Test
    void reconcile_withoutHealthCheck_countsTaskHealthyOnly40SecondsAfterRunning() {
        ServiceState state = deployingRevision2(spec(1, 100, 200));
        Task freshNew = running("new", "ecs-svc/2", T0.minusSeconds(39), HealthStatus.UNKNOWN);

        ReconcilePlan tooEarly = pass(state, List.of(healthy("old", "ecs-svc/1"), freshNew));
        assertThat(tooEarly.stops()).isEmpty();
        assertThat(tooEarly.requeueAfter()).isEqualTo(Duration.ofSeconds(1));

        ReconcilePlan later = reconciler.reconcile(state,
                ObservedService.replica(List.of(healthy("old", "ecs-svc/1"), freshNew), Set.of()), T0.plusSeconds(1));
        assertThat(later.stops()).extracting(TaskStop::taskId).containsExactly("old");
    }

    @Test
    void reconcile_whenTaskUnhealthyAfterGraceAndRoomLeft_startsItsReplacementFirstThenStopsIt() {
        ServiceState state = service(spec(2, 100, 200));
        Task sick = running("sick", "ecs-svc/1", T0.minusSeconds(60), HealthStatus.UNHEALTHY);

        ReconcilePlan first = pass(state, List.of(healthy("ok", "ecs-svc/1"), sick));

        assertThat(first.stops()).isEmpty();
        assertThat(first.launchCount()).isEqualTo(1);

        ReconcilePlan replaced = pass(first.next(), List.of(healthy("ok", "ecs-svc/1"), sick,
                healthy("replacement", "ecs-svc/1")));

        assertThat(replaced.stops()).extracting(TaskStop::taskId, TaskStop::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sick", "Task failed container health checks."));
        assertThat(replaced.launchCount()).isZero();
    }

    @Test
    void reconcile_whenUnhealthyTasksAndNoRoom_stopsThemOneAtATime() {
        ServiceState state = service(spec(3, 0, 100));
        List<Task> tasks = List.of(running("a", "ecs-svc/1", T0.minusSeconds(60), HealthStatus.UNHEALTHY),
                running("b", "ecs-svc/1", T0.minusSeconds(60), HealthStatus.UNHEALTHY), healthy("c", "ecs-svc/1"));

        ReconcilePlan plan = pass(state, tasks);

        assertThat(plan.stops()).extracting(TaskStop::taskId).containsExactly("a");
        assertThat(plan.launchCount()).isEqualTo(1);
    }

    @Test
    void reconcile_withLoadBalancer_countsATaskHealthyOnlyOnceItsTargetsAre() {
        String group = "arn:aws:elasticloadbalancing:local:000000000000:targetgroup/web/1";
        ServiceState state = deployingRevision2(spec(1, 100, 200).toBuilder()
                .loadBalancer(new dev.berth.service.LoadBalancer(group, "app", 8080)).build());
        Task fresh = activating("new", "ecs-svc/2", T0.minusSeconds(5));

        LoadBalancerHealth oldHealthy = new LoadBalancerHealth(LoadBalancerHealth.State.HEALTHY, group);
        ReconcilePlan initial = reconciler.reconcile(state, observed(List.of(healthy("old", "ecs-svc/1"), fresh),
                Map.of("old", oldHealthy, "new", new LoadBalancerHealth(LoadBalancerHealth.State.INITIAL, group))),
                T0);
        assertThat(initial.stops()).isEmpty();
        assertThat(initial.requeueAfter()).isEqualTo(Duration.ofSeconds(1));

        ReconcilePlan healthyTarget = reconciler.reconcile(initial.next(), observed(List.of(healthy("old",
                "ecs-svc/1"), fresh), Map.of("old", oldHealthy, "new",
                new LoadBalancerHealth(LoadBalancerHealth.State.HEALTHY, group))), T0);
        assertThat(healthyTarget.stops()).as("no 40 s wait: the target group said healthy")
                .extracting(TaskStop::taskId).containsExactly("old");
    }

    @Test
    void reconcile_whenTargetUnhealthyAfterGrace_replacesTheTaskWithEcsReason() {
        String group = "arn:aws:elasticloadbalancing:local:000000000000:targetgroup/web/1";
        ServiceSpec graceful = ServiceSpec.builder("web", revision(1, false).ref()).desiredCount(1)
                .healthCheckGracePeriod(Duration.ofSeconds(30))
                .loadBalancer(new dev.berth.service.LoadBalancer(group, "app", 8080)).build();
        Task sick = activating("sick", "ecs-svc/1", T0.minusSeconds(20));
        Map<String, LoadBalancerHealth> unhealthy = Map.of("sick",
                new LoadBalancerHealth(LoadBalancerHealth.State.UNHEALTHY, group));

        ReconcilePlan withinGrace = reconciler.reconcile(service(graceful), observed(List.of(sick), unhealthy), T0);
        assertThat(withinGrace.stops()).isEmpty();
        assertThat(withinGrace.launchCount()).isZero();

        ReconcilePlan after = reconciler.reconcile(service(graceful), observed(List.of(sick), unhealthy),
                T0.plusSeconds(11));
        assertThat(after.launchCount()).as("the replacement first").isEqualTo(1);
        ReconcilePlan replaced = reconciler.reconcile(after.next(), observed(List.of(sick,
                running("new", "ecs-svc/1", T0, HealthStatus.UNKNOWN)), Map.of("sick", unhealthy.get("sick"), "new",
                new LoadBalancerHealth(LoadBalancerHealth.State.HEALTHY, group))), T0.plusSeconds(12));
        assertThat(replaced.stops()).extracting(TaskStop::reason)
                .containsExactly("Task failed ELB health checks in (target-group " + group + ")");
    }

    /** Found on the real engine: unhealthy tasks stopped for their replacement never reached the breaker. */
    @Test
    void reconcile_whenUnhealthyTasksAreStopped_countsThemForTheCircuitBreaker() {
        ServiceSpec breaking = spec(1, 0, 100).toBuilder().deploymentConfiguration(new dev.berth.service.DeploymentConfiguration(0, 100,
                new dev.berth.service.DeploymentCircuitBreaker(true, false,
                        new dev.berth.service.CircuitBreakerThreshold(
                                dev.berth.service.CircuitBreakerThreshold.Type.COUNT, 1)))).build();
        Task sick = running("sick", "ecs-svc/1", T0.minusSeconds(60), HealthStatus.UNHEALTHY);

        ReconcilePlan stopped = pass(service(breaking), List.of(sick));
        assertThat(stopped.stops()).extracting(TaskStop::taskId).containsExactly("sick");
        assertThat(stopped.next().primary().failedTasks()).isEqualTo(1);

        ReconcilePlan tripped = pass(stopped.next(), List.of());
        assertThat(tripped.next().primary().rolloutState()).isEqualTo(dev.berth.service.RolloutState.FAILED);
    }

    /** Found by LoadBalancerHealthProperties: a started task without a target yet counted healthy. */
    @Test
    void reconcile_withLoadBalancer_whenTaskNotRegisteredYet_countsItNotHealthy() {
        String group = "arn:aws:elasticloadbalancing:local:000000000000:targetgroup/web/1";
        ServiceState state = service(spec(1, 100, 200).toBuilder()
                .loadBalancer(new dev.berth.service.LoadBalancer(group, "app", 8080)).build());

        ReconcilePlan plan = reconciler.reconcile(state, observed(List.of(activating("t0", "ecs-svc/1",
                T0.minusSeconds(60))), Map.of()), T0);

        assertThat(plan.healthyPrimaryTasks()).isZero();
        assertThat(plan.next().primary().rolloutState()).isEqualTo(dev.berth.service.RolloutState.IN_PROGRESS);
    }

    private static ObservedService observed(List<Task> tasks, Map<String, LoadBalancerHealth> health) {
        return new ObservedService(tasks, Set.of(), Set.of(), health);
    }

    @Test
    void reconcile_whenUnhealthyWithinGracePeriod_leavesIt() {
        ServiceSpec graceful = ServiceSpec.builder("web", revision(1, false).ref()).desiredCount(1)
                .healthCheckGracePeriod(Duration.ofMinutes(2)).build();
        Task sick = running("sick", "ecs-svc/1", T0.minusSeconds(60), HealthStatus.UNHEALTHY);

        ReconcilePlan plan = pass(service(graceful), List.of(sick));

        assertThat(plan.stops()).isEmpty();
    }

    @Test
    void reconcile_whenTasksFailToStart_throttlesLaunchesAndSaysSo() {
        ServiceState state = service(spec(1, 100, 200));

        ReconcilePlan first = pass(state, List.of(failedToStart("f1", "ecs-svc/1")));
        assertThat(first.launchCount()).isZero();
        assertThat(first.requeueAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(first.newEvents()).extracting(ServiceEvent::message)
                .contains("service (web) is unable to consistently start tasks successfully.");

        ReconcilePlan retry = reconciler.reconcile(first.next(),
                ObservedService.replica(List.of(failedToStart("f1", "ecs-svc/1")), Set.of()), T0.plusSeconds(10));
        assertThat(retry.launchCount()).isEqualTo(1);
        assertThat(retry.next().throttle().consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void reconcile_whenBreakerTrips_failsDeploymentAndRollsBackToLastCompleted() {
        ServiceSpec spec = spec(1, 100, 200).withDesiredCount(1);
        spec = new ServiceSpec(spec.name(), spec.taskDefinition(), 1, spec.schedulingStrategy(),
                spec.deploymentConfiguration().withCircuitBreaker(DeploymentCircuitBreaker.enabled(true)),
                spec.placementStrategies(), spec.placementConstraints(), spec.healthCheckGracePeriod());
        ServiceState completed = pass(service(spec), List.of(healthy("old", "ecs-svc/1"))).next();
        assertThat(completed.primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        ServiceState deploying = completed.deploy(spec, revision(2, false), T0);

        // threshold for desired 1 is the minimum, 3 failed tasks
        List<Task> observed = List.of(healthy("old", "ecs-svc/1"), failedToStart("f1", "ecs-svc/2"),
                failedToStart("f2", "ecs-svc/2"), failedToStart("f3", "ecs-svc/2"));
        ReconcilePlan plan = pass(deploying, observed);

        ServiceState next = plan.next();
        assertThat(next.primary().id()).isEqualTo("ecs-svc/3");
        assertThat(next.primary().rollbackOf()).contains("ecs-svc/2");
        assertThat(next.primary().taskDefinition().revision()).isEqualTo(1);
        // the failed deployment has no task left, so it is retired at once
        assertThat(next.deployment("ecs-svc/2")).isEmpty();
        assertThat(plan.newEvents()).extracting(ServiceEvent::message).contains(
                "service (web) (deployment ecs-svc/2) deployment failed: tasks failed to start.",
                "service (web) (deployment ecs-svc/2) rolling back to deployment (ecs-svc/1).");
    }

    @Test
    void reconcile_countsEachStoppedTaskOnce() {
        ServiceState state = service(spec(1, 100, 200));
        List<Task> observed = List.of(failedToStart("f1", "ecs-svc/1"));

        ServiceState afterFirst = pass(state, observed).next();
        ServiceState afterSecond = reconciler.reconcile(afterFirst, ObservedService.replica(observed, Set.of()),
                T0.plusSeconds(11)).next();

        assertThat(afterSecond.throttle().consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void reconcile_whenScaledIn_stopsPendingBeforeHealthy() {
        ServiceState state = service(spec(1, 100, 200));

        ReconcilePlan plan = pass(state, List.of(healthy("a", "ecs-svc/1"), pending("b", "ecs-svc/1")));

        assertThat(plan.stops()).extracting(TaskStop::taskId).containsExactly("b");
    }

    @Test
    void reconcile_whenInstanceDraining_replacesItsTaskWithinBounds() {
        ServiceState state = service(spec(1, 100, 200));
        List<Task> tasks = List.of(healthy("a", "ecs-svc/1"));

        ReconcilePlan plan = reconciler.reconcile(state, ObservedService.replica(tasks, Set.of("i-1")), T0);

        assertThat(plan.stops()).isEmpty();
        assertThat(plan.launchCount()).isEqualTo(1);
    }

    @Test
    void reconcile_countsHealthyPrimaryTasksAsObserved_includingThoseItStops() {
        ServiceState state = service(spec(2, 100, 200));
        List<Task> tasks = List.of(healthy("a", "ecs-svc/1"), healthy("b", "ecs-svc/1"), healthy("c", "ecs-svc/1"),
                pending("d", "ecs-svc/1"), healthy("old", "ecs-svc/0"));

        ReconcilePlan plan = pass(state, tasks);

        assertThat(plan.stops()).extracting(TaskStop::taskId).contains("a", "d", "old");
        assertThat(plan.healthyPrimaryTasks()).isEqualTo(3);
    }

    /**
     * A deployment the service no longer knows tells nothing about its revision's health check, so each of its
     * tasks is judged by its own health status, whatever the order of the observed tasks (this once depended on
     * which of them the pass happened to look at first).
     */
    @Test
    void reconcile_tasksOfUnknownDeployment_eachJudgedByItsOwnHealthStatus() {
        ServiceState state = service(spec(2, 100, 200));
        Task reportsHealthy = running("checked", "ecs-svc/9", T0.minus(Duration.ofMinutes(5)), HealthStatus.HEALTHY);
        Task reportsNothing = running("unchecked", "ecs-svc/9", T0.minus(Duration.ofMinutes(5)), HealthStatus.UNKNOWN);

        for (List<Task> tasks : List.of(List.of(reportsHealthy, reportsNothing), List.of(reportsNothing, reportsHealthy))) {
            ReconcilePlan plan = pass(state, tasks);

            assertThat(plan.stops()).as("both count as healthy, so neither may stop below 100%%").isEmpty();
            assertThat(plan.launchCount()).isEqualTo(2);
        }
    }

    /**
     * Issue #17: a start abandoned between create and start (its process was killed) is observed PENDING for ever.
     * At 100/150 with 3 replicas it took the only spare slot: nothing could stop or launch, and since a task was
     * "settling", not even the stuck event was recorded, for as long as the process lived.
     */
    @Test
    void reconcile_taskPendingForEverHoldsTheOnlySlot_isStoppedAsFailedToStartAfterThePendingTimeout() {
        ServiceState state = deployingRevision2(spec(3, 100, 150));
        List<Task> tasks = new ArrayList<>(healthyTasks(3, "ecs-svc/1"));
        tasks.add(pending("orphan", "ecs-svc/2"));

        for (Duration after : List.of(Duration.ZERO, Duration.ofMinutes(2))) {
            ReconcilePlan settling = reconciler.reconcile(state, ObservedService.replica(tasks, Set.of()),
                    T0.plus(after));
            assertThat(settling.stops()).as("at T0+%s, within the pending timeout", after).isEmpty();
            assertThat(settling.launchCount()).isZero();
        }
        for (Duration after : List.of(ReconcilerSettings.DEFAULT_PENDING_TIMEOUT, Duration.ofHours(1))) {
            ReconcilePlan plan = reconciler.reconcile(state, ObservedService.replica(tasks, Set.of()), T0.plus(after));
            assertThat(plan.stops()).as("at T0+%s", after).singleElement().satisfies(stop -> {
                assertThat(stop.taskId()).isEqualTo("orphan");
                assertThat(stop.stopCode()).isEqualTo(StopCode.TASK_FAILED_TO_START);
                assertThat(stop.reason()).contains("PENDING for longer than 7m");
            });
            assertThat(plan.launchCount()).as("the freed slot is filled at once").isEqualTo(1);
        }
    }

    /** The control of the case above: without the PENDING task the roll launches into the spare slot. */
    @Test
    void reconcile_withoutThePendingTask_launchesIntoTheSpareSlot() {
        ReconcilePlan plan = pass(deployingRevision2(spec(3, 100, 150)), healthyTasks(3, "ecs-svc/1"));

        assertThat(plan.launchCount()).isEqualTo(1);
    }

    /**
     * A task that never settles (RUNNING, its health check never reporting) holds the spare slot: the stuck event is
     * recorded once nothing moved for the pending timeout, although the task still counts as settling.
     */
    @Test
    void reconcile_noProgressForThePendingTimeoutWhileATaskSettles_recordsTheStuckEvent() {
        ServiceSpec spec = spec(3, 100, 150);
        ServiceState state = service(spec).deploy(spec, revision(2, true), T0);
        List<Task> tasks = new ArrayList<>(healthyTasks(3, "ecs-svc/1"));
        tasks.add(running("silent", "ecs-svc/2", T0, HealthStatus.UNKNOWN));

        ReconcilePlan early = reconciler.reconcile(state, ObservedService.replica(tasks, Set.of()),
                T0.plus(Duration.ofMinutes(2)));
        ReconcilePlan late = reconciler.reconcile(state, ObservedService.replica(tasks, Set.of()),
                T0.plus(ReconcilerSettings.DEFAULT_PENDING_TIMEOUT));

        assertThat(early.newEvents()).as("still settling").isEmpty();
        assertThat(late.stops()).isEmpty();
        assertThat(late.launchCount()).isZero();
        assertThat(late.newEvents()).extracting(ServiceEvent::kind).containsExactly(
                ServiceEvent.Kind.SERVICE_DEPLOYMENT_STUCK);
    }

    @Test
    void settings_pendingTimeoutMustBePositive() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> ReconcilerSettings.ecsDefaults().withPendingTimeout(Duration.ZERO))
                .withMessageContaining("pendingTimeout must be positive");
    }
}
