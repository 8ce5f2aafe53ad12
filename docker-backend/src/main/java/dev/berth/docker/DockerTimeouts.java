package dev.berth.docker;

import java.time.Duration;
import java.util.Objects;

/**
 * Deadlines for each class of Docker engine call: every blocking call the backend makes is bounded by one of these.
 *
 * @param connect establishing a connection to the engine
 * @param ping {@code GET /_ping}, used to find an engine and to check it is alive
 * @param call any other short call: inspect, list, create, start, kill, remove, networks, logs
 * @param pull a whole image pull, from the request to the last progress message
 */
public record DockerTimeouts(Duration connect, Duration ping, Duration call, Duration pull) {

    /**
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if a duration is zero or negative
     */
    public DockerTimeouts {
        requirePositive(connect, "connect");
        requirePositive(ping, "ping");
        requirePositive(call, "call");
        requirePositive(pull, "pull");
    }

    /** @return connect 5 s, ping 5 s, other calls 60 s, pull 10 min */
    public static DockerTimeouts defaults() {
        return new DockerTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60),
                Duration.ofMinutes(10));
    }

    /**
     * @param value the connect timeout, positive
     * @return a copy with the given connect timeout
     */
    public DockerTimeouts withConnect(Duration value) {
        return new DockerTimeouts(value, ping, call, pull);
    }

    /**
     * @param value the ping timeout, positive
     * @return a copy with the given ping timeout
     */
    public DockerTimeouts withPing(Duration value) {
        return new DockerTimeouts(connect, value, call, pull);
    }

    /**
     * @param value the timeout of short calls, positive
     * @return a copy with the given timeout for short calls
     */
    public DockerTimeouts withCall(Duration value) {
        return new DockerTimeouts(connect, ping, value, pull);
    }

    /**
     * @param value the timeout of a whole image pull, positive
     * @return a copy with the given image pull timeout
     */
    public DockerTimeouts withPull(Duration value) {
        return new DockerTimeouts(connect, ping, call, value);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " timeout must be positive, was " + d);
        }
    }
}
