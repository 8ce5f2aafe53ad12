package dev.berth.swarm.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.LineCallback;
import dev.berth.docker.internal.Pause;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.spi.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        String what = "read the logs of Swarm task " + swarmTaskId;
        StringBuilder text = new StringBuilder();
        ResultCallback.Adapter<Frame> collector = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (text) {
                    text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        };
        try (ResultCallback.Adapter<Frame> callback = manager.call(what, () -> manager.calls()
                .logTaskCmd(swarmTaskId).withStdout(true).withStderr(true).withTail(tailLines).withFollow(false)
                .exec(collector))) {
            boolean done;
            try {
                done = callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw Pause.interrupted(e, what);
            }
            if (!done) {
                throw new BackendUnavailableException("Could not " + what + " within " + timeout, true);
            }
        } catch (IOException e) {
            throw new BackendUnavailableException("Could not " + what + ": " + e, true, e);
        }
        synchronized (text) {
            return text.length() == 0 ? List.of() : Arrays.asList(text.toString().split("\r?\n"));
        }
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
