package dev.berth.spi;

import dev.berth.exception.BerthException;
import dev.berth.model.InstanceStatus;
import dev.berth.network.Endpoint;
import dev.berth.progress.ImagePullProgress;
import dev.berth.progress.ProgressListener;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

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
     * @return the backend's own service scheduler when its {@link #capabilities()} say it
     *     {@link BackendCapabilities#schedulesServices() schedules services}; empty for a backend that only runs what
     *     Berth's reconciler tells it (the default)
     */
    default Optional<ManagedServices> managedServices() {
        return Optional.empty();
    }

    /**
     * @return the backend's own placement of standalone tasks (ECS's RunTask), which Berth's {@code Tasks.run} then
     *     uses instead of its scheduler; empty for a backend that starts tasks only where Berth places them (the
     *     default)
     */
    default Optional<ManagedTasks> managedTasks() {
        return Optional.empty();
    }

    /**
     * @return the data plane of Berth's own target groups and Service Connect endpoints, for a backend that has no
     *     load balancer or service registry of its own; empty (the default) for a backend that cannot run them, where
     *     Berth refuses services with load balancers or Service Connect, and for one whose own scheduler registers a
     *     service's tasks (ECS)
     */
    default Optional<LoadBalancing> loadBalancing() {
        return Optional.empty();
    }

    /**
     * @return what changed in a cluster since an earlier moment, for a backend that can tell without a read of the
     *     whole cluster; empty (the default) for one that cannot, where Berth reads the cluster for every launch
     */
    default Optional<ClusterChangeFeed> changeFeed() {
        return Optional.empty();
    }

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
     * @param request the task, its instance and its caller-chosen id
     * @return the task as now observed
     * @throws BerthException if the task cannot be recorded at all; a task that fails later is reported
     *     STOPPED with {@link StopCode#TASK_FAILED_TO_START}
     */
    Task startTask(StartTaskRequest request);

    /**
     * Asks a task to stop gracefully: each container gets SIGTERM, then SIGKILL after its stopTimeout. Returns at
     * once; the task reaches STOPPED later. Stopping a stopped or unknown task does nothing.
     *
     * @param cluster the cluster's name
     * @param taskId the task's id
     * @param stopCode why, as ECS codes it
     * @param reason why, in words, shown on the task
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

    /**
     * @param cluster a cluster's name
     * @param group a task group, e.g. {@code service:web}
     * @return the cluster's tasks of that group, as {@link #tasks(String)} reports them; by default that list
     *     filtered, which a backend that can read one group alone overrides
     * @throws BerthException if the backend cannot be reached
     */
    default List<Task> tasks(String cluster, String group) {
        return tasks(cluster).stream().filter(task -> task.group().equals(group)).toList();
    }

    /**
     * Drops a STOPPED task from {@link #tasks(String)}, removing what is left of it. Unknown ids are ignored.
     *
     * @param cluster the cluster's name
     * @param taskId the task's id
     */
    void forgetTask(String cluster, String taskId);

    /**
     * Reads the last lines a task's container wrote (stdout and stderr interleaved), running or stopped.
     *
     * @param cluster the cluster's name
     * @param taskId the task's id
     * @param containerName the container's name in the task definition
     * @param tailLines how many of the last lines, at least 1
     * @return the lines, oldest first, without line terminators; empty if it wrote nothing
     * @throws dev.berth.exception.ResourceNotFoundException if the cluster has no such task, or the task no such
     *     container
     * @throws IllegalArgumentException if {@code tailLines} is less than 1
     * @throws BerthException if the backend cannot be reached
     */
    List<String> logs(String cluster, String taskId, String containerName, int tailLines);

    /**
     * Follows what a task's container writes from now on: each new line is handed to {@code lines} on a thread
     * of the backend, in order, one at a time. Following ends by itself when the container stops, or when the
     * returned subscription is closed; the listener must not block.
     *
     * @param cluster the cluster's name
     * @param taskId the task's id
     * @param containerName the container's name in the task definition
     * @param lines receives each new line, without its terminator
     * @return the handle that stops following
     * @throws dev.berth.exception.ResourceNotFoundException if the cluster has no such task, or the task no such
     *     container
     * @throws BerthException if the backend cannot be reached
     */
    Subscription followLogs(String cluster, String taskId, String containerName, Consumer<String> lines);

    /**
     * Registers a best-effort change signal: {@code listener} receives a cluster's name, on a thread of the
     * backend, soon after one of its tasks changed by itself (a container exited, was killed, started, or changed
     * health). Signals may be late, merged, repeated or, while the backend cannot watch, missed: a caller still
     * polls {@link #tasks(String)} now and then, and reads the state there; the signal only says "look now".
     * The listener must not block.
     *
     * @param listener receives the name of a cluster to look at
     * @return the handle that unregisters the listener
     */
    Subscription onTaskChange(Consumer<String> listener);

    /**
     * Called after Berth created a cluster, for a backend whose clusters also exist on its side (an ECS cluster): it
     * creates the cluster there, or adopts an existing one. The default does nothing.
     *
     * @param cluster the new cluster's name
     * @throws BerthException if the backend cannot create it; Berth then forgets the cluster again
     */
    default void createCluster(String cluster) {
    }

    /**
     * Called when Berth deletes an empty cluster, before it forgets it: a backend whose clusters exist on its side
     * deletes it there. The default does nothing.
     *
     * @param cluster the cluster's name
     * @throws dev.berth.exception.ConflictException if the backend refuses because the cluster is not empty there
     * @throws BerthException if the backend cannot be reached; Berth then keeps the cluster
     */
    default void deleteCluster(String cluster) {
    }

    /**
     * Called after Berth drained or activated an instance, for a backend that tracks instance status itself (ECS's
     * UpdateContainerInstancesState). The default does nothing.
     *
     * @param cluster the cluster's name
     * @param instanceId the instance
     * @param status its new status in the cluster
     * @throws BerthException if the backend cannot record it
     */
    default void instanceStatusChanged(String cluster, String instanceId, InstanceStatus status) {
    }

    /**
     * Called after Berth added custom attributes to an instance (replacing same-named ones), for a backend that
     * stores attributes itself (ECS's PutAttributes). The default does nothing.
     *
     * @param cluster the cluster's name
     * @param instanceId the instance
     * @param attributes the attributes added
     * @throws BerthException if the backend cannot store them
     */
    default void attributesPut(String cluster, String instanceId, Map<String, String> attributes) {
    }

    /**
     * Called after Berth removed custom attributes from an instance, for a backend that stores attributes itself
     * (ECS's DeleteAttributes). The default does nothing.
     *
     * @param cluster the cluster's name
     * @param instanceId the instance
     * @param names the attributes' names
     * @throws BerthException if the backend cannot remove them
     */
    default void attributesDeleted(String cluster, String instanceId, Set<String> names) {
    }

    /**
     * Registers a listener for progress the backend reports while it prepares tasks, such as
     * {@link ImagePullProgress} while it pulls an image for a task. Reports are throttled to a few per second per
     * subject and delivered so that a slow listener never holds up the work; each subject ends with a finished
     * report. The default reports nothing, for backends with nothing to report.
     *
     * @param listener receives the reports, on a thread of the backend; it must not block
     * @return the handle that unregisters the listener
     */
    default Subscription onProgress(ProgressListener listener) {
        Objects.requireNonNull(listener, "listener");
        return () -> { };
    }

    /**
     * Where this process reaches a port that a container of the task publishes. The default is
     * {@link Task#endpoint(String, int)}: the binding's address, {@code 127.0.0.1} for a binding to every address of
     * its host (a host on this machine); a backend whose hosts are elsewhere says where they are.
     *
     * @param task a task of this backend
     * @param containerName one of its containers
     * @param containerPort a container port of its port mappings
     * @return the endpoint; empty while the container does not publish the port
     */
    default Optional<Endpoint> endpointOf(Task task, String containerName, int containerPort) {
        return task.endpoint(containerName, containerPort);
    }

    /** Releases the backend's clients; tasks keep running. */
    @Override
    void close();
}
