package dev.berth.aws.ecr;

import dev.berth.docker.DockerBackendConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/**
 * How an {@link EcrRegistryBackend} reaches ECR: the user's own {@link EcrClient}, or a customizer of the client
 * Berth builds; Berth never chooses credentials or a region itself (a built client without them uses the SDK's own
 * default chains). Optionally the registry of another account, and the Docker engine that pushes and pulls.
 *
 * <pre>{@code
 * EcrRegistryConfig config = EcrRegistryConfig.builder(b -> b.region(Region.EU_WEST_1)
 *                 .credentialsProvider(ProfileCredentialsProvider.create("ci")))
 *         .engine(DockerBackendConfig.fromEnvironment())
 *         .build();
 * }</pre>
 */
public final class EcrRegistryConfig {

    /** How long one ECR call may take in all, retries included, on a client Berth builds. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern REGISTRY_ID = Pattern.compile("[0-9]{12}");

    private final EcrClient client;
    private final Consumer<EcrClientBuilder> customizer;
    private final Optional<String> registryId;
    private final Optional<String> registryHost;
    private final Optional<DockerBackendConfig> engine;
    private final Clock clock;
    private final Duration callTimeout;

    private EcrRegistryConfig(Builder b) {
        this.client = b.client;
        this.customizer = b.customizer;
        this.registryId = b.registryId;
        this.registryHost = b.registryHost;
        this.engine = b.engine;
        this.clock = b.clock;
        this.callTimeout = b.callTimeout;
    }

    /**
     * @param client the user's configured client; the backend uses it as it is (its own retry strategy and
     *     timeouts) and never closes it
     * @return a builder
     */
    public static Builder builder(EcrClient client) {
        return new Builder(Objects.requireNonNull(client, "client"), null);
    }

    /**
     * @param customizer sets region, credentials, endpoint and anything else on the client Berth builds; it runs
     *     after Berth's defaults (the SDK's standard, throttling-aware retry strategy and a call timeout of
     *     {@link Builder#callTimeout}), so what it sets wins
     * @return a builder; the backend closes the client it builds
     */
    public static Builder builder(Consumer<EcrClientBuilder> customizer) {
        return new Builder(null, Objects.requireNonNull(customizer, "customizer"));
    }

    /** @return the user's client, or empty when Berth builds one with {@link #customizer()} */
    Optional<EcrClient> client() {
        return Optional.ofNullable(client);
    }

    /** @return the customizer of the client Berth builds */
    Consumer<EcrClientBuilder> customizer() {
        return customizer;
    }

    /** @return the account whose registry is used; empty for the caller's own */
    public Optional<String> registryId() {
        return registryId;
    }

    /** @return the registry host images are named by, when set explicitly */
    public Optional<String> registryHost() {
        return registryHost;
    }

    /** @return the engine that pushes and pulls; empty when the backend only manages repositories and images */
    public Optional<DockerBackendConfig> engine() {
        return engine;
    }

    /** @return the clock that decides when an authorization token counts as expiring */
    public Clock clock() {
        return clock;
    }

    /** @return the deadline of one ECR call, retries included, on a client Berth builds */
    public Duration callTimeout() {
        return callTimeout;
    }

    @Override
    public String toString() {
        return "EcrRegistryConfig[client=" + (client != null ? "user's" : "built by Berth") + ", registryId="
                + registryId.orElse("(caller's)") + ", registryHost=" + registryHost.orElse("(from ECR)")
                + ", engine=" + engine.isPresent() + ", callTimeout=" + callTimeout + "]";
    }

    /** Builds an {@link EcrRegistryConfig}. */
    public static final class Builder {

        private final EcrClient client;
        private final Consumer<EcrClientBuilder> customizer;
        private Optional<String> registryId = Optional.empty();
        private Optional<String> registryHost = Optional.empty();
        private Optional<DockerBackendConfig> engine = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

        private Builder(EcrClient client, Consumer<EcrClientBuilder> customizer) {
            this.client = client;
            this.customizer = customizer;
        }

        /**
         * @param value the 12-digit account id whose registry to use (cross-account access); default: the caller's
         * @return this builder
         * @throws IllegalArgumentException if it is not 12 digits
         */
        public Builder registryId(String value) {
            if (!REGISTRY_ID.matcher(Objects.requireNonNull(value, "registryId")).matches()) {
                throw new IllegalArgumentException("registryId must be a 12-digit AWS account id, was '" + value
                        + "'");
            }
            this.registryId = Optional.of(value);
            return this;
        }

        /**
         * @param value the registry host images are pushed to and named by, e.g. a proxy in front of ECR; default:
         *     the host of ECR's {@code proxyEndpoint} ({@code <account>.dkr.ecr.<region>.amazonaws.com})
         * @return this builder
         * @throws IllegalArgumentException if it is blank or contains a scheme or a path
         */
        public Builder registryHost(String value) {
            Objects.requireNonNull(value, "registryHost");
            if (value.isBlank() || value.contains("/")) {
                throw new IllegalArgumentException("registryHost must be a host[:port] without scheme or path, was '"
                        + value + "'");
            }
            this.registryHost = Optional.of(value);
            return this;
        }

        /**
         * @param value the Docker engine that pushes and pulls (needs berth-docker on the class path); without one,
         *     push and pull fail with an {@link IllegalStateException}
         * @return this builder
         */
        public Builder engine(DockerBackendConfig value) {
            this.engine = Optional.of(Objects.requireNonNull(value, "engine"));
            return this;
        }

        /**
         * @param value the clock for token expiry; default the system clock in UTC
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value the deadline of one ECR call, retries included, on a client Berth builds; ignored for the
         *     user's own client, whose configuration stays as it is
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder callTimeout(Duration value) {
            Objects.requireNonNull(value, "callTimeout");
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("callTimeout must be positive, was " + value);
            }
            this.callTimeout = value;
            return this;
        }

        /** @return the configuration */
        public EcrRegistryConfig build() {
            return new EcrRegistryConfig(this);
        }
    }
}
