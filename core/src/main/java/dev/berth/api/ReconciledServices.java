package dev.berth.api;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.ConflictException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.reconciler.ServiceState;
import dev.berth.runtime.ServiceKey;
import dev.berth.service.Deployment;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceStatus;
import dev.berth.service.internal.ServiceNetworkingRules;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Services that Berth's own controller keeps: a change is stored and the service gets a pass; counts and
 * deployments are read from the backend's tasks and the stored state.
 */
final class ReconciledServices implements ServiceOperations {

    private final Context context;

    ReconciledServices(Context context) {
        this.context = context;
    }

    /**
     * Opens the service's endpoints before its first task starts, so that its names exist for the tasks of its
     * namespace that start after it; a service whose networking cannot run here is refused.
     */
    @Override
    public void created(ServiceState created, RegisteredTaskDefinition revision) {
        try {
            context.runtime().networks().serviceChanged(created.cluster(), created.spec(), revision.definition());
        } catch (RuntimeException e) {
            context.runtime().networks().serviceRemoved(created.cluster(), created.spec().name());
            throw e;
        }
        context.runtime().controller().enqueue(new ServiceKey(created.cluster(), created.spec().name()));
    }

    @Override
    public ServiceDescription describe(ServiceKey key, ServiceState stored) {
        List<Task> tasks = Service.liveTasks(context, key, stored);
        List<DeploymentView> deployments = stored.deployments().stream()
                .filter(d -> d.status() != DeploymentStatus.INACTIVE)
                .map(d -> view(d, tasks))
                .toList();
        int running = (int) tasks.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
        return new ServiceDescription(key.cluster(), stored.spec(), stored.status(), desiredCount(key, stored),
                running, tasks.size() - running, deployments, stored.events().events(), stored.createdAt());
    }

    @Override
    public List<ServiceEvent> events(ServiceKey key, ServiceState stored) {
        return stored.events().events();
    }

    @Override
    public ServiceSpec update(ServiceKey key, UnaryOperator<ServiceSpec> change) {
        ServiceState updated = context.store().updateService(key.cluster(), key.service(), current -> {
            Service.requireActive(key, current);
            ServiceSpec next = Service.checkedChange(current.spec(), change);
            RegisteredTaskDefinition revision = context.taskDefinitions().resolveForLaunch(next.taskDefinition());
            ServiceNetworkingRules.requireValid(next, revision);
            context.runtime().networks().serviceChanged(key.cluster(), next, revision.definition());
            boolean newRevision = !revision.arn().equals(current.primary().taskDefinition().arn());
            return newRevision ? current.deploy(next, revision, context.clock().instant()) : current.withSpec(next);
        }).orElseThrow(() -> Service.notFound(key));
        context.runtime().controller().enqueue(key);
        return updated.spec();
    }

    @Override
    public void forceNewDeployment(ServiceKey key) {
        context.store().updateService(key.cluster(), key.service(), current -> {
            Service.requireActive(key, current);
            return current.deploy(current.spec(), current.primary().taskDefinition(), context.clock().instant());
        }).orElseThrow(() -> Service.notFound(key));
        context.runtime().controller().enqueue(key);
    }

    @Override
    public void delete(ServiceKey key, boolean force) {
        context.store().updateService(key.cluster(), key.service(), current -> {
            if (current.spec().desiredCount() > 0 && !force) {
                throw new ConflictException("The service cannot be stopped while it is scaled above 0. Scale "
                        + key + " to 0 first, or delete it with force.");
            }
            return current.withStatus(ServiceStatus.DRAINING);
        }).orElseThrow(() -> Service.notFound(key));
        context.runtime().controller().enqueue(key);
    }

    @Override
    public void reconcileNow(ServiceKey key) {
        context.runtime().controller().reconcileOnce(key);
        context.runtime().waiter().signal();
    }

    @Override
    public void awaitDeleted(ServiceKey key, String what, Duration timeout) {
        context.runtime().waiter().await(what + " to be deleted (every task STOPPED)", timeout,
                () -> stored(key).isEmpty() ? Optional.of(true) : Optional.empty(),
                () -> stored(key).map(s -> s.status() + (s.status() == ServiceStatus.ACTIVE ? " (not deleted)" : "")
                                + ", tasks not yet stopped: " + taskStates(notStoppedTasks(key, s)))
                        .orElse("deleted"));
    }

    private Optional<ServiceState> stored(ServiceKey key) {
        return context.store().service(key.cluster(), key.service());
    }

    private int desiredCount(ServiceKey key, ServiceState state) {
        if (state.spec().schedulingStrategy() != SchedulingStrategy.DAEMON) {
            return state.spec().desiredCount();
        }
        ClusterRecord cluster = context.store().cluster(key.cluster()).orElseThrow(() -> Service.notFound(key));
        return context.runtime().snapshots().read(cluster)
                .daemonInstances(state.spec(), state.primary().taskDefinition().definition()).size();
    }

    private List<Task> notStoppedTasks(ServiceKey key, ServiceState state) {
        return Service.tasksOf(context, key, state).stream().filter(t -> t.lastStatus() != TaskStatus.STOPPED)
                .toList();
    }

    private static String taskStates(List<Task> tasks) {
        return tasks.isEmpty() ? "none" : tasks.stream().map(t -> t.taskId() + " " + t.lastStatus())
                .collect(Collectors.joining(", "));
    }

    private static DeploymentView view(Deployment deployment, List<Task> tasks) {
        List<Task> mine = tasks.stream().filter(t -> t.startedBy().equals(deployment.id())).toList();
        int running = (int) mine.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
        return new DeploymentView(deployment, running, mine.size() - running);
    }
}
