package dev.berth.swarm.internal;

import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.LineCallback;
import dev.berth.docker.internal.LogReader;
import dev.berth.spi.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Swarm task's container logs through the manager ({@code GET /tasks/{id}/logs}, what {@code docker service logs}
 * reads), which fetches them from the node that runs it: the last lines bounded by the call timeout, and the new
 * ones on a stream without a read deadline, until the follow is closed. Needs a log driver the engine can read back
 * ({@code json-file}, {@code local}, {@code journald}).
 */
public final class TaskLogs {

    private final DockerClients manager;
    private final Duration timeout;

    /**
     * @param manager the manager's clients
     * @param timeout the call timeout
     */
    public TaskLogs(DockerClients manager, Duration timeout) {
        this.manager = manager;
        this.timeout = timeout;
    }

    /**
     * @param swarmTaskId the Swarm task
     * @param tailLines how many of the last lines, at least 1
     * @return the lines, oldest first
     */
    public List<String> tail(String swarmTaskId, int tailLines) {
        if (tailLines < 1) {
            throw new IllegalArgumentException("tailLines must be >= 1, was " + tailLines);
        }
        return LogReader.read(manager, timeout, "read the logs of Swarm task " + swarmTaskId,
                collector -> manager.calls().logTaskCmd(swarmTaskId).withStdout(true).withStderr(true)
                        .withTail(tailLines).withFollow(false).exec(collector));
    }

    /**
     * @param swarmTaskId the Swarm task
     * @param lines receives each line written from now on, on docker-java's stream thread
     * @return the handle that stops following
     */
    public Subscription follow(String swarmTaskId, Consumer<String> lines) {
        LineCallback callback = new LineCallback(swarmTaskId, lines);
        manager.call("follow the logs of Swarm task " + swarmTaskId, () -> manager.streams()
                .logTaskCmd(swarmTaskId).withStdout(true).withStderr(true).withTail(0).withFollow(true)
                .exec(callback));
        return callback::stop;
    }
}
