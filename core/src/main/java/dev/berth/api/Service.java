package dev.berth.api;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.WaitTimeoutException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.runtime.ServiceKey;
import dev.berth.service.Deployment;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceState;
import dev.berth.service.ServiceStatus;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
        ServiceState state = state();
        Optional<ManagedServiceCalls> managed = managed();
        if (managed.isPresent()) {
            return managed.get().describe(state);
        }
        List<Task> tasks = liveTasks(state);
        List<DeploymentView> deployments = state.deployments().stream()
                .filter(d -> d.status() != DeploymentStatus.INACTIVE)
                .map(d -> view(d, tasks))
                .toList();
        int running = (int) tasks.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
        return new ServiceDescription(key.cluster(), state.spec(), state.status(), desiredCount(state), running,
                tasks.size() - running, deployments, state.events().events(), state.createdAt());
    }

    /** @return the service's tasks that are not stopped */
    public List<Task> tasks() {
        return liveTasks(state());
    }

    /** @return the latest events, newest first (at most 100, duplicates suppressed as ECS does) */
    public List<ServiceEvent> events() {
        return managed().isPresent() ? describe().events() : state().events().events();
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
        Optional<ManagedServiceCalls> managed = managed();
        if (managed.isPresent()) {
            ServiceState current = state();
            requireActive(current);
            return managed.get().update(current, change, false);
        }
        ServiceState updated = context.store().updateService(key.cluster(), key.service(), current -> {
            requireActive(current);
            ServiceSpec next = change.apply(current.spec());
            if (!next.name().equals(current.spec().name())) {
                throw new IllegalArgumentException("a service cannot be renamed; create a new one");
            }
            RegisteredTaskDefinition revision = context.taskDefinitions().resolveForLaunch(next.taskDefinition());
            boolean newRevision = !revision.arn().equals(current.primary().taskDefinition().arn());
            return newRevision ? current.deploy(next, revision, context.clock().instant()) : current.withSpec(next);
        }).orElseThrow(this::notFound);
        context.runtime().controller().enqueue(key);
        return updated.spec();
    }

    /**
     * Starts a new deployment of the same revision, replacing every task within the deployment bounds (for
     * example to pull a moved image tag again).
     */
    public void forceNewDeployment() {
        Optional<ManagedServiceCalls> managed = managed();
        if (managed.isPresent()) {
            ServiceState current = state();
            requireActive(current);
            managed.get().update(current, UnaryOperator.identity(), true);
            return;
        }
        context.store().updateService(key.cluster(), key.service(), current -> {
            requireActive(current);
            return current.deploy(current.spec(), current.primary().taskDefinition(), context.clock().instant());
        }).orElseThrow(this::notFound);
        context.runtime().controller().enqueue(key);
    }

    /**
     * Deletes the service: it turns DRAINING, its tasks stop, and it disappears once none is left.
     *
     * @param force delete even while the desired count is above 0
     * @throws ConflictException if the desired count is above 0 and {@code force} is false
     */
    public void delete(boolean force) {
        Optional<ManagedServiceCalls> managed = managed();
        if (managed.isPresent()) {
            state();
            managed.get().delete(force);
            return;
        }
        context.store().updateService(key.cluster(), key.service(), current -> {
            if (current.spec().desiredCount() > 0 && !force) {
                throw new ConflictException("The service cannot be stopped while it is scaled above 0. Scale "
                        + key + " to 0 first, or delete it with force.");
            }
            return current.withStatus(ServiceStatus.DRAINING);
        }).orElseThrow(this::notFound);
        context.runtime().controller().enqueue(key);
    }

    /**
     * Waits until the service is stable: one deployment and the desired count RUNNING (ECS's
     * {@code ServicesStable}).
     *
     * @param timeout how long to wait at most
     * @return the stable service
     * @throws WaitTimeoutException if it is not stable in time; the message says what was awaited, the deadline,
     *     the last state of the service and each deployment, and the latest event
     * @throws ResourceNotFoundException if the service is deleted meanwhile
     * @throws BerthException if the calling thread is interrupted (its interrupt flag stays set)
     */
    public ServiceDescription awaitSteady(Duration timeout) {
        return context.runtime().waiter().await(this + " to reach a steady state (one deployment, the desired count RUNNING)",
                timeout, () -> Optional.of(describe()).filter(ServiceDescription::isStable),
                () -> observed(describe()));
    }

    /**
     * Waits until the service is gone after {@link #delete(boolean)}.
     *
     * @param timeout how long to wait at most
     * @throws WaitTimeoutException if tasks are still stopping after {@code timeout}; the message names them
     * @throws BerthException if the calling thread is interrupted (its interrupt flag stays set)
     */
    public void awaitDeleted(Duration timeout) {
        Optional<ManagedServiceCalls> managed = managed();
        if (managed.isPresent()) {
            context.runtime().waiter().await(this + " to be deleted", timeout,
                    () -> managed.get().isDeleted() ? Optional.of(true) : Optional.empty(),
                    () -> describe().summary());
            return;
        }
        context.runtime().waiter().await(this + " to be deleted (every task STOPPED)", timeout,
                () -> context.store().service(key.cluster(), key.service()).isEmpty() ? Optional.of(true)
                        : Optional.empty(),
                () -> context.store().service(key.cluster(), key.service())
                        .map(s -> s.status() + (s.status() == ServiceStatus.ACTIVE ? " (not deleted)" : "")
                                + ", tasks not yet stopped: " + taskStates(notStoppedTasks(s)))
                        .orElse("deleted"));
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

    private static String taskStates(List<Task> tasks) {
        return tasks.isEmpty() ? "none" : tasks.stream().map(t -> t.taskId() + " " + t.lastStatus())
                .collect(Collectors.joining(", "));
    }

    private int desiredCount(ServiceState state) {
        if (state.spec().schedulingStrategy() != SchedulingStrategy.DAEMON) {
            return state.spec().desiredCount();
        }
        ClusterRecord cluster = context.store().cluster(key.cluster()).orElseThrow(this::notFound);
        return context.runtime().snapshots().read(cluster)
                .daemonInstances(state.spec(), state.primary().taskDefinition().definition()).size();
    }

    private Optional<ManagedServiceCalls> managed() {
        return context.managedServices().map(backend -> new ManagedServiceCalls(context, backend, key));
    }

    private ServiceState state() {
        return context.store().service(key.cluster(), key.service()).orElseThrow(this::notFound);
    }

    private List<Task> liveTasks(ServiceState state) {
        return context.backend().tasks(key.cluster()).stream()
                .filter(t -> t.group().equals(state.spec().taskGroup()) && t.isLive())
                .toList();
    }

    private List<Task> notStoppedTasks(ServiceState state) {
        return context.backend().tasks(key.cluster()).stream()
                .filter(t -> t.group().equals(state.spec().taskGroup()) && t.lastStatus() != TaskStatus.STOPPED)
                .toList();
    }

    private static DeploymentView view(Deployment deployment, List<Task> tasks) {
        List<Task> mine = tasks.stream().filter(t -> t.startedBy().equals(deployment.id())).toList();
        int running = (int) mine.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
        return new DeploymentView(deployment, running, mine.size() - running);
    }

    private void requireActive(ServiceState state) {
        if (state.status() != ServiceStatus.ACTIVE) {
            throw new ConflictException("Service " + key + " is " + state.status() + " and can no longer be changed.");
        }
    }

    private ResourceNotFoundException notFound() {
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
