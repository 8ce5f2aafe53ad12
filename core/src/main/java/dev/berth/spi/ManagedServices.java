package dev.berth.spi;

import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.ServiceSpec;
import java.util.Optional;

/**
 * Services that a backend keeps at their desired state by itself, as ECS does for its services: Berth forwards
 * each change and reads back what the backend reports, and its own reconciler leaves these services alone. A
 * backend offers this through {@link ComputeBackend#managedServices()} and says so in its
 * {@link BackendCapabilities#schedulesServices() capabilities}. Implementations are thread-safe.
 */
public interface ManagedServices {

    /**
     * @return whether the backend's own scheduler carries a service's {@code loadBalancers},
     *     {@code serviceRegistries} and {@code serviceConnectConfiguration} (ECS registers, drains and names the tasks
     *     itself); false, the default, makes Berth refuse services that have them, rather than drop them
     */
    default boolean carriesServiceNetworking() {
        return false;
    }

    /**
     * Creates a service and starts its first deployment.
     *
     * @param cluster the cluster's name
     * @param spec the service, already validated
     * @param taskDefinition the ACTIVE revision its tasks run
     * @throws ConflictException if the cluster has an ACTIVE or DRAINING service of that name
     * @throws ResourceNotFoundException if the cluster does not exist at the backend
     * @throws BerthException if the backend refuses the service or cannot be reached
     */
    void createService(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition);

    /**
     * Changes a service. A different revision, or {@code forceNewDeployment}, starts a new deployment.
     *
     * @param cluster the cluster's name
     * @param spec the whole new spec (same name)
     * @param taskDefinition the ACTIVE revision its tasks should run
     * @param forceNewDeployment replace every task even if the revision is the same
     * @throws ResourceNotFoundException if the service does not exist
     * @throws BerthException if the backend refuses the change or cannot be reached
     */
    void updateService(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition,
                       boolean forceNewDeployment);

    /**
     * Deletes a service: the backend stops its tasks and drops it once none is left.
     *
     * @param force delete even while the desired count is above 0
     * @throws ResourceNotFoundException if the service does not exist
     * @throws ConflictException if the desired count is above 0 and {@code force} is false
     * @throws BerthException if the backend cannot be reached
     */
    void deleteService(String cluster, String service, boolean force);

    /**
     * @return the service as the backend sees it now, or empty once it is gone (INACTIVE or unknown)
     * @throws BerthException if the backend cannot be reached
     */
    Optional<ManagedServiceStatus> describeService(String cluster, String service);
}
