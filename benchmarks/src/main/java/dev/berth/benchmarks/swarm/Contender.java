package dev.berth.benchmarks.swarm;

import java.util.List;
import java.util.Map;

/**
 * One way of running replicated containers on the engine, driven the same way for every measurement: each call
 * asks for a change and returns without waiting; the harness watches the engine until the change is done.
 */
interface Contender extends AutoCloseable {

    /** @return the name in the result table */
    String name();

    /**
     * @param service a service name unique in this run
     * @return labels that exactly the containers of that service carry
     */
    Map<String, String> labels(String service);

    /**
     * Asks for {@code replicas} containers of the workload.
     *
     * @param service a service name unique in this run
     * @param workload what each container runs
     * @param replicas how many
     */
    void create(String service, Workload workload, int replicas);

    /** @return whether {@link #roll} is supported */
    boolean rolls();

    /**
     * Asks for a rolling update of the service to the workload's new revision.
     *
     * @param service the service
     * @param next the new revision
     * @throws UnsupportedOperationException if {@link #rolls()} is false
     */
    void roll(String service, Workload next);

    /**
     * The service's tasks as the orchestrator itself lists them, each marked serving or not: a serving task is what
     * a load balancer in front of the orchestrator sends requests to. Where the orchestrator marks a task to stop
     * before it signals it (as ECS deregisters a task from its target group before stopping it), the task stops
     * serving first.
     *
     * @param service the service
     * @return its tasks
     * @throws UnsupportedOperationException if {@link #rolls()} is false
     */
    List<Endpoint> endpoints(String service);

    /**
     * Scales the service to 0 and deletes it.
     *
     * @param service the service
     */
    void scaleToZeroAndDelete(String service);

    /** Removes everything this contender created that is still there. */
    @Override
    void close();

    /**
     * One task as its orchestrator lists it.
     *
     * @param task the task's id
     * @param serving whether the orchestrator reports it running, healthy and meant to keep running
     * @param host the address its port is reached at
     * @param port the host port its {@link Workload#HTTP_PORT} is published on; 0 while none is
     * @param state its state as listed, for the log of a failed request
     */
    record Endpoint(String task, boolean serving, String host, int port, String state) {
    }
}
