package dev.berth.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a followed log stream's frames into whole lines for a listener, one at a time, on docker-java's stream
 * thread. A line split across frames is delivered once complete; an unterminated last line when the stream ends.
 * Nothing is delivered after {@link #stop()}.
 */
public final class LineCallback extends ResultCallback.Adapter<Frame> {

    private static final Logger LOG = LoggerFactory.getLogger(LineCallback.class);

    private final String containerId;
    private final Consumer<String> lines;
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean stopped;

    /**
     * @param containerId what is followed, for log messages
     * @param lines receives each complete line
     */
    public LineCallback(String containerId, Consumer<String> lines) {
        this.containerId = containerId;
        this.lines = lines;
    }

    @Override
    public synchronized void onNext(Frame frame) {
        partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        int end;
        while ((end = partial.indexOf("\n")) >= 0) {
            int cut = end > 0 && partial.charAt(end - 1) == '\r' ? end - 1 : end;
            deliver(partial.substring(0, cut));
            partial.delete(0, end + 1);
        }
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            if (partial.length() > 0) {
                deliver(partial.toString());
                partial.setLength(0);
            }
        }
        super.onComplete();
    }

    @Override
    public void onError(Throwable failure) {
        if (!stopped) {
            LOG.debug("following the logs of container {} ended: {}", containerId, failure.toString());
        }
        super.onError(failure);
    }

    /** Stops following: closes the stream; nothing is delivered afterwards. */
    public void stop() {
        stopped = true;
        try {
            close();
        } catch (IOException e) {
            LOG.debug("closing the log stream of container {} failed: {}", containerId, e.toString());
        }
    }

    private void deliver(String line) {
        if (stopped) {
            return;
        }
        try {
            lines.accept(line);
        } catch (RuntimeException e) {
            LOG.warn("a log listener of container {} failed", containerId, e);
        }
    }
}
