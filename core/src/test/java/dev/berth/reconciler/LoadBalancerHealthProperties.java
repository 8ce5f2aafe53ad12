package dev.berth.reconciler;

import dev.berth.network.LoadBalancerHealth;
import static dev.berth.reconciler.ServiceFixtures.T0;
import static dev.berth.reconciler.ServiceFixtures.revision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.LoadBalancer;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceSpec;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reconciler as a pure function over services with a load balancer: whatever the tasks, their statuses, ages
 * and container health, it counts a task healthy only when its target group says HEALTHY, completes a deployment
 * only when every task of it is healthy there, and never stops a task that is healthy there below the lower bound.
 */
class LoadBalancerHealthProperties {

    private static final String GROUP = "arn:aws:elasticloadbalancing:local:000000000000:targetgroup/web/1";

    /** One observed task and what its target group says of it (empty: not registered yet). */
    record Observed(Task task, Optional<LoadBalancerHealth.State> target) { }

    @Property(tries = 1000)
    void healthyCount_neverIncludesATaskItsTargetGroupDoesNotCallHealthy(@ForAll("desired") int desired,
                                                                      @ForAll("tasks") List<Observed> tasks) {
        ServiceState state = ServiceState.create("dev", ServiceSpec.builder("web", revision(1, false).ref())
                .desiredCount(desired).loadBalancer(new LoadBalancer(GROUP, "app", 8080))
                .deploymentConfiguration(new DeploymentConfiguration(100, 200, DeploymentCircuitBreaker.disabled()))
                .build(), revision(1, false), T0.minus(Duration.ofHours(1)));
        Map<String, LoadBalancerHealth> health = new HashMap<>();
        List<Task> observed = new ArrayList<>();
        for (Observed o : tasks) {
            observed.add(o.task());
            o.target().ifPresent(s -> health.put(o.task().taskId(), new LoadBalancerHealth(s, GROUP)));
        }
        ServiceReconciler reconciler = new ServiceReconciler(ReconcilerSettings.ecsDefaults(),
                (candidates, count) -> candidates.subList(0, Math.min(count, candidates.size())));

        ReconcilePlan plan = reconciler.reconcile(state, new ObservedService(observed, Set.of(), Set.of(), health), T0);

        long healthyInGroup = tasks.stream().filter(o -> o.task().isLive()
                && o.target().filter(s -> s == LoadBalancerHealth.State.HEALTHY).isPresent()).count();
        assertThat(plan.healthyPrimaryTasks()).isLessThanOrEqualTo((int) healthyInGroup);
        if (plan.next().primary().rolloutState() == RolloutState.COMPLETED) {
            assertThat(tasks).filteredOn(o -> o.task().isLive())
                    .allSatisfy(o -> assertThat(o.target()).contains(LoadBalancerHealth.State.HEALTHY));
        }
        long stoppedHealthy = plan.stops().stream().filter(stop -> tasks.stream().anyMatch(o -> o.task().taskId()
                .equals(stop.taskId()) && o.task().isLive()
                && o.target().filter(s -> s == LoadBalancerHealth.State.HEALTHY).isPresent())).count();
        assertThat(healthyInGroup - stoppedHealthy).as("healthy in the group after the stops")
                .isGreaterThanOrEqualTo(Math.min(healthyInGroup, desired));
    }

    @Provide
    Arbitrary<Integer> desired() {
        return Arbitraries.integers().between(0, 5);
    }

    @Provide
    Arbitrary<List<Observed>> tasks() {
        Arbitrary<TaskStatus> status = Arbitraries.of(TaskStatus.PENDING, TaskStatus.ACTIVATING, TaskStatus.RUNNING);
        // The revision has no health check: its tasks' health is UNKNOWN, and only the target groups judge them.
        Arbitrary<Observed> one = Combinators.combine(Arbitraries.integers().between(0, 1_000_000), status,
                        Arbitraries.integers().between(0, 120), Arbitraries.just(HealthStatus.UNKNOWN),
                        Arbitraries.of(LoadBalancerHealth.State.class).optional())
                .as((id, s, age, health, target) -> {
                    boolean started = s != TaskStatus.PENDING;
                    Task task = new Task("t" + id, "dev", "arn", "i-1", "service:web", "ecs-svc/1", s,
                            DesiredStatus.RUNNING, health, List.of(), T0.minusSeconds(age + 1L),
                            started ? Optional.of(T0.minusSeconds(age)) : Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.empty());
                    return new Observed(task, started ? target : Optional.empty());
                });
        return one.list().ofMaxSize(8).uniqueElements(o -> o.task().taskId());
    }
}
