package dev.berth.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.spi.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Reads the last lines a container wrote to stdout and stderr, bounded by the call timeout, and follows the new
 * ones on a stream without a read deadline, which ends when the container stops or the follow is closed.
 */
public final class LogReader {

    private final DockerClients clients;
    private final Duration timeout;

    LogReader(DockerClients clients, Duration timeout) {
        this.clients = clients;
        this.timeout = timeout;
    }

    /**
     * @param containerId the engine's container ID
     * @param tailLines how many of the last lines to read, at least 1
     * @return the lines, oldest first, stdout and stderr interleaved as the engine stored them
     */
    List<String> tail(String containerId, int tailLines) {
        if (tailLines < 1) {
            throw new IllegalArgumentException("tailLines must be >= 1, was " + tailLines);
        }
        return read(clients, timeout, "read the logs of container " + containerId, collector -> clients.calls()
                .logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(tailLines)
                .withFollowStream(false).exec(collector));
    }

    /**
     * Reads a log stream that ends by itself (no follow) into lines, bounded by {@code timeout}: the container's
     * logs here, a Swarm task's through the manager in the Swarm backend.
     *
     * @param clients the engine's clients, whose policy the call goes through
     * @param timeout how long the whole read may take
     * @param what the operation, for messages
     * @param start starts the stream into the given collector and returns it
     * @return the lines, oldest first, stdout and stderr interleaved as the engine stored them
     * @throws BackendUnavailableException if the engine cannot be reached or the read takes longer than
     *     {@code timeout}
     */
    public static List<String> read(DockerClients clients, Duration timeout, String what,
                                    UnaryOperator<ResultCallback.Adapter<Frame>> start) {
        StringBuilder text = new StringBuilder();
        ResultCallback.Adapter<Frame> collector = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (text) {
                    text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        };
        try (ResultCallback.Adapter<Frame> callback = clients.call(what, () -> start.apply(collector))) {
            boolean done = clients.call(what, () -> {
                try {
                    return callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw Pause.interrupted(e, what);
                }
            });
            if (!done) {
                throw new BackendUnavailableException("Could not " + what + " within " + timeout, true);
            }
        } catch (IOException e) {
            throw new BackendUnavailableException("Could not " + what + ": " + e, true, e);
        }
        synchronized (text) {
            if (text.length() == 0) {
                return List.of();
            }
            return Arrays.asList(text.toString().split("\r?\n"));
        }
    }

    /**
     * @param containerId the engine's container ID
     * @param lines receives each line written from now on, on docker-java's stream thread
     * @return the handle that stops following
     */
    Subscription follow(String containerId, Consumer<String> lines) {
        LineCallback callback = new LineCallback(containerId, lines);
        clients.call("follow the logs of container " + containerId, () -> clients.streams()
                .logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(0)
                .withFollowStream(true).exec(callback));
        return callback::stop;
    }
}
