package dev.berth.api;

import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.WaitFailedException;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.network.Endpoint;
import dev.berth.reconciler.ServiceState;
import dev.berth.runtime.ServiceKey;
import dev.berth.service.Deployment;
import dev.berth.service.LoadBalancer;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceStatus;
import dev.berth.task.ContainerState;
import dev.berth.task.HealthStatus;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A handle on one service of a cluster. It holds only the service's key: every call reads the current state, so
 * a handle stays valid across updates and sees changes made through other handles.
 */
public final class Service {

    private final Context context;
    private final ServiceKey key;

    Service(Context context, ServiceKey key) {
        this.context = context;
        this.key = key;
    }

    /** @return the service's name */
    public String name() {
        return key.service();
    }

    /**
     * @return the service with its task counts, deployments and latest events
     * @throws ResourceNotFoundException if the service no longer exists
     */
    public ServiceDescription describe() {
        return context.services().describe(key, state());
    }

    /** @return the service's tasks that are not stopped */
    public List<Task> tasks() {
        return liveTasks(context, key, state());
    }

    /**
     * Where a test reaches the service's container port: the listener of the target group that the service
     * registers that port with, when it has one (every connection there goes to a healthy task, and tasks leave it
     * before they stop); otherwise the published port of one of its RUNNING tasks that is not UNHEALTHY, oldest
     * first.
     *
     * @param containerPort a container port of the task definition
     * @return the endpoint
     * @throws IllegalStateException if the service has no such load balancer and no RUNNING task publishes the
     *     port; the message says what its tasks publish
     */
    public Endpoint endpoint(int containerPort) {
        ServiceState state = state();
        for (LoadBalancer lb : state.spec().loadBalancers()) {
            if (lb.containerPort() == containerPort) {
                Optional<Endpoint> listener = context.runtime().networks().listener(lb.targetGroupArn());
                if (listener.isPresent()) {
                    return listener.get();
                }
            }
        }
        List<Task> running = liveTasks(context, key, state).stream()
                .filter(t -> t.lastStatus() == TaskStatus.RUNNING && t.healthStatus() != HealthStatus.UNHEALTHY)
                .sorted(Comparator.comparing(Task::createdAt)).toList();
        for (Task task : running) {
            for (ContainerState container : task.containers()) {
                Optional<Endpoint> endpoint = context.backend().endpointOf(task, container.name(), containerPort);
                if (endpoint.isPresent()) {
                    return endpoint.get();
                }
            }
        }
        throw new IllegalStateException("No load balancer of " + this + " listens for container port " + containerPort
                + ", and none of its " + running.size() + " RUNNING tasks publishes it; they publish "
                + running.stream().flatMap(t -> t.containers().stream()).flatMap(c -> c.networkBindings().stream())
                .map(b -> b.containerPort() + "->" + b.hostPort()).distinct().toList());
    }

    /** @return the latest events, newest first (at most 100, duplicates suppressed as ECS does) */
    public List<ServiceEvent> events() {
        return context.services().events(key, state());
    }

    /**
     * Changes the desired count; tasks start or stop within the deployment bounds.
     *
     * @param desiredCount the new number of tasks, 0 or more
     * @return the new spec
     * @throws IllegalArgumentException if {@code desiredCount} is negative
     * @throws ConflictException if the service is being deleted
     * @throws ResourceNotFoundException if the service no longer exists
     */
    public ServiceSpec scale(int desiredCount) {
        return update(spec -> spec.withDesiredCount(desiredCount));
    }

    /**
     * Rolls the service to another task-definition revision.
     *
     * @param taskDefinition the family (its latest ACTIVE revision) or revision to run
     * @return the new spec
     * @throws ConflictException if the revision is INACTIVE
     */
    public ServiceSpec deploy(TaskDefinitionRef taskDefinition) {
        return update(spec -> spec.withTaskDefinition(taskDefinition));
    }

    /**
     * Changes the service. A different task-definition revision starts a new deployment; other changes apply to
     * the current one.
     *
     * @param change from the current spec to the new one (its name must stay)
     * @return the new spec
     * @throws ConflictException if the service is being deleted or the revision is INACTIVE
     * @throws IllegalArgumentException if the change renames the service
     */
    public ServiceSpec update(UnaryOperator<ServiceSpec> change) {
        return context.services().update(key, change);
    }

    /**
     * Starts a new deployment of the same revision, replacing every task within the deployment bounds (for
     * example to pull a moved image tag again).
     */
    public void forceNewDeployment() {
        context.services().forceNewDeployment(key);
    }

