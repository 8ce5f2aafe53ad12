package dev.berth.api;

import dev.berth.cluster.ClusterRecord;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.service.internal.ServiceNetworkingRules;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.reconciler.ClusterSnapshot;
import dev.berth.reconciler.ServiceKey;
import dev.berth.scheduler.InstanceState;
import dev.berth.scheduler.PlacementEngine;
import dev.berth.scheduler.PlacementRequest;
import dev.berth.scheduler.PlacementResult;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceState;
import dev.berth.service.ServiceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
     * @param spec the service's name, task definition, desired count and deployment settings
     * @return a handle on the new service
     * @throws ConflictException if the cluster has a service of that name (ACTIVE or DRAINING), the task
     *     definition is INACTIVE, or a Service Connect name or port is another service's in the namespace
     * @throws ResourceNotFoundException if the task definition does not exist
     * @throws dev.berth.exception.InvalidSpecException if a load balancer, registry or Service Connect port does
     *     not match the task definition (ECS's texts), a target group does not exist, or the backend runs no
     *     load balancing of Berth's
     */
    public Service create(ServiceSpec spec) {
        RegisteredTaskDefinition revision = context.taskDefinitions().resolveForLaunch(spec.taskDefinition());
        ServiceNetworkingRules.requireValid(spec, revision);
        ServiceState state = ServiceState.create(cluster, spec, revision, context.clock().instant());
        if (!context.store().createService(state)) {
            throw new ConflictException("Service " + cluster + "/" + spec.name() + " already exists; update it, "
                    + "or delete it and wait until it is gone.");
        }
        ServiceKey key = new ServiceKey(cluster, spec.name());
        if (context.managedServices().isPresent()) {
            createAtBackend(spec, revision);
        } else {
            openNetworking(spec, revision);
            context.controller().enqueue(key);
        }
        return new Service(context, key);
    }

    /**
     * Opens the service's endpoints before its first task starts, so that its names exist for the tasks of its
     * namespace that start after it; a service whose networking cannot run here leaves no trace in the store.
     */
    private void openNetworking(ServiceSpec spec, RegisteredTaskDefinition revision) {
        try {
            context.networks().serviceChanged(cluster, spec, revision.definition());
        } catch (RuntimeException e) {
            context.networks().serviceRemoved(cluster, spec.name());
            context.store().removeService(cluster, spec.name());
            throw e;
        }
    }

    /** Hands a new service to a backend that keeps services itself; a refusal leaves no trace in the store. */
    private void createAtBackend(ServiceSpec spec, RegisteredTaskDefinition revision) {
        try {
            context.managedServices().orElseThrow().createService(cluster, spec, revision);
        } catch (RuntimeException e) {
            context.store().removeService(cluster, spec.name());
            throw e;
        }
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
        ClusterSnapshot snapshot = context.snapshots().snapshot(record, context.backend().tasks(cluster));
        boolean daemon = spec.schedulingStrategy() == SchedulingStrategy.DAEMON;
        Set<String> daemonInstances = snapshot.daemonInstances(spec, revision.definition());
        int count = daemon ? daemonInstances.size() : spec.desiredCount();
        if (count == 0) {
            return new PlacementResult(List.of(), Optional.empty());
        }
        List<PlacementConstraint> constraints = new ArrayList<>(spec.placementConstraints());
        if (daemon) {
            constraints.add(PlacementConstraint.distinctInstance());
        }
        PlacementRequest request = PlacementRequest.forTaskDefinition(revision.definition(), spec.taskGroup())
                .count(count).strategies(spec.effectivePlacementStrategies()).constraints(constraints).build();
        List<InstanceState> candidates = snapshot.instances().stream()
                .filter(i -> !daemon || daemonInstances.contains(i.id())).toList();
        return PlacementEngine.of(candidates).place(request, Objects.hash(cluster, spec.name()));
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
