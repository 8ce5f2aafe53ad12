package dev.berth.api;

import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.reconciler.ServiceState;
import dev.berth.runtime.ServiceKey;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How the services of one {@link Berth} are kept at their desired state: by Berth's own controller
 * ({@link ReconciledServices}), or by a backend that schedules services itself, such as ECS
 * ({@link BackendManagedServices}). The {@link Berth} chooses once, when it is built; {@link Service} and
 * {@link Services} call whichever it chose. Both keep the spec as the user gave it in Berth's store.
 */
interface ServiceOperations {

    /**
     * Takes over a service just stored. On a refusal the caller forgets the service again.
     *
     * @param created the service as stored
     * @param revision the ACTIVE revision of its first deployment
     */
    void created(ServiceState created, RegisteredTaskDefinition revision);

    /**
     * @param key the service
     * @param stored the service as stored
     * @return its counts, deployments and latest events
     */
    ServiceDescription describe(ServiceKey key, ServiceState stored);

    /**
     * @param key the service
     * @param stored the service as stored
     * @return its latest events, newest first
     */
    List<ServiceEvent> events(ServiceKey key, ServiceState stored);

    /**
     * Changes the service: a different revision starts a new deployment.
     *
     * @param key the service
     * @param change from the current spec to the new one
     * @return the new spec
     */
    ServiceSpec update(ServiceKey key, UnaryOperator<ServiceSpec> change);

    /**
     * Starts a new deployment that replaces every task, even with the same revision.
     *
     * @param key the service
     */
    void forceNewDeployment(ServiceKey key);

    /**
     * Deletes the service: its tasks stop and it disappears once none is left.
     *
     * @param key the service
     * @param force delete even while the desired count is above 0
     */
    void delete(ServiceKey key, boolean force);

    /**
     * Runs one pass of Berth's controller on the calling thread; nothing when the backend keeps the service.
     *
     * @param key the service
     */
    void reconcileNow(ServiceKey key);

    /**
     * Waits until a deleted service is gone.
     *
     * @param key the service
     * @param what the service, for the timeout message
     * @param timeout how long to wait at most
     */
    void awaitDeleted(ServiceKey key, String what, Duration timeout);
}