    /**
     * Deletes the service: it turns DRAINING, its tasks stop, and it disappears once none is left.
     *
     * @param force delete even while the desired count is above 0
     * @throws ConflictException if the desired count is above 0 and {@code force} is false
     */
    public void delete(boolean force) {
        context.services().delete(key, force);
    }

    /**
     * Waits until the service is stable: one deployment and the desired count RUNNING (ECS's
     * {@code ServicesStable}). Gives up early, with the cause as the message's first line, once the deployment
     * cannot get there without a change: see {@link #awaitHealthy(Duration)}.
     *
     * <p>As with ECS's waiter, a task counts while it is RUNNING: one that crashes a moment after its start may make
     * the service look stable then. A test that is about to call the service waits with {@link #awaitHealthy}.
     *
     * @param timeout how long to wait at most
     * @return the stable service
     * @throws WaitFailedException if the deployment cannot become steady: its image cannot be pulled, its tasks
     *     keep failing (the circuit breaker's count, or without a breaker as many as a default breaker allows), or it
     *     FAILED or was rolled back; the message starts with the failed task's cause and shows its containers' last
     *     log lines and health checks
     * @throws WaitTimeoutException if it is not stable in time; the message says what was awaited, the deadline,
     *     the last state of the service and each deployment, the latest event, and the health checks of tasks that
     *     are not healthy
     * @throws ResourceNotFoundException if the service is deleted meanwhile
     * @throws BerthException if the calling thread is interrupted (its interrupt flag stays set)
     */
    public ServiceDescription awaitSteady(Duration timeout) {
        return awaitUntil(this + " to reach a steady state (one deployment, the desired count RUNNING)", timeout,
                (service, tasks) -> service.isStable());
    }

    /**
     * Waits until the deployment is done and every task healthy: one deployment, COMPLETED (its tasks counted healthy
     * by the reconciler: HEALTHY where the task definition has an essential health check, else RUNNING for
     * {@code healthyAfterRunning}, 40 s by default), the desired count RUNNING, and every task HEALTHY where the task
     * definition has an essential health check. This is what a test waits for before it calls the service.
     *
     * <p>Gives up early, with the cause as the message's first line, once the deployment cannot complete without a
     * change: it was rolled back or its rollout FAILED (the circuit breaker tripped); a task failed to start because
     * its image cannot be pulled; or, without a circuit breaker, as many tasks failed (failed to start, an essential
     * container exited, health checks failed) as a breaker with ECS's default threshold allows (50 % of the desired
     * count, at least 3).
     *
     * @param timeout how long to wait at most
     * @return the service, done
     * @throws WaitFailedException if the deployment cannot complete; the message starts with the failed task's cause
     *     (e.g. {@code CannotPullContainerError: ...}, an essential container's exit code, a health check's exit code
     *     and output) and shows its containers' last log lines
     * @throws WaitTimeoutException if it is not done in time; the message names the tasks that are not healthy with
     *     their health checks' last output
     * @throws ResourceNotFoundException if the service is deleted meanwhile
     * @throws BerthException if the calling thread is interrupted (its interrupt flag stays set)
     */
    public ServiceDescription awaitHealthy(Duration timeout) {
        return awaitUntil(this + " to complete its deployment with every task healthy", timeout, (service, tasks) -> {
            Deployment primary = service.deployments().isEmpty() ? null : service.deployments().get(0).deployment();
            boolean checked = primary != null && primary.taskDefinition().definition().containerDefinitions().stream()
                    .anyMatch(c -> c.essential() && c.healthCheck().isPresent());
            return service.isStable() && primary != null && primary.rolloutState() == RolloutState.COMPLETED
                    && (!checked || tasks.stream().filter(Task::isLive)
                            .allMatch(t -> t.healthStatus() == HealthStatus.HEALTHY));
        });
    }

    private ServiceDescription awaitUntil(String what, Duration timeout,
                                          BiPredicate<ServiceDescription, List<Task>> done) {
        // The deployment asked for last: a rollback stands in for the deployment it rolled back.
        Optional<Deployment> primary = describe().deployments().stream().findFirst().map(DeploymentView::deployment);
        FailFast.ServiceWait wait = new FailFast.ServiceWait(what, primary.map(d -> d.rollbackOf().orElse(d.id()))
                .orElse(""));
        return context.runtime().waiter().await(what, timeout, () -> {
            ServiceDescription now = describe();
            List<Task> tasks = allTasks(now);
            wait.throwIfCertain(now, tasks, context.backend(), () -> observed(now) + unhealthy(tasks));
            return done.test(now, tasks) ? Optional.of(now) : Optional.empty();
        }, () -> {
            ServiceDescription now = describe();
            return observed(now) + unhealthy(allTasks(now).stream()
                    .filter(t -> t.lastStatus() != TaskStatus.STOPPED).toList());
        });
    }

