package dev.berth.docker.registry;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.registry.RegistryCredentialsProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where an OCI distribution registry answers, how to log in, the deadlines of its HTTP calls, and the Docker
 * engine that pushes and pulls its images.
 *
 * <pre>{@code
 * OciRegistryConfig config = OciRegistryConfig.builder(URI.create("http://127.0.0.1:5000"),
 *                 DockerBackendConfig.fromEnvironment())
 *         .credentials(RegistryCredentialsProvider.of(new RegistryCredentials("ci", secret)))
 *         .build();
 * }</pre>
 *
 * @param endpoint the registry's base URI, {@code http://} or {@code https://} with host and port and no path
 * @param credentials the registry's login; anonymous by default
 * @param engine the Docker engine that pushes and pulls; its pull timeout bounds each push and pull
 * @param connectTimeout deadline to open an HTTP connection (default 5 s)
 * @param callTimeout deadline of each HTTP call, request to full answer (default 30 s)
 * @param clock the source of recorded push and creation times
 */
public record OciRegistryConfig(URI endpoint, RegistryCredentialsProvider credentials, DockerBackendConfig engine,
                                Duration connectTimeout, Duration callTimeout, Clock clock) {

    /**
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the endpoint is not an absolute http(s) URI without path, or a timeout is
     *     not positive
     */
    public OciRegistryConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(clock, "clock");
        String scheme = String.valueOf(endpoint.getScheme());
        if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null
                || !(endpoint.getPath() == null || endpoint.getPath().isEmpty() || endpoint.getPath().equals("/"))) {
            throw new IllegalArgumentException("endpoint must be http(s)://host[:port] without a path, was "
                    + endpoint);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(callTimeout, "callTimeout");
    }

    /**
     * @param endpoint the registry's base URI, e.g. {@code http://127.0.0.1:5000}
     * @param engine the Docker engine that pushes and pulls
     * @return a builder with anonymous access, 5 s connect and 30 s call deadlines, the system clock
     */
    public static Builder builder(URI endpoint, DockerBackendConfig engine) {
        return new Builder(endpoint, engine);
    }

    /** @return the host and port image references name the registry by, e.g. {@code 127.0.0.1:5000} */
    public String host() {
        return endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** Builds an {@link OciRegistryConfig}. */
    public static final class Builder {
        private final URI endpoint;
        private final DockerBackendConfig engine;
        private RegistryCredentialsProvider credentials = RegistryCredentialsProvider.anonymous();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration callTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder(URI endpoint, DockerBackendConfig engine) {
            this.endpoint = endpoint;
            this.engine = engine;
        }

        /**
         * @param value gives the registry's login
         * @return this builder, with the registry's login
         */
        public Builder credentials(RegistryCredentialsProvider value) {
            credentials = value;
            return this;
        }

        /**
         * @param value the HTTP connect deadline
         * @return this builder, with the HTTP connect deadline
         */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /**
         * @param value the deadline of each HTTP call
         * @return this builder, with the deadline of each HTTP call
         */
        public Builder callTimeout(Duration value) {
            callTimeout = value;
            return this;
        }

        /**
         * @param value the clock of recorded times
         * @return this builder, with the clock of recorded times
         */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException if a value is out of range
         */
        public OciRegistryConfig build() {
            return new OciRegistryConfig(endpoint, credentials, engine, connectTimeout, callTimeout, clock);
        }
    }
}
