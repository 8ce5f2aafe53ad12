package dev.berth.benchmarks.swarm;

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
     * Scales the service to 0 and deletes it.
     *
     * @param service the service
     */
    void scaleToZeroAndDelete(String service);

    /** Removes everything this contender created that is still there. */
    @Override
    void close();
}
