package dev.berth.api;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.reconciler.ServiceState;
import dev.berth.runtime.ServiceKey;
import dev.berth.service.Deployment;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceStatus;
import dev.berth.service.internal.ServiceNetworkingRules;
import dev.berth.spi.ManagedDeployment;
import dev.berth.spi.ManagedServiceStatus;
import dev.berth.spi.ManagedServices;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Services a backend keeps itself (ECS-managed): each change is forwarded to the backend, and counts, deployments
 * and events are read back from it. Berth's store keeps only the spec as the user gave it, since a backend may not
 * echo every setting back (moto drops the deployment configuration, for one).
 */
final class BackendManagedServices implements ServiceOperations {

    private final Context context;
    private final ManagedServices backend;

    BackendManagedServices(Context context, ManagedServices backend) {
        this.context = context;
        this.backend = backend;
    }

    @Override
    public void created(ServiceState created, RegisteredTaskDefinition revision) {
        requireCarried(created.spec());
        backend.createService(created.cluster(), created.spec(), revision);
    }

    @Override
    public ServiceDescription describe(ServiceKey key, ServiceState stored) {
        ManagedServiceStatus now = status(key);
        List<DeploymentView> deployments = now.deployments().stream().map(BackendManagedServices::view).toList();
        return new ServiceDescription(key.cluster(), stored.spec(), now.status(), now.desiredCount(),
                now.runningCount(), now.pendingCount(), deployments, now.events(), stored.createdAt());
    }

    @Override
    public List<ServiceEvent> events(ServiceKey key, ServiceState stored) {
        return status(key).events();
    }

    /** Forwards the change first, so that a refused change leaves the stored spec as it was. */
    @Override
    public ServiceSpec update(ServiceKey key, UnaryOperator<ServiceSpec> change) {
        return forward(key, change, false);
    }

    @Override
    public void forceNewDeployment(ServiceKey key) {
        forward(key, UnaryOperator.identity(), true);
    }

    @Override
    public void delete(ServiceKey key, boolean force) {
        stored(key);
        backend.deleteService(key.cluster(), key.service(), force);
        context.store().updateService(key.cluster(), key.service(), current -> current.withStatus(ServiceStatus.DRAINING));
    }

    @Override
    public void reconcileNow(ServiceKey key) {
        // the backend keeps the service: there is nothing for Berth's controller to do
    }

    @Override
    public void awaitDeleted(ServiceKey key, String what, Duration timeout) {
        context.runtime().waiter().await(what + " to be deleted", timeout,
                () -> isDeleted(key) ? Optional.of(true) : Optional.empty(),
                () -> describe(key, stored(key)).summary());
    }

    private ServiceSpec forward(ServiceKey key, UnaryOperator<ServiceSpec> change, boolean forceNewDeployment) {
        ServiceState stored = stored(key);
        Service.requireActive(key, stored);
        ServiceSpec next = Service.checkedChange(stored.spec(), change);
        RegisteredTaskDefinition revision = context.taskDefinitions().resolveForLaunch(next.taskDefinition());
        ServiceNetworkingRules.requireValid(next, revision);
        requireCarried(next);
        backend.updateService(key.cluster(), next, revision, forceNewDeployment);
        context.store().updateService(key.cluster(), key.service(), current -> current.withSpec(next));
        return next;
    }

    /** Refuses networking the backend's scheduler would drop: a service nothing reaches is worse than an error. */
    private void requireCarried(ServiceSpec spec) {
        if (spec.hasServiceNetworking() && !backend.carriesServiceNetworking()) {
            throw new InvalidSpecException("the networking of service '" + spec.name() + "'", List.of(new SpecProblem(
                    "", "serviceNetworking.unsupported", "", "this backend's own scheduler does not carry"
                    + " loadBalancers, serviceRegistries or serviceConnectConfiguration; remove them, or run the"
                    + " service on a backend that does (ECS-managed, or Berth's reconciler on Docker)")));
        }
    }

    /** @return true once the backend no longer has the service; then Berth forgets it too */
    private boolean isDeleted(ServiceKey key) {
        if (backend.describeService(key.cluster(), key.service()).isPresent()) {
            return false;
        }
        context.store().removeService(key.cluster(), key.service());
        return true;
    }

    private ServiceState stored(ServiceKey key) {
        return context.store().service(key.cluster(), key.service()).orElseThrow(() -> Service.notFound(key));
    }

    private ManagedServiceStatus status(ServiceKey key) {
        return backend.describeService(key.cluster(), key.service())
                .orElseThrow(() -> new ResourceNotFoundException("Service " + key + " does not exist at "
                        + context.backend().name() + "."));
    }

    private static DeploymentView view(ManagedDeployment d) {
        Deployment deployment = new Deployment(d.id(), d.taskDefinition(), d.status(), d.rolloutState(),
                d.rolloutStateReason(), d.failedTasks(), Optional.empty(), d.createdAt(), d.updatedAt());
        return new DeploymentView(deployment, d.runningCount(), d.pendingCount());
    }
}
