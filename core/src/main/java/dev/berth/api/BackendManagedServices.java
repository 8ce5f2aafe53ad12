package dev.berth.api;

import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.runtime.ServiceKey;
import dev.berth.service.Deployment;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceState;
import dev.berth.service.ServiceStatus;
import dev.berth.spi.ManagedDeployment;
import dev.berth.spi.ManagedServiceStatus;
import dev.berth.spi.ManagedServices;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What {@link Service} does for a service its backend keeps (ECS-managed): each change is forwarded to the backend,
 * and counts, deployments and events are read back from it. Berth's store keeps only the spec as the user gave it,
 * since a backend may not echo every setting back (moto drops the deployment configuration, for one).
 */
final class ManagedServiceCalls {

    private final Context context;
    private final ManagedServices backend;
    private final ServiceKey key;

    ManagedServiceCalls(Context context, ManagedServices backend, ServiceKey key) {
        this.context = context;
        this.backend = backend;
        this.key = key;
    }

    ServiceDescription describe(ServiceState stored) {
        ManagedServiceStatus now = status();
        List<DeploymentView> deployments = now.deployments().stream().map(this::view).toList();
        return new ServiceDescription(key.cluster(), stored.spec(), now.status(), now.desiredCount(),
                now.runningCount(), now.pendingCount(), deployments, now.events(), stored.createdAt());
    }

    /** Forwards the change first, so that a refused change leaves the stored spec as it was. */
    ServiceSpec update(ServiceState stored, UnaryOperator<ServiceSpec> change, boolean forceNewDeployment) {
        ServiceSpec next = change.apply(stored.spec());
        if (!next.name().equals(stored.spec().name())) {
            throw new IllegalArgumentException("a service cannot be renamed; create a new one");
        }
        RegisteredTaskDefinition revision = context.taskDefinitions().resolveForLaunch(next.taskDefinition());
        backend.updateService(key.cluster(), next, revision, forceNewDeployment);
        context.store().updateService(key.cluster(), key.service(), current -> current.withSpec(next));
        return next;
    }

    void delete(boolean force) {
        backend.deleteService(key.cluster(), key.service(), force);
        context.store().updateService(key.cluster(), key.service(), current -> current.withStatus(ServiceStatus.DRAINING));
    }

    /** @return true once the backend no longer has the service; then Berth forgets it too */
    boolean isDeleted() {
        if (backend.describeService(key.cluster(), key.service()).isPresent()) {
            return false;
        }
        context.store().removeService(key.cluster(), key.service());
        return true;
    }

    private ManagedServiceStatus status() {
        return backend.describeService(key.cluster(), key.service())
                .orElseThrow(() -> new ResourceNotFoundException("Service " + key + " does not exist at "
                        + context.backend().name() + "."));
    }

    private DeploymentView view(ManagedDeployment d) {
        Deployment deployment = new Deployment(d.id(), d.taskDefinition(), d.status(), d.rolloutState(), d.rolloutStateReason(),
                d.failedTasks(), Optional.empty(), d.createdAt(), d.updatedAt());
        return new DeploymentView(deployment, d.runningCount(), d.pendingCount());
    }
}
