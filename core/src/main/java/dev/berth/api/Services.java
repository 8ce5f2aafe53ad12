package dev.berth.api;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.reconciler.ServiceState;
import dev.berth.runtime.ClusterPlacement;
import dev.berth.runtime.ClusterSnapshot;
import dev.berth.runtime.ServiceKey;
import dev.berth.runtime.TaskLauncher;
import dev.berth.scheduler.PlacementResult;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceStatus;
import dev.berth.service.internal.ServiceNetworkingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
     * @param spec the service's name, task definition, desired count and deployment settings
     * @return a handle on the new service
     * @throws ConflictException if the cluster has a service of that name (ACTIVE or DRAINING), or the task
     *     definition is INACTIVE
     * @throws ResourceNotFoundException if the task definition does not exist
     */
    public Service create(ServiceSpec spec) {
        RegisteredTaskDefinition revision = context.taskDefinitions().resolveForLaunch(spec.taskDefinition());
        ServiceNetworkingRules.requireValid(spec, revision);
        ServiceState state = ServiceState.create(cluster, spec, revision, context.clock().instant());
        if (!context.store().createService(state)) {
            throw new ConflictException("Service " + cluster + "/" + spec.name() + " already exists; update it, "
                    + "or delete it and wait until it is gone.");
        }
        try {
            context.services().created(state, revision);
        } catch (RuntimeException e) {
            context.store().removeService(cluster, spec.name()); // a refusal leaves no trace in the store
            throw e;
        }
        return new Service(context, new ServiceKey(cluster, spec.name()));
    }

    /**
     * Answers "would this service fit, and where?" without starting anything: places its desired count on the
     * cluster as it is now (with the spec's strategies and constraints) and reports the placements, or per
     * instance why the rest does not fit. A DAEMON service is planned as one task per eligible instance.
     *
     * @param spec the service to plan; nothing is stored
     * @return where each task would go, and why the others would not
     * @throws ResourceNotFoundException if the task definition or cluster does not exist
     * @throws ConflictException if the task definition is INACTIVE
     */
    public PlacementResult plan(ServiceSpec spec) {
        RegisteredTaskDefinition revision = context.taskDefinitions().resolveForLaunch(spec.taskDefinition());
        ClusterRecord record = context.store().cluster(cluster)
                .orElseThrow(() -> new ResourceNotFoundException("Cluster " + cluster + " does not exist."));
        ClusterSnapshot snapshot = context.runtime().snapshots().read(record);
        boolean daemon = spec.schedulingStrategy() == SchedulingStrategy.DAEMON;
        Set<String> daemonInstances = snapshot.daemonInstances(spec, revision.definition());
        List<PlacementConstraint> constraints = new ArrayList<>(spec.placementConstraints());
        if (daemon) {
            constraints.add(PlacementConstraint.distinctInstance());
        }
        return context.runtime().launcher().place(ClusterPlacement.of(snapshot), new TaskLauncher.Launch(cluster, revision,
                spec.taskGroup(), "", List.of(), daemon ? daemonInstances.size() : spec.desiredCount(),
                spec.effectivePlacementStrategies(), constraints, daemon ? daemonInstances : Set.of()),
                Objects.hash(cluster, spec.name()));
    }

    /**
     * @param name the service's name
     * @return the ACTIVE service of that name, if any
     */
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
