package dev.berth.spi;

import dev.berth.exception.BerthException;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import java.util.List;

/**
 * What Berth needs from a place that runs containers: its instances, starting and stopping tasks, and observing
 * them. Berth's scheduler decides where tasks go and its reconciler keeps services at their desired count; a
 * backend only carries out and reports. Implementations are thread-safe and use only Berth's types here.
 *
 * <p>Every call returns within the backend's own deadlines or throws; none blocks indefinitely.
 */
public interface ComputeBackend extends AutoCloseable {

    /** @return a short name for messages and metrics, e.g. {@code docker} */
    String name();

    /** @return what the backend does by itself */
    BackendCapabilities capabilities();

    /**
     * @param cluster a cluster's name
     * @return the instances the backend offers to that cluster
     * @throws BerthException if the backend cannot be reached
     */
    List<ContainerInstance> containerInstances(String cluster);

    /**
     * Starts a task; returns once the backend has recorded it (PENDING or later), before its containers run.
     * Starting an id that already exists returns the existing task and starts nothing.
     *
     * @return the task as now observed
     * @throws BerthException if the task cannot be recorded at all; a task that fails later is reported
     *     STOPPED with {@link StopCode#TASK_FAILED_TO_START}
     */
    Task startTask(TaskStartRequest request);

    /**
     * Asks a task to stop gracefully: each container gets SIGTERM, then SIGKILL after its stopTimeout. Returns at
     * once; the task reaches STOPPED later. Stopping a stopped or unknown task does nothing.
     *
     * @throws BerthException if the backend cannot be reached
     */
    void stopTask(String cluster, String taskId, StopCode stopCode, String reason);

    /**
     * @param cluster a cluster's name
     * @return the cluster's tasks that are not STOPPED, and those that stopped since {@link #forgetTask} was
     *     last called for them
     * @throws BerthException if the backend cannot be reached
     */
    List<Task> tasks(String cluster);

    /** Drops a STOPPED task from {@link #tasks(String)}, removing what is left of it. Unknown ids are ignored. */
    void forgetTask(String cluster, String taskId);

    /** Releases the backend's clients; tasks keep running. */
    @Override
    void close();
}
