package dev.berth.api;

import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.reconciler.ServiceKey;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceState;
import dev.berth.service.ServiceStatus;
import java.util.List;
import java.util.Optional;

/** The services of one cluster. */
public final class Services {

    private final Context context;
    private final String cluster;

    Services(Context context, String cluster) {
        this.context = context;
        this.cluster = cluster;
    }

    /**
     * Creates a service and starts its first deployment.
     *
     * @return a handle on the new service
     * @throws ConflictException if the cluster has a service of that name (ACTIVE or DRAINING), or the task
     *     definition is INACTIVE
     * @throws ResourceNotFoundException if the task definition does not exist
     * @throws UnsupportedOperationException for DAEMON services, which Berth does not schedule yet
     */
    public Service create(ServiceSpec spec) {
        if (spec.schedulingStrategy() == SchedulingStrategy.DAEMON) {
            throw new UnsupportedOperationException("DAEMON services are not supported yet; use REPLICA with "
                    + "distinctInstance and a desired count equal to the number of instances.");
        }
        RegisteredTaskDefinition revision = context.taskDefinitions().resolveForLaunch(spec.taskDefinition());
        ServiceState state = ServiceState.create(cluster, spec, revision, context.clock().instant());
        if (!context.store().createService(state)) {
            throw new ConflictException("Service " + cluster + "/" + spec.name() + " already exists; update it, "
                    + "or delete it and wait until it is gone.");
        }
        ServiceKey key = new ServiceKey(cluster, spec.name());
        context.controller().enqueue(key);
        return new Service(context, key);
    }

    /** @return the ACTIVE service of that name, if any */
    public Optional<Service> get(String name) {
        return context.store().service(cluster, name)
                .filter(s -> s.status() == ServiceStatus.ACTIVE)
                .map(s -> new Service(context, new ServiceKey(cluster, name)));
    }

    /** @return the cluster's ACTIVE services, by name (DRAINING ones are hidden, as in ECS) */
    public List<Service> list() {
        return context.store().services(cluster).stream()
                .filter(s -> s.status() == ServiceStatus.ACTIVE)
                .map(s -> new Service(context, new ServiceKey(cluster, s.spec().name())))
                .toList();
    }
}
