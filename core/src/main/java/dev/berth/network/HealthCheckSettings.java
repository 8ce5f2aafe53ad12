package dev.berth.network;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a target group checks its targets, with Elastic Load Balancing's settings, ranges and defaults
 * (CreateTargetGroup, https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html,
 * and the Application Load Balancer guide's health check settings,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html).
 * A target is checked every {@code interval}; a check that gets no answer within {@code timeout} fails.
 * {@code healthyThreshold} checks in a row that pass make a target healthy, {@code unhealthyThreshold} in a row that
 * fail make it unhealthy.
 *
 * @param protocol HTTP or TCP
 * @param path the path an HTTP check gets, starting with {@code /}
 * @param port the port checked; empty = the port the target receives traffic on (ELB's {@code traffic-port})
 * @param interval time between two checks of a target, 5-300 s
 * @param timeout time a check may take, 2-120 s, less than the interval
 * @param healthyThreshold checks in a row that pass before a target is healthy, 2-10
 * @param unhealthyThreshold checks in a row that fail before a target is unhealthy, 2-10
 * @param matcher the status codes an HTTP check accepts
 */
public record HealthCheckSettings(HealthCheckProtocol protocol, String path, OptionalInt port, Duration interval,
                                  Duration timeout, int healthyThreshold, int unhealthyThreshold,
                                  HttpCodeMatcher matcher) {

    /** ELB's default interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** ELB's default timeout of an HTTP check (the Application Load Balancer guide's table). */
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(5);
    /** ELB's default timeout of a TCP check (CreateTargetGroup, HealthCheckTimeoutSeconds). */
    public static final Duration DEFAULT_TCP_TIMEOUT = Duration.ofSeconds(10);
    /** ELB's default healthy threshold. */
    public static final int DEFAULT_HEALTHY_THRESHOLD = 5;
    /** ELB's default unhealthy threshold. */
    public static final int DEFAULT_UNHEALTHY_THRESHOLD = 2;

    /**
     * Checks ELB's ranges.
     *
     * @throws IllegalArgumentException if a value is out of ELB's range; the message names the field
     * @throws NullPointerException if a component is null
     */
    public HealthCheckSettings {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(matcher, "matcher");
        if (!path.startsWith("/") || path.length() > 1024) {
            throw new IllegalArgumentException("healthCheck path must start with '/' and have at most 1024"
                    + " characters, was '" + path + "'");
        }
        port.ifPresent(p -> {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("healthCheck port must be within 1..65535, was " + p
                        + "; leave it empty for the traffic port");
            }
        });
        requireSeconds("interval", interval, 5, 300);
        requireSeconds("timeout", timeout, 2, 120);
        if (timeout.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("healthCheck timeout (" + timeout.toSeconds() + " s) must be smaller"
                    + " than its interval (" + interval.toSeconds() + " s)");
        }
        requireCount("healthyThreshold", healthyThreshold);
        requireCount("unhealthyThreshold", unhealthyThreshold);
    }

    /**
     * @param protocol the target group's protocol
     * @return ELB's defaults for it: an HTTP check of {@code /} (timeout 5 s, matcher 200) for HTTP, a TCP check
     *     (timeout 10 s) for TCP; every 30 s, healthy after 5 passes, unhealthy after 2 failures, on the traffic port
     */
    public static HealthCheckSettings defaults(TargetGroupProtocol protocol) {
        boolean http = protocol == TargetGroupProtocol.HTTP;
        return new HealthCheckSettings(http ? HealthCheckProtocol.HTTP : HealthCheckProtocol.TCP, "/",
                OptionalInt.empty(), DEFAULT_INTERVAL, http ? DEFAULT_HTTP_TIMEOUT : DEFAULT_TCP_TIMEOUT,
                DEFAULT_HEALTHY_THRESHOLD, DEFAULT_UNHEALTHY_THRESHOLD, HttpCodeMatcher.ok());
    }

    /**
     * @param protocol the target group's protocol
     * @return a builder starting from ELB's defaults for that protocol ({@link #defaults})
     */
    public static Builder builder(TargetGroupProtocol protocol) {
        return defaults(protocol).toBuilder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link HealthCheckSettings}; the ranges are checked once, by {@link #build()}, so the order of the
     * calls does not matter. Not thread-safe.
     */
    public static final class Builder {
        private HealthCheckProtocol protocol;
        private String path;
        private OptionalInt port;
        private Duration interval;
        private Duration timeout;
        private int healthyThreshold;
        private int unhealthyThreshold;
        private HttpCodeMatcher matcher;

        private Builder(HealthCheckSettings from) {
            protocol = from.protocol;
            path = from.path;
            port = from.port;
            interval = from.interval;
            timeout = from.timeout;
            healthyThreshold = from.healthyThreshold;
            unhealthyThreshold = from.unhealthyThreshold;
            matcher = from.matcher;
        }

        /**
         * @param value HTTP or TCP
         * @return this builder
         */
        public Builder protocol(HealthCheckProtocol value) {
            protocol = Objects.requireNonNull(value, "protocol");
            return this;
        }

        /**
         * @param value the path an HTTP check gets, starting with {@code /}
         * @return this builder
         */
        public Builder path(String value) {
            path = Objects.requireNonNull(value, "path");
            return this;
        }

        /**
         * @param value the port checked on every target instead of its traffic port
         * @return this builder
         */
        public Builder port(int value) {
            port = OptionalInt.of(value);
            return this;
        }

        /**
         * @return this builder, checking each target on the port it receives traffic on (the default)
         */
        public Builder trafficPort() {
            port = OptionalInt.empty();
            return this;
        }

        /**
         * @param value time between two checks, 5-300 s
         * @return this builder
         */
        public Builder interval(Duration value) {
            interval = Objects.requireNonNull(value, "interval");
            return this;
        }

        /**
         * @param value time a check may take, 2-120 s, less than the interval
         * @return this builder
         */
        public Builder timeout(Duration value) {
            timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /**
         * @param value passes in a row that make an unhealthy target healthy, 2-10
         * @return this builder
         */
        public Builder healthyThreshold(int value) {
            healthyThreshold = value;
            return this;
        }

        /**
         * @param value failures in a row that make a target unhealthy, 2-10
         * @return this builder
         */
        public Builder unhealthyThreshold(int value) {
            unhealthyThreshold = value;
            return this;
        }

        /**
         * @param value the status codes an HTTP check accepts, e.g. {@code 200-299}
         * @return this builder
         * @throws IllegalArgumentException if it is not ELB's matcher syntax
         */
        public Builder matcher(String value) {
            matcher = new HttpCodeMatcher(value);
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException if a value is out of ELB's range; the message names the field
         */
        public HealthCheckSettings build() {
            return new HealthCheckSettings(protocol, path, port, interval, timeout, healthyThreshold,
                    unhealthyThreshold, matcher);
        }
    }

    private static void requireSeconds(String field, Duration value, int min, int max) {
        if (value.toNanos() % 1_000_000_000L != 0 || value.toSeconds() < min || value.toSeconds() > max) {
            throw new IllegalArgumentException("healthCheck " + field + " must be a whole number of seconds from "
                    + min + " to " + max + ", was " + value);
        }
    }

    private static void requireCount(String field, int value) {
        if (value < 2 || value > 10) {
            throw new IllegalArgumentException("healthCheck " + field + " must be within 2..10, was " + value);
        }
    }
}
