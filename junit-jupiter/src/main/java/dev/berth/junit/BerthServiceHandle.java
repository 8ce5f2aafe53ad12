package dev.berth.junit;

import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.network.Endpoint;
import dev.berth.spi.ComputeBackend;
import dev.berth.task.ContainerState;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A test's handle on one running service: where its tasks listen, their logs, the tasks themselves, and the
 * {@link Service} for anything else (scale it, deploy a revision, read its events). Every call reads the current
 * state, so the handle stays right while tasks are replaced.
 *
 * <pre>{@code
 * @BerthService(name = "web", taskDefinition = "classpath:web-task.json")
 * static BerthServiceHandle web;
 *
 * @Test
 * void answers() {
 *     URI uri = web.endpoint(8080).uri("http");
 *     ...
 * }
 * }</pre>
 */
public final class BerthServiceHandle {

    /** Lines {@link #logs(String)} returns at most per task. */
    public static final int DEFAULT_LOG_LINES = 1_000;

    private final Service service;
    private final Cluster cluster;
    private final ComputeBackend backend;

    BerthServiceHandle(Service service, Cluster cluster, ComputeBackend backend) {
        this.service = service;
        this.cluster = cluster;
        this.backend = backend;
    }

    /** @return the service's name */
    public String name() {
        return service.name();
    }

    /** @return the service, for everything else Berth offers */
    public Service service() {
        return service;
    }

    /** @return the cluster the service runs in, of this test scope alone */
    public Cluster cluster() {
        return cluster;
    }

    /** @return the service's tasks that are not stopped, oldest first */
    public List<Task> tasks() {
        return service.tasks().stream().sorted(Comparator.comparing(Task::createdAt)).toList();
    }

    /**
     * @param containerPort a port a container of the task definition maps
     * @return one endpoint per RUNNING task that publishes the port, oldest task first
     */
    public List<Endpoint> endpoints(int containerPort) {
        return tasks().stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING)
                .flatMap(t -> endpoints(t, containerPort).stream()).toList();
    }

    /**
     * @param task one of the service's tasks
     * @param containerPort a port one of its containers maps
     * @return where the task publishes that port, per container that maps it (none while it does not publish it)
     */
    public List<Endpoint> endpoints(Task task, int containerPort) {
        return task.containers().stream()
                .map(c -> backend.endpointOf(task, c.name(), containerPort))
                .flatMap(Optional::stream).toList();
    }

    /**
     * Where a test calls the service: as {@link Service#endpoint(int)}, the listener of the service's load balancer
     * for that port when it has one (every connection there reaches a healthy task, and tasks leave it before they
     * stop), else the published port of its oldest RUNNING task that is not UNHEALTHY.
     *
     * @param containerPort a port a container of the task definition maps
     * @return the endpoint
     * @throws IllegalStateException if there is no such load balancer and no running task publishes the port; the
     *     message names the ports they do publish
     */
    public Endpoint endpoint(int containerPort) {
        return service.endpoint(containerPort);
    }

    /**
     * @param container a container name of the task definition
     * @return the last {@value #DEFAULT_LOG_LINES} lines of that container in each task, oldest task first
     * @throws ResourceNotFoundException if the task definition has no such container
     */
    public List<String> logs(String container) {
        return tasks().stream().flatMap(t -> logs(t, container).stream()).toList();
    }

    /**
     * @param task one of the service's tasks
     * @param container a container name of its task definition
     * @return the container's last {@value #DEFAULT_LOG_LINES} lines, oldest first
     * @throws ResourceNotFoundException if the task or container is not known (any more)
     */
    public List<String> logs(Task task, String container) {
        if (task.containers().stream().map(ContainerState::name).noneMatch(container::equals)) {
            throw new ResourceNotFoundException("Task " + task.taskId() + " of service " + name()
                    + " has no container '" + container + "'; it has "
                    + task.containers().stream().map(ContainerState::name).toList());
        }
        return cluster.tasks().logs(task.taskId(), container, DEFAULT_LOG_LINES);
    }

    @Override
    public String toString() {
        return "BerthServiceHandle[" + cluster.name() + "/" + name() + "]";
    }
}
