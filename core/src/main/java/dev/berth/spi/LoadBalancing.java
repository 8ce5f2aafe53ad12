package dev.berth.spi;

import dev.berth.network.Endpoint;
import dev.berth.network.TargetGroup;
import dev.berth.task.Task;
import java.util.Optional;

/**
 * The data plane of Berth's target groups and Service Connect endpoints, for a backend without a load balancer or
 * service registry of its own: Berth's runtime decides which task is registered where and when; the plane forwards
 * connections, checks the targets' health and drains. The Docker backend's plane is real (sockets on the host),
 * the in-memory backend's a simulation driven by its clock. A backend offers it through
 * {@link ComputeBackend#loadBalancing()}. Implementations are thread-safe.
 */
public interface LoadBalancing extends AutoCloseable {

    /**
     * Opens a target group's balancer: its listener, health checks of registered targets, and draining.
     *
     * @param group the target group
     * @return the running balancer; closed by Berth when the group is deleted or Berth closes
     * @throws dev.berth.exception.BerthException if its listener cannot be opened (a port in use)
     */
    TargetGroupBalancer openTargetGroup(TargetGroup group);

    /**
     * Opens the endpoint {@code dnsName:port} of a Service Connect namespace: a balancer without health checks of its
     * own, whose targets Berth sets to the service's tasks that count as healthy.
     *
     * @param cluster the cluster whose tasks use the namespace
     * @param namespace the namespace
     * @param dnsName the name clients resolve
     * @param port the port clients connect to
     * @return the running endpoint; closed by Berth when no service serves it any more or Berth closes
     * @throws dev.berth.exception.BerthException if it cannot be opened (the port is taken in the namespace)
     */
    ServiceConnectEndpoint openEndpoint(String cluster, String namespace, String dnsName, int port);

    /**
     * @param task a running task
     * @param containerName one of its containers
     * @param containerPort a container port of its port mappings
     * @return where the plane reaches that port of the task; empty while it is not published
     */
    Optional<Endpoint> targetAddress(Task task, String containerName, int containerPort);

    /**
     * Registers a listener for changes Berth should look at soon: a target's health changed, a drain ended.
     *
     * @param listener called on a thread of the plane; it must not block
     * @return the handle that unregisters it
     */
    Subscription onChange(Runnable listener);

    /** Closes every balancer and endpoint it opened. */
    @Override
    void close();
}
