package dev.berth.spi;

import dev.berth.network.Endpoint;
import dev.berth.network.TargetHealth;
import java.util.List;
import java.util.Optional;

/**
 * One target group's balancer on a backend's {@link LoadBalancing} plane, with Elastic Load Balancing's semantics:
 * new connections go to healthy registered targets, each registered target is health checked, and a deregistered
 * target drains. Thread-safe.
 */
public interface TargetGroupBalancer extends AutoCloseable {

    /** @return where the listener accepts connections; empty on a plane without real listeners */
    Optional<Endpoint> listener();

    /**
     * Registers a target; its health checks start. Registering a registered target does nothing.
     *
     * @param taskId the task
     * @param target where the balancer reaches it
     */
    void register(String taskId, Endpoint target);

    /**
     * Deregisters a target: no new connections; its open ones may finish until the deregistration delay ends.
     *
     * @param taskId the task
     */
    void deregister(String taskId);

    /**
     * @param taskId a task
     * @return whether stopping it cuts nothing: never registered, or deregistered and without open connections (or
     *     past the deregistration delay)
     */
    boolean isDrained(String taskId);

    /** @return every registered or draining target with its health */
    List<TargetHealth> health();

    /** Stops listening and checking; open connections are closed. */
    @Override
    void close();
}
