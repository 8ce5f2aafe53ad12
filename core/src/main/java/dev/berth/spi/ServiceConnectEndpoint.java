package dev.berth.spi;

import dev.berth.network.Endpoint;
import java.util.Map;

/**
 * One {@code dnsName:port} endpoint of a Service Connect namespace on a backend's {@link LoadBalancing} plane: the
 * address tasks of the namespace resolve the name to, and a balancer there that forwards each new connection to
 * one of the targets Berth routes. Thread-safe.
 */
public interface ServiceConnectEndpoint extends AutoCloseable {

    /** @return the address the name resolves to in the namespace's tasks */
    String address();

    /**
     * Sets the tasks new connections go to; connections open to other tasks stay until they close.
     *
     * @param targets where each task is reached, by task id
     */
    void route(Map<String, Endpoint> targets);

    /**
     * @param taskId a task
     * @return connections open through the endpoint to it now
     */
    int activeConnections(String taskId);

    /**
     * Closes every connection open through the endpoint to a task.
     *
     * @param taskId the task
     */
    void closeConnections(String taskId);

    /** Stops listening; open connections are closed. */
    @Override
    void close();
}
