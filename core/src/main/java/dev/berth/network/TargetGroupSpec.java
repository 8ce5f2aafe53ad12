package dev.berth.network;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A target group to create, with Elastic Load Balancing's settings and defaults. On the local backends a target
 * group is also its load balancer: it listens on a host port and forwards each new connection to a healthy
 * registered target; a deregistered target keeps its open connections for {@code deregistrationDelay} (or until
 * they close) before its task is stopped.
 *
 * @param name 1-32 letters, digits and hyphens, not starting or ending with a hyphen (ELB's rule)
 * @param protocol HTTP or TCP
 * @param healthCheck how targets are checked
 * @param deregistrationDelay how long a deregistered target may keep its connections, 0-3600 s (ELB's default:
 *     300 s)
 * @param listenerPort the host port the listener binds; 0 = a free port chosen when it opens
 */
public record TargetGroupSpec(String name, TargetGroupProtocol protocol, HealthCheckSettings healthCheck,
                              Duration deregistrationDelay, int listenerPort) {

    /** ELB's default deregistration delay. */
    public static final Duration DEFAULT_DEREGISTRATION_DELAY = Duration.ofSeconds(300);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

    /**
     * Checks ELB's rules.
     *
     * @throws IllegalArgumentException if a value breaks ELB's rules; the message names the field
     * @throws NullPointerException if a component is null
     */
    public TargetGroupSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(healthCheck, "healthCheck");
        Objects.requireNonNull(deregistrationDelay, "deregistrationDelay");
        if (!NAME.matcher(name).matches() || name.startsWith("internal-")) {
            throw new IllegalArgumentException("target group name must be 1-32 letters, digits and hyphens, not"
                    + " starting or ending with a hyphen nor starting with 'internal-', was '" + name + "'");
        }
        if (protocol == TargetGroupProtocol.HTTP && healthCheck.protocol() == HealthCheckProtocol.TCP) {
            throw new IllegalArgumentException("an HTTP target group cannot use TCP health checks (as in ELB); use"
                    + " HTTP checks or a TCP target group");
        }
        if (deregistrationDelay.isNegative() || deregistrationDelay.toSeconds() > 3600
                || deregistrationDelay.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("deregistrationDelay must be a whole number of seconds from 0 to 3600,"
                    + " was " + deregistrationDelay);
        }
        if (listenerPort < 0 || listenerPort > 65535) {
            throw new IllegalArgumentException("listenerPort must be within 1..65535, or 0 for a free port, was "
                    + listenerPort);
        }
    }

    /**
     * @param name the target group's name
     * @return a builder with ELB's defaults: HTTP, HTTP health checks of {@code /} every 30 s (timeout 5 s, healthy
     *     after 5, unhealthy after 2, matcher 200), deregistration delay 300 s, and a free listener port
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link TargetGroupSpec}; the last call for a value wins. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private TargetGroupProtocol protocol = TargetGroupProtocol.HTTP;
        private HealthCheckSettings healthCheck;
        private Duration deregistrationDelay = DEFAULT_DEREGISTRATION_DELAY;
        private int listenerPort;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param value HTTP or TCP; also sets the health check's defaults unless one was given
         * @return this builder
         */
        public Builder protocol(TargetGroupProtocol value) {
            protocol = Objects.requireNonNull(value, "protocol");
            return this;
        }

        /**
         * @param value how targets are checked (see {@link HealthCheckSettings#defaults})
         * @return this builder
         */
        public Builder healthCheck(HealthCheckSettings value) {
            healthCheck = Objects.requireNonNull(value, "healthCheck");
            return this;
        }

        /**
         * @param change adjusts ELB's health check defaults for the group's protocol (set {@link #protocol} first)
         * @return this builder
         */
        public Builder healthCheck(java.util.function.UnaryOperator<HealthCheckSettings.Builder> change) {
            healthCheck = change.apply(HealthCheckSettings.builder(protocol)).build();
            return this;
        }

        /**
         * @param value how long a deregistered target may keep its connections
         * @return this builder
         */
        public Builder deregistrationDelay(Duration value) {
            deregistrationDelay = Objects.requireNonNull(value, "deregistrationDelay");
            return this;
        }

        /**
         * @param value the host port the listener binds; 0 = a free one
         * @return this builder
         */
        public Builder listenerPort(int value) {
            listenerPort = value;
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException if a value breaks ELB's rules
         */
        public TargetGroupSpec build() {
            return new TargetGroupSpec(name, protocol,
                    healthCheck != null ? healthCheck : HealthCheckSettings.defaults(protocol), deregistrationDelay,
                    listenerPort);
        }
    }
}