    /** @return the service's tasks as the backend lists them, stopped ones included */
    private List<Task> allTasks(ServiceDescription service) {
        return context.backend().tasks(key.cluster()).stream()
                .filter(t -> t.group().equals(service.spec().taskGroup())).toList();
    }

    /**
     * Waits until the service is gone after {@link #delete(boolean)}.
     *
     * @param timeout how long to wait at most
     * @throws WaitTimeoutException if tasks are still stopping after {@code timeout}; the message names them
     * @throws BerthException if the calling thread is interrupted (its interrupt flag stays set)
     */
    public void awaitDeleted(Duration timeout) {
        context.services().awaitDeleted(key, toString(), timeout);
    }

    /**
     * E.g. {@code ACTIVE, 2 of 3 tasks running, 1 pending; deployment ecs-svc/2 (web:3) PRIMARY IN_PROGRESS: 2
     * running, 1 pending; deployment ecs-svc/1 (web:2) ACTIVE IN_PROGRESS: 1 running; latest event: ...}.
     */
    private static String observed(ServiceDescription service) {
        StringBuilder text = new StringBuilder().append(service.status()).append(", ")
                .append(service.runningCount()).append(" of ").append(service.desiredCount()).append(" tasks running, ")
                .append(service.pendingCount()).append(" pending");
        for (DeploymentView view : service.deployments()) {
            Deployment d = view.deployment();
            text.append("; deployment ").append(d.id()).append(" (").append(d.taskDefinition().ref()).append(") ")
                    .append(d.status()).append(' ').append(d.rolloutState()).append(": ").append(view.runningCount())
                    .append(" running, ").append(view.pendingCount()).append(" pending");
        }
        service.events().stream().findFirst().ifPresent(e -> text.append("; latest event: ").append(e.message()));
        return text.toString();
    }

    /**
     * @return e.g. {@code ; tasks not healthy: task 1a2b RUNNING, health UNHEALTHY (app UNHEALTHY, last health check
     *     exit 1: "..."}; empty when every task with a health check is healthy
     */
    static String unhealthy(List<Task> tasks) {
        String text = tasks.stream().filter(t -> t.lastStatus() != TaskStatus.STOPPED
                        && t.healthStatus() != HealthStatus.HEALTHY
                        && t.containers().stream().anyMatch(c -> c.health() == HealthStatus.UNHEALTHY
                                || c.lastHealthCheck().filter(run -> !run.passed()).isPresent()))
                .map(Task::healthSummary).collect(Collectors.joining("; "));
        return text.isEmpty() ? "" : "; tasks not healthy: " + text;
    }

    private ServiceState state() {
        return context.store().service(key.cluster(), key.service()).orElseThrow(() -> notFound(key));
    }

    /** The service's tasks that are not stopped. */
    static List<Task> liveTasks(Context context, ServiceKey key, ServiceState state) {
        return tasksOf(context, key, state).stream().filter(Task::isLive).toList();
    }

    /** The service's tasks with the statuses service networking gives them (ACTIVATING, DEACTIVATING). */
    static List<Task> tasksOf(Context context, ServiceKey key, ServiceState state) {
        List<Task> mine = context.backend().tasks(key.cluster(), state.spec().taskGroup());
        return context.runtime().networks().overlay(key.cluster(), mine);
    }

    /** A changed spec, which must keep the service's name. */
    static ServiceSpec checkedChange(ServiceSpec current, UnaryOperator<ServiceSpec> change) {
        ServiceSpec next = change.apply(current);
        if (!next.name().equals(current.name())) {
            throw new IllegalArgumentException("a service cannot be renamed; create a new one");
        }
        return next;
    }

    static void requireActive(ServiceKey key, ServiceState state) {
        if (state.status() != ServiceStatus.ACTIVE) {
            throw new ConflictException("Service " + key + " is " + state.status() + " and can no longer be changed.");
        }
    }

    static ResourceNotFoundException notFound(ServiceKey key) {
        return new ResourceNotFoundException("Service " + key + " does not exist.");
    }

    /** @return e.g. {@code service web in cluster dev} */
    @Override
    public String toString() {
        return "service " + key.service() + " in cluster " + key.cluster();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Service s && s.key.equals(key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key);
    }
}
