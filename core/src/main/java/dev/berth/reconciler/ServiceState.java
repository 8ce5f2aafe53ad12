package dev.berth.reconciler;

import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.Deployment;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything Berth remembers about a service between reconcile passes: its spec, its deployments (PRIMARY
 * first), the restart throttle, which stopped tasks were already counted, and its events. Immutable; the
 * reconciler returns a new state, which the controller stores before it acts.
 *
 * @param cluster the cluster's name
 * @param spec what the service should be
 * @param deployments PRIMARY first, then ACTIVE ones newest first, then at most one INACTIVE deployment: the
 *     last COMPLETED one, kept as the circuit breaker's rollback target
 * @param throttle back-off of launches after tasks failed to start
 * @param accountedStoppedTasks ids of stopped tasks already counted, so that no failure counts twice
 * @param deploymentsCreated how many deployments the service has had; numbers the next one
 * @param events the latest events
 * @param status ACTIVE, or DRAINING once deleted while its tasks stop
 * @param createdAt when the service was created
 */
public record ServiceState(String cluster, ServiceSpec spec, List<Deployment> deployments, RestartThrottle throttle,
                           Set<String> accountedStoppedTasks, int deploymentsCreated, ServiceEventLog events,
                           ServiceStatus status, Instant createdAt) {

    /**
     * Validates the components and copies the collections.
     *
     * @throws IllegalArgumentException if the first deployment is not the PRIMARY one
     * @throws NullPointerException if a required component is null
     */
    public ServiceState {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(spec, "spec");
        deployments = List.copyOf(deployments);
        if (deployments.isEmpty() || deployments.get(0).status() != DeploymentStatus.PRIMARY) {
            throw new IllegalArgumentException("a service's first deployment must be its PRIMARY one");
        }
        Objects.requireNonNull(throttle, "throttle");
        accountedStoppedTasks = Set.copyOf(accountedStoppedTasks);
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * @param cluster the cluster's name
     * @param spec what the service should be
     * @param taskDefinition the revision the first deployment runs
     * @param now when it is created
     * @return a new service whose first deployment runs {@code taskDefinition}
     */
    public static ServiceState create(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition,
                                      Instant now) {
        Deployment first = Deployment.start(deploymentId(1), taskDefinition, now);
        return new ServiceState(cluster, spec, List.of(first), RestartThrottle.open(), Set.of(), 1,
                ServiceEventLog.empty(), ServiceStatus.ACTIVE, now);
    }

    /** @return the deployment the service converges to */
    public Deployment primary() {
        return deployments.get(0);
    }

    /**
     * @param id the deployment's id
     * @return the deployment with that id
     */
    public Optional<Deployment> deployment(String id) {
        return deployments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /**
     * Starts a new PRIMARY deployment (a new task definition or a forced new deployment); the former PRIMARY
     * becomes ACTIVE until its tasks are replaced. The restart throttle resets, as ECS's does.
     *
     * @param newSpec the service's new spec
     * @param taskDefinition the revision the new deployment runs
     * @param now when it starts
     * @return the state with the new deployment
     */
    public ServiceState deploy(ServiceSpec newSpec, RegisteredTaskDefinition taskDefinition, Instant now) {
        return withNewPrimary(newSpec, Deployment.start(deploymentId(deploymentsCreated + 1), taskDefinition, now), now);
    }

    /**
     * @param newSpec the service's new spec
     * @param next the new PRIMARY deployment
     * @param now when it starts
     * @return the state with {@code next} as PRIMARY and the former PRIMARY ACTIVE
     */
    public ServiceState withNewPrimary(ServiceSpec newSpec, Deployment next, Instant now) {
        List<Deployment> all = new ArrayList<>();
        all.add(next);
        all.add(primary().withStatus(DeploymentStatus.ACTIVE, now));
        all.addAll(deployments.subList(1, deployments.size()));
        return new ServiceState(cluster, newSpec, all, RestartThrottle.open(), accountedStoppedTasks,
                deploymentsCreated + 1, events, status, createdAt);
    }

    /**
     * @param n the deployment's number, from 1
     * @return the id of the {@code n}th deployment of a service, {@code ecs-svc/<n>}
     */
    public static String deploymentId(int n) {
        return "ecs-svc/" + n;
    }

    /**
     * @param newSpec the new spec
     * @return a copy with another spec (e.g. a new desired count), keeping the deployments
     */
    public ServiceState withSpec(ServiceSpec newSpec) {
        return new ServiceState(cluster, newSpec, deployments, throttle, accountedStoppedTasks, deploymentsCreated,
                events, status, createdAt);
    }

    /**
     * @param event the event
     * @return a copy with {@code event} recorded, unless it is a suppressed duplicate
     */
    public ServiceState withEvent(ServiceEvent event) {
        return new ServiceState(cluster, spec, deployments, throttle, accountedStoppedTasks, deploymentsCreated,
                events.record(event), status, createdAt);
    }

    /**
     * @param newStatus the new status
     * @return a copy with another status
     */
    public ServiceState withStatus(ServiceStatus newStatus) {
        return new ServiceState(cluster, spec, deployments, throttle, accountedStoppedTasks, deploymentsCreated,
                events, newStatus, createdAt);
    }
}
