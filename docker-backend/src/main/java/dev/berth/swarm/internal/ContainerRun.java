package dev.berth.swarm.internal;

import dev.berth.docker.internal.Labels;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One container of a Berth task on the swarm: the Swarm service that runs it, and that service's Swarm tasks.
 *
 * @param service the Swarm service
 * @param tasks its Swarm tasks, any order
 */
public record ContainerRun(SwarmService service, List<SwarmTask> tasks) {

    public ContainerRun {
        Objects.requireNonNull(service, "service");
        tasks = List.copyOf(tasks);
    }

    /** @return the container's name in the task definition */
    public String name() {
        return service.labels().getOrDefault(Labels.CONTAINER, "");
    }

    /** @return whether the container is essential */
    public boolean essential() {
        return Boolean.parseBoolean(service.labels().getOrDefault(Labels.ESSENTIAL, "true"));
    }

    /** @return its depth in the task's dependency graph, 0 for none */
    public int dependencyLevel() {
        return Integer.parseInt(service.labels().getOrDefault(Labels.DEPENDENCY_LEVEL, "0"));
    }

    /**
     * @return the run of the container: the Swarm task created first. A task's container service makes only one
     *     (its restart condition is {@code none}); a stop of a service Swarm placed can leave a second one that never
     *     runs (see {@code TaskStopper}).
     */
    public Optional<SwarmTask> run() {
        return tasks.stream().min(Comparator.comparing(SwarmTask::createdAt).thenComparing(SwarmTask::id));
    }
}
