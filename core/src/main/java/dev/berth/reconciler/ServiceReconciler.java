package dev.berth.reconciler;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.PlacementFailure;
import dev.berth.network.LoadBalancerHealth;
import dev.berth.service.Deployment;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.RolloutState;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceEventTexts;
import dev.berth.service.ServiceStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * ECS's service scheduler for REPLICA services as a pure function: {@code (state, observed, now) -> plan}.
 * It never calls a backend, reads a clock or sleeps; the same inputs always give the same plan.
 *
 * <p>One pass:
 * <ol>
 *   <li>counts tasks that stopped since the last pass: a task that never reached RUNNING feeds the restart
 *       throttle, and it or an essential-container exit feeds the circuit breaker of its deployment (a start a
 *       killed process abandoned, {@link Task#startAbandoned()}, feeds neither);</li>
 *   <li>finds the started tasks that fail their container health check, or whose target group finds them
 *       unhealthy, after the health-check grace period: as ECS does, it starts their replacements first while
 *       {@code maximumPercent} leaves room and stops them once the service has its desired count of healthy
 *       tasks without them; without room it stops them one per pass (each a breaker failure);</li>
 *   <li>stops tasks PENDING for longer than {@link ReconcilerSettings#pendingTimeout()} with
 *       {@code TaskFailedToStart} (a start nobody drives any more, e.g. its process died, holds no slot for
 *       ever);</li>
 *   <li>trips the breaker of the PRIMARY deployment at its threshold: FAILED, and with rollback a new PRIMARY
 *       running the last COMPLETED deployment's revision;</li>
 *   <li>stops surplus tasks (older deployments, draining instances, beyond the desired count), tasks that do
 *       not count as healthy at once and healthy ones only while {@code ceil(desired × min%)} stay healthy;</li>
 *   <li>launches PRIMARY tasks up to the desired count while {@code floor(desired × max%)} tasks exist at most,
 *       unless the throttle holds launches back or the deployment FAILED;</li>
 *   <li>completes the deployment when the desired count is healthy and nothing else is left, retires empty
 *       older deployments, and records events with ECS's texts;</li>
 *   <li>forgets stopped tasks it has counted once they have been stopped for
 *       {@link ReconcilerSettings#stoppedTaskRetention()}.</li>
 * </ol>
 * A deployment with work left that can neither start nor stop a task records ECS's "unable to stop or start
 * tasks" event; while some of its tasks are still settling, only once nothing moved (no task created, started or
 * stopped) for {@link ReconcilerSettings#pendingTimeout()}.
 * A deleted (DRAINING) service is drained instead: its live tasks are stopped, each stopped one is forgotten at
 * once, and the service is removed when none is left. Where the scheduler cannot place a launch, the controller
 * asks {@link #placementFailed} for the event to record.
 * A task counts as healthy when it has started (RUNNING, or ACTIVATING while its target groups check it), its
 * essential health check (if any) says HEALTHY, and its target groups (if any) say healthy; without either, once it
 * has been RUNNING for 40 s ({@link ReconcilerSettings#healthyAfterRunning()}).
 */
public final class ServiceReconciler {

    private final ReconcilerSettings settings;
    private final VictimSelector scaleIn;

    /**
     * @param settings timings
     * @param scaleIn chooses which PRIMARY tasks go when the service has too many
     */
    public ServiceReconciler(ReconcilerSettings settings, VictimSelector scaleIn) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scaleIn = Objects.requireNonNull(scaleIn, "scaleIn");
    }

    /**
     * @param state the service as last stored
     * @param observed the service's tasks and the draining instances, read just now
     * @param now the time of this pass
     * @return what to store, stop and start
     */
    public ReconcilePlan reconcile(ServiceState state, ObservedService observed, Instant now) {
        if (state.status() == ServiceStatus.DRAINING) {
            return drain(state, observed);
        }
        return new Pass(state, observed, now).run();
    }

    /**
     * The event a failed placement of the service's launches records: ECS's "unable to place a task" text with
     * the scheduler's reasons per instance; none while the same event is suppressed (ECS repeats an event at most
     * every few hours).
     *
     * @param state the service as the pass stored it
     * @param failure why the scheduler did not place some of the launched tasks
     * @param now the time of the pass
     * @return the event to record, or empty while the same one is suppressed
     */
    public Optional<ServiceEvent> placementFailed(ServiceState state, PlacementFailure failure, Instant now) {
        ServiceEvent event = new ServiceEvent(now, ServiceEvent.Kind.SERVICE_TASK_PLACEMENT_FAILURE,
                failure.ecsMessage(state.spec().name()) + " " + failure.explanation());
        return state.events().isSuppressed(event) ? Optional.empty() : Optional.of(event);
    }

    /**
     * A deleted service: stop its live tasks, forget each one as soon as it is STOPPED (so that the backend's
     * clean-up of the first overlaps with the stopping of the last), and remove the service once none is left.
     */
    private ReconcilePlan drain(ServiceState state, ObservedService observed) {
        List<TaskStop> stops = new ArrayList<>();
        List<String> forget = new ArrayList<>();
        boolean allStopped = true;
        for (Task task : observed.tasks()) {
            if (task.isLive()) {
                stops.add(new TaskStop(task.taskId(), StopCode.SERVICE_SCHEDULER_INITIATED,
                        "Service " + state.spec().name() + " deleted."));
            }
            if (task.lastStatus() == TaskStatus.STOPPED) {
                forget.add(task.taskId());
            } else {
                allStopped = false;
            }
        }
        boolean gone = stops.isEmpty() && allStopped;
        return new ReconcilePlan(state, stops, List.of(), forget, List.of(), settings.busyRequeue(), 0, gone);
    }

    /** The working state of one pass; discarded afterwards. */
    private final class Pass {
        private final ServiceState state;
        private final ObservedService observed;
        private final Instant now;
        private final String service;
        private final Map<String, Integer> newFailures = new HashMap<>();
        private final Map<String, Boolean> healthChecked = new HashMap<>();
        private final List<TaskStop> stops = new ArrayList<>();
        private final Set<String> stopping = new HashSet<>();
        private final List<ServiceEvent> newEvents = new ArrayList<>();
        /** Started tasks failing their health checks after the grace period, with the reason of their stop. */
        private final Map<String, String> unhealthy = new HashMap<>();
        /** Counted stopped tasks stopped at least the retention ago: the backend may forget them. */
        private final List<String> forget = new ArrayList<>();
        /**
         * The observed live tasks in observed order, and whether each counts as healthy: filled by the first walk,
         * so that the later ones read a flag instead of following each task's references again.
         */
        private final List<Task> live = new ArrayList<>();
        private final boolean[] liveHealthy;
        /** A task without an essential health check that started by then has been RUNNING long enough. */
        private final Instant healthyIfStartedBy;
        /** When the live tasks want another look by themselves (see {@link #noteSettling}); from the first walk. */
        private Duration settlesWithin;
        /** The last time something moved: the deployment began, or a task was created, started or stopped. */
        private Instant lastProgress;
        private int healthyPrimaryTasks;
        private List<Deployment> deployments;
        private RestartThrottle throttle;
        private ServiceEventLog events;
        private int deploymentsCreated;

        Pass(ServiceState state, ObservedService observed, Instant now) {
            this.state = state;
            this.observed = observed;
            this.now = now;
            this.service = state.spec().name();
            this.deployments = new ArrayList<>(state.deployments());
            this.throttle = state.throttle();
            this.events = state.events();
            this.deploymentsCreated = state.deploymentsCreated();
            this.healthyIfStartedBy = now.minus(settings.healthyAfterRunning());
            this.liveHealthy = new boolean[observed.tasks().size()];
            this.settlesWithin = settings.idleResync();
            this.lastProgress = primary().createdAt();
        }

        ReconcilePlan run() {
            Set<String> accounted = observeTasks();
            applyFailures();
            tripCircuitBreaker();
            List<TaskLaunch> launches = rollForward();
            applyFailures(); // the unhealthy tasks this pass stops count too; the breaker looks at them next pass
            int launchCount = launches.stream().mapToInt(TaskLaunch::count).sum();
            finishDeployments(launchCount);
            if (launchCount > 0) {
                record(ServiceEvent.Kind.TASKS_STARTED, ServiceEventTexts.startedTasks(service, launchCount));
            }
            if (!stops.isEmpty()) {
                record(ServiceEvent.Kind.TASKS_STOPPED, ServiceEventTexts.stoppedTasks(service, stops.size()));
            }
            ServiceState next = new ServiceState(state.cluster(), state.spec(), deployments, throttle, accounted,
                    deploymentsCreated, events, state.status(), state.createdAt());
            return new ReconcilePlan(next, stops, launches, forget, newEvents, requeueAfter(launchCount),
                    healthyPrimaryTasks, false);
        }

        /**
         * The first walk over the observed tasks: collects the live ones with their health, stops those that are
         * unhealthy (see {@link #noteIfUnhealthy}), notes when they settle, and counts each stopped task once;
         * forgets ids the backend no longer reports.
         */
        private Set<String> observeTasks() {
            Set<String> accounted = new HashSet<>();
            boolean primaryReachedRunning = false;
            String primaryId = primary().id();
            Instant graceOverIfStartedBy = now.minus(state.spec().healthCheckGracePeriod());
            Instant pendingSince = now.minus(settings.pendingTimeout());
            Instant oldIfStoppedBy = now.minus(settings.stoppedTaskRetention());
            for (Task task : observed.tasks()) {
                noteProgress(task);
                if (task.isLive()) {
                    boolean healthy = isHealthy(task);
                    liveHealthy[live.size()] = healthy;
                    live.add(task);
                    noteIfUnhealthy(task, graceOverIfStartedBy);
                    stopIfPendingSince(task, pendingSince);
                    noteSettling(task, healthy);
                }
                if (hasStarted(task) && task.startedBy().equals(primaryId)) {
                    primaryReachedRunning = true;
                }
                if (task.lastStatus() != TaskStatus.STOPPED) {
                    continue;
                }
                accounted.add(task.taskId());
                if (task.stoppedAt().isPresent() && !task.stoppedAt().get().isAfter(oldIfStoppedBy)) {
                    forget.add(task.taskId());
                }
                if (state.accountedStoppedTasks().contains(task.taskId())) {
                    continue;
                }
                if (task.startAbandoned()) {
                    continue; // its process was killed: says nothing against the revision
                }
                if (task.failedToStart()) {
                    throttle = throttle.afterFailedStart(now);
                    countFailure(task);
                } else if (task.stopCode().orElse(null) == StopCode.ESSENTIAL_CONTAINER_EXITED) {
                    countFailure(task);
                }
            }
            if (primaryReachedRunning && throttle.consecutiveFailures() > 0) {
                throttle = RestartThrottle.open();
            }
            return accounted;
        }

        /**
         * Notes a started task that fails its container health check, or its target groups' checks, after the
         * health-check grace period: {@link #rollForward} replaces it.
         */
        private void noteIfUnhealthy(Task task, Instant graceOverIfStartedBy) {
            if (!hasStarted(task) || !startedBy(task, graceOverIfStartedBy)) {
                return;
            }
            LoadBalancerHealth targets = observed.loadBalancerHealth().get(task.taskId());
            if (task.healthStatus() == HealthStatus.UNHEALTHY) {
                unhealthy.put(task.taskId(), "Task failed container health checks.");
            } else if (targets != null && targets.state() == LoadBalancerHealth.State.UNHEALTHY) {
                unhealthy.put(task.taskId(), "Task failed ELB health checks in (target-group " + targets.targetGroupArn()
                        + ")");
            }
        }

        /**
         * Stops a task PENDING since {@code before} or earlier: a start that nobody drives (its process was killed
         * between creating and starting its containers) or that hangs. Its stop as failed to start feeds the restart
         * throttle and the breaker once it is observed STOPPED, like any other failed start.
         */
        private void stopIfPendingSince(Task task, Instant before) {
            if (task.lastStatus() == TaskStatus.PENDING && !task.createdAt().isAfter(before)) {
                stop(task, StopCode.TASK_FAILED_TO_START, pendingTooLong(settings.pendingTimeout()));
            }
        }

        private void noteProgress(Task task) {
            lastProgress = latest(lastProgress, task.createdAt());
            task.startedAt().ifPresent(t -> lastProgress = latest(lastProgress, t));
            task.stoppedAt().ifPresent(t -> lastProgress = latest(lastProgress, t));
        }

        /**
         * A task still starting wants a look soon; one without an essential health check, once it has run long
         * enough to count as healthy.
         */
        private void noteSettling(Task task, boolean healthy) {
            if (task.lastStatus() != TaskStatus.RUNNING || !state.spec().loadBalancers().isEmpty() && !healthy) {
                settlesWithin = min(settlesWithin, settings.busyRequeue());
            } else if (!healthy && !hasHealthCheck(task)) {
                Instant healthyAt = task.startedAt().orElse(now).plus(settings.healthyAfterRunning());
                settlesWithin = min(settlesWithin, Duration.between(now, healthyAt));
            }
        }

        private void countFailure(Task task) {
            newFailures.merge(task.startedBy(), 1, Integer::sum);
        }

        /** Adds this pass's failures to the deployments whose breaker counts them (enabled, rollout in progress). */
        private void applyFailures() {
            if (breaker().enabled()) {
                deployments.replaceAll(d -> d.rolloutState() == RolloutState.IN_PROGRESS
                        && newFailures.containsKey(d.id()) ? d.withMoreFailedTasks(newFailures.get(d.id())) : d);
            }
            newFailures.clear();
        }

        private void tripCircuitBreaker() {
            Deployment primary = primary();
            int threshold = breaker().threshold().failuresToTrip(desired());
            if (!breaker().enabled() || primary.rolloutState() != RolloutState.IN_PROGRESS
                    || primary.failedTasks() < threshold) {
                return;
            }
            Deployment failed = primary.withRollout(RolloutState.FAILED,
                    ServiceEventTexts.circuitBreakerReason(primary.failedTasks(), threshold), now);
            deployments.set(0, failed);
            record(ServiceEvent.Kind.SERVICE_DEPLOYMENT_FAILED,
                    ServiceEventTexts.deploymentFailed(service, failed.id()));
            Optional<Deployment> target = deployments.stream().skip(1)
                    .filter(d -> d.rolloutState() == RolloutState.COMPLETED).findFirst();
            if (breaker().rollback() && target.isPresent()) {
                deploymentsCreated++;
                Deployment rollback = Deployment.start(ServiceState.deploymentId(deploymentsCreated),
                        target.get().taskDefinition(), now).asRollbackOf(failed.id());
                deployments.set(0, failed.withStatus(DeploymentStatus.ACTIVE, now));
                deployments.add(0, rollback);
                throttle = RestartThrottle.open();
                record(ServiceEvent.Kind.SERVICE_DEPLOYMENT_IN_PROGRESS,
                        ServiceEventTexts.rollingBack(service, failed.id(), target.get().id()));
            }
        }

        /** Stops surplus tasks within the lower bound, then launches within the upper bound; returns launches. */
        private List<TaskLaunch> rollForward() {
            int desired = desired();
            DeploymentConfiguration bounds = state.spec().deploymentConfiguration();
            List<Task> keep = new ArrayList<>(live.size());
            List<Task> surplus = new ArrayList<>();
            // After a FAILED rollout without rollback, the older deployments' tasks are all the service has: keep them.
            boolean keepOlder = primary().rolloutState() == RolloutState.FAILED;
            String primaryId = primary().id();
            Set<String> instancesWithKeptTask = new HashSet<>();
            int candidates = 0;
            int healthyCandidates = 0;
            List<Task> replaced = new ArrayList<>();
            for (int i = 0; i < live.size(); i++) {
                Task task = live.get(i);
                if (isStopping(task)) {
                    continue;
                }
                boolean current = keepOlder || task.startedBy().equals(primaryId);
                String instance = task.containerInstanceId();
                boolean wanted = daemon()
                        ? observed.eligibleInstances().contains(instance) && !instancesWithKeptTask.contains(instance)
                        : !observed.drainingInstances().contains(instance);
                String unhealthyReason = unhealthy.get(task.taskId());
                if (unhealthyReason != null && current && wanted) {
                    replaced.add(task);
                    continue;
                }
                if (unhealthyReason != null) {
                    // not wanted anyway: it goes at once
                    stop(task, unhealthyReason);
                    countFailure(task);
                    continue;
                }
                candidates++;
                if (liveHealthy[i]) {
                    healthyCandidates++;
                }
                if (current && wanted) {
                    keep.add(task);
                    if (daemon()) {
                        instancesWithKeptTask.add(instance);
                    }
                } else {
                    surplus.add(task);
                }
            }
            surplus.sort(Comparator.comparing((Task t) -> isHealthy(t))
                    .thenComparing(t -> -deploymentAge(t))
                    .thenComparing(Task::createdAt));
            List<Task> victims = new ArrayList<>(surplus);
            victims.addAll(excessVictims(keep, desired));

            int canStopHealthy = Math.max(0, healthyCandidates - bounds.lowerBound(desired));
            boolean heldBack = false;
            for (Task victim : victims) {
                boolean healthy = isHealthy(victim);
                if (healthy && canStopHealthy == 0) {
                    heldBack = true;
                    continue;
                }
                if (healthy) {
                    canStopHealthy--;
                }
                stop(victim, "Scaling activity initiated by (deployment " + primary().id() + ")");
            }

            int keptAfterStops = stopping.isEmpty() ? keep.size()
                    : (int) keep.stream().filter(t -> !stopping.contains(t.taskId())).count();
            int wanted = desired - keptAfterStops;
            boolean mayLaunch = primary().rolloutState() != RolloutState.FAILED;
            replaceUnhealthy(replaced, keep, desired, bounds.upperBound(desired) - liveTasks().size(),
                    wanted > 0 && mayLaunch && throttle.allowsLaunchAt(now));
            List<Task> remaining = liveTasks();
            int room = bounds.upperBound(desired) - remaining.size();
            int launchCount = 0;
            if (wanted > 0 && mayLaunch) {
                if (!throttle.allowsLaunchAt(now)) {
                    record(ServiceEvent.Kind.SERVICE_TASK_START_IMPAIRED, ServiceEventTexts.startImpaired(service));
                } else {
                    launchCount = Math.max(0, Math.min(wanted, room));
                }
            }
            List<TaskLaunch> launches = daemon() ? daemonLaunches(remaining, launchCount) : replicaLaunch(launchCount);
            boolean somethingToDo = wanted > 0 && mayLaunch || heldBack;
            // Tasks that settle may still free a slot; after pendingTimeout without progress, no longer.
            boolean settling = healthyCandidates < candidates
                    && lastProgress.isAfter(now.minus(settings.pendingTimeout()));
            if (somethingToDo && launches.isEmpty() && stops.isEmpty() && !settling && throttle.allowsLaunchAt(now)) {
                record(ServiceEvent.Kind.SERVICE_DEPLOYMENT_STUCK, ServiceEventTexts.stuck(service));
            }
            return launches;
        }

        /**
         * ECS's replacement of unhealthy tasks: while the upper bound leaves room, their replacements start first
         * and they stop once the service has its desired count of healthy tasks without them; with no room, one of
         * them stops per pass to make room. Each one stopped counts as a failure of its deployment.
         */
        private void replaceUnhealthy(List<Task> replaced, List<Task> keep, int desired, int room,
                                      boolean replacementsMayStart) {
            if (replaced.isEmpty()) {
                return;
            }
            long healthyKept = keep.stream().filter(t -> !isStopping(t) && isHealthy(t)).count();
            boolean replacementsReady = healthyKept >= desired;
            boolean makeRoom = room <= 0 || !replacementsMayStart;
            for (Task task : replaced) {
                if (replacementsReady || makeRoom) {
                    stop(task, unhealthy.get(task.taskId()));
                    countFailure(task);
                    if (!replacementsReady) {
                        return; // one at a time, to free room
                    }
                }
            }
        }

        private List<TaskLaunch> replicaLaunch(int count) {
            return count == 0 ? List.of() : List.of(new TaskLaunch(primary().id(), primary().taskDefinition(),
                    state.spec().taskGroup(), count, Optional.empty()));
        }

        /** One task on each eligible instance that has none left, in instance order, at most {@code count}. */
        private List<TaskLaunch> daemonLaunches(List<Task> remaining, int count) {
            Set<String> occupied = new HashSet<>();
            remaining.forEach(t -> occupied.add(t.containerInstanceId()));
            return observed.eligibleInstances().stream().sorted()
                    .filter(instance -> !occupied.contains(instance))
                    .limit(count)
                    .map(instance -> new TaskLaunch(primary().id(), primary().taskDefinition(),
                            state.spec().taskGroup(), 1, Optional.of(instance)))
                    .toList();
        }

        /** REPLICA: the spec's desired count; DAEMON: one per eligible instance. */
        private int desired() {
            return daemon() ? observed.eligibleInstances().size() : state.spec().desiredCount();
        }

        private boolean daemon() {
            return state.spec().schedulingStrategy() == SchedulingStrategy.DAEMON;
        }

        /** Picks PRIMARY tasks beyond the desired count: those not yet healthy first, then by the selector. */
        private List<Task> excessVictims(List<Task> keep, int desired) {
            int excess = keep.size() - desired;
            if (excess <= 0) {
                return List.of();
            }
            List<Task> notHealthy = keep.stream().filter(t -> !isHealthy(t)).limit(excess).toList();
            List<Task> healthy = keep.stream().filter(this::isHealthy).toList();
            List<Task> chosen = new ArrayList<>(notHealthy);
            chosen.addAll(scaleIn.select(healthy, excess - notHealthy.size()));
            return chosen;
        }

        /**
         * One walk over the live tasks: those this pass keeps decide whether the deployment completed and which
         * older deployments still have tasks; all of them count for {@link #healthyPrimaryTasks}.
         */
        private void finishDeployments(int launchCount) {
            int desired = desired();
            Deployment primary = primary();
            boolean othersLive = false;
            int healthyPrimary = 0;
            int remaining = 0;
            Set<String> withTasks = new LinkedHashSet<>();
            for (int i = 0; i < live.size(); i++) {
                Task task = live.get(i);
                // A task this pass stops still holds its deployment: the plan is stored before the stop is made,
                // and a crash in between must not leave a running task whose deployment the service forgot.
                withTasks.add(task.startedBy());
                boolean mine = task.startedBy().equals(primary.id());
                boolean healthy = mine && liveHealthy[i];
                if (healthy) {
                    healthyPrimaryTasks++;
                }
                if (isStopping(task)) {
                    continue;
                }
                remaining++;
                othersLive |= !mine;
                if (healthy) {
                    healthyPrimary++;
                }
            }
            // A task that drains before its stop still belongs to its deployment: should the process restart before
            // the stop signal, the next one finds the deployment and stops the task again.
            for (Task task : observed.tasks()) {
                if (task.lastStatus() == TaskStatus.DEACTIVATING) {
                    withTasks.add(task.startedBy());
                }
            }
            boolean settled = launchCount == 0 && stops.isEmpty() && !othersLive && healthyPrimary == desired
                    && remaining == desired;
            if (settled && primary.rolloutState() == RolloutState.IN_PROGRESS) {
                deployments.set(0, primary.withRollout(RolloutState.COMPLETED,
                        "ECS deployment " + primary.id() + " completed.", now));
                record(ServiceEvent.Kind.SERVICE_DEPLOYMENT_COMPLETED,
                        ServiceEventTexts.deploymentCompleted(service, primary.id()));
            }
            retireEmptyDeployments(withTasks);
            if (settled && primary().rolloutState() == RolloutState.COMPLETED) {
                record(ServiceEvent.Kind.SERVICE_STEADY_STATE, ServiceEventTexts.steadyState(service));
            }
        }

        /**
         * Older deployments without live tasks (a task this pass stops still counts) become INACTIVE; of those, only
         * the newest COMPLETED one is kept, as the rollback target.
         */
        private void retireEmptyDeployments(Set<String> withTasks) {
            List<Deployment> kept = new ArrayList<>();
            kept.add(deployments.get(0));
            boolean rollbackTargetKept = false;
            for (Deployment d : deployments.subList(1, deployments.size())) {
                Deployment current = withTasks.contains(d.id()) || d.status() == DeploymentStatus.INACTIVE ? d
                        : d.withStatus(DeploymentStatus.INACTIVE, now);
                boolean isRollbackTarget = current.rolloutState() == RolloutState.COMPLETED && !rollbackTargetKept;
                if (current.status() != DeploymentStatus.INACTIVE || isRollbackTarget) {
                    kept.add(current);
                    rollbackTargetKept |= isRollbackTarget;
                }
            }
            deployments = kept;
        }

        private Duration requeueAfter(int launchCount) {
            if (launchCount > 0 || !stops.isEmpty()) {
                return settings.busyRequeue();
            }
            // Nothing stopped: the live tasks of the first walk are all still there.
            Duration next = settlesWithin;
            if (throttle.nextLaunchAt().isPresent() && !throttle.allowsLaunchAt(now)) {
                next = min(next, Duration.between(now, throttle.nextLaunchAt().get()));
            }
            return next.isNegative() || next.isZero() ? settings.busyRequeue() : next;
        }

        /** The live tasks this pass does not stop. */
        private List<Task> liveTasks() {
            return stopping.isEmpty() ? live : live.stream().filter(t -> !isStopping(t)).toList();
        }

        private boolean isStopping(Task task) {
            return !stopping.isEmpty() && stopping.contains(task.taskId());
        }

        private boolean isHealthy(Task task) {
            if (!hasStarted(task)) {
                return false;
            }
            boolean balanced = !state.spec().loadBalancers().isEmpty();
            boolean containersHealthy = hasHealthCheck(task) ? task.healthStatus() == HealthStatus.HEALTHY
                    : balanced || startedBy(task, healthyIfStartedBy);
            // With load balancers, only its target groups' verdict counts: a task not registered yet is not healthy.
            return containersHealthy && (!balanced || targetsHealthy(task));
        }

        private boolean targetsHealthy(Task task) {
            LoadBalancerHealth targets = observed.loadBalancerHealth().get(task.taskId());
            return targets != null && targets.state() == LoadBalancerHealth.State.HEALTHY;
        }

        /** Whether its containers started: RUNNING, or ACTIVATING while Berth registers it with its targets. */
        private boolean hasStarted(Task task) {
            return task.startedAt().isPresent()
                    && (task.lastStatus() == TaskStatus.RUNNING || task.lastStatus() == TaskStatus.ACTIVATING);
        }

        /** Whether the task reached RUNNING at {@code time} or before. */
        private boolean startedBy(Task task, Instant time) {
            return task.startedAt().isPresent() && !task.startedAt().get().isAfter(time);
        }

        /**
         * Whether the task's revision has an essential container with a health check: looked up once per
         * deployment. A task of a deployment the service no longer knows is judged by its own health status.
         */
        private boolean hasHealthCheck(Task task) {
            Boolean known = healthChecked.get(task.startedBy());
            if (known == null) {
                Optional<Deployment> deployment = state.deployment(task.startedBy());
                if (deployment.isEmpty()) {
                    return task.healthStatus() != HealthStatus.UNKNOWN;
                }
                known = deployment.get().taskDefinition().definition().containerDefinitions().stream()
                        .filter(ContainerDefinition::essential)
                        .anyMatch(c -> c.healthCheck().isPresent());
                healthChecked.put(task.startedBy(), known);
            }
            return known;
        }

        /** Position of the task's deployment, newest = 0; tasks of unknown deployments count as oldest. */
        private int deploymentAge(Task task) {
            for (int i = 0; i < deployments.size(); i++) {
                if (deployments.get(i).id().equals(task.startedBy())) {
                    return i;
                }
            }
            return Integer.MAX_VALUE;
        }

        private void stop(Task task, String reason) {
            stop(task, StopCode.SERVICE_SCHEDULER_INITIATED, reason);
        }

        private void stop(Task task, StopCode code, String reason) {
            if (stopping.add(task.taskId())) {
                stops.add(new TaskStop(task.taskId(), code, reason));
            }
        }

        private void record(ServiceEvent.Kind kind, String message) {
            ServiceEvent event = new ServiceEvent(now, kind, message);
            if (!events.isSuppressed(event)) {
                events = events.record(event);
                newEvents.add(event);
            }
        }

        private Deployment primary() {
            return deployments.get(0);
        }

        private DeploymentCircuitBreaker breaker() {
            return state.spec().deploymentConfiguration().circuitBreaker();
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The stopped reason of a task PENDING for too long: the agent's timeouts say "timed out after waiting". */
    private static String pendingTooLong(Duration limit) {
        return "Task did not start: it was PENDING for longer than " + limit.toString().substring(2).toLowerCase()
                + " (pendingTimeout), timed out after waiting.";
    }
}
