package dev.berth.docker.internal;

import dev.berth.exception.BerthException;
import dev.berth.exception.ResourceNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts in place ({@code docker start} of the same container, its file system kept) the exited containers of a
 * task that {@link RestartDecision} restarts. A restart that the engine refuses leaves the container exited, so its
 * exit is then handled as any other.
 */
final class ContainerRestarter {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerRestarter.class);

    private final DockerClients clients;
    private final TaskObserver observer;

    ContainerRestarter(DockerClients clients, TaskObserver observer) {
        this.clients = clients;
        this.observer = observer;
    }

    /**
     * @param task a task as just observed, whose stop nobody asked for
     * @return the task observed again if a container was restarted, else {@code task} itself
     */
    TaskObservation restartExited(TaskObservation task) {
        boolean restarted = false;
        for (ContainerObservation c : task.containers()) {
            RestartDecision decision = RestartDecision.decide(c);
            if (!decision.restart()) {
                continue;
            }
            try {
                clients.run("restart container " + c.name(), () -> clients.calls().startContainerCmd(c.containerId())
                        .exec());
                LOG.debug("restarted container={} task={} cluster={}: {}", c.name(), task.taskId(), task.cluster(),
                        decision.why());
                observer.forget(c.containerId());
                restarted = true;
            } catch (ResourceNotFoundException gone) {
                LOG.debug("container={} task={} was removed before its restart", c.name(), task.taskId());
            } catch (BerthException e) {
                LOG.warn("restart of container={} task={} cluster={} failed; its exit stands: {}", c.name(),
                        task.taskId(), task.cluster(), e.getMessage());
            }
        }
        return restarted ? observer.observe(task.taskId()).orElse(task) : task;
    }
}
