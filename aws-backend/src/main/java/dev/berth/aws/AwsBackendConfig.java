package dev.berth.aws;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/**
 * How {@link AwsBackend} reaches Amazon ECS and how it runs tasks there. Immutable; build it with {@link #builder()}.
 *
 * <p>Berth never chooses credentials or a region. Either pass your own {@link EcsClient} (Berth uses it as it is,
 * with <em>your</em> retry settings, and does not close it), or let Berth build one from a customizer of
 * {@link EcsClientBuilder} in which you set region and credentials: Berth then configures the SDK's retry strategy
 * for ECS throttling first ({@link #retryMaxAttempts()} attempts, standard mode with its separate, slower backoff
 * for {@code ThrottlingException} and the other throttling codes), your customizer runs after it and may override
 * it, and Berth closes that client. Berth adds no retry layer of its own around SDK calls, but for RunTask and
 * StartTask: a repeat of those could start tasks twice after an attempt whose answer was lost, so Berth builds them a
 * second client without the SDK's retries and repeats them itself ({@link #retryMaxAttempts()} attempts), each time
 * only once it found no task that the failed attempt started (by their client-token and task-id tags). With your own
 * client, its retries apply to them as they are.
 *
 * <pre>{@code
 * AwsBackendConfig config = AwsBackendConfig.builder()
 *         .ecsClient(b -> b.region(Region.EU_WEST_1).credentialsProvider(ProfileCredentialsProvider.create("ops")))
 *         .mode(AwsBackendConfig.Mode.CLIENT_SCHEDULED)
 *         .build();
 * }</pre>
 */
public final class AwsBackendConfig {

    /** Default attempts (first call included) of SDK calls on clients Berth builds. */
    public static final int DEFAULT_RETRY_MAX_ATTEMPTS = 8;
    /** Default pause between two polls of a waiter: ECS's own TasksRunning waiter polls every 6 s. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(6);

    /** Who keeps services at their desired count. */
    public enum Mode {
        /**
         * A Berth service is an ECS service: ECS schedules and reconciles it, Berth waits and reports. Standalone
         * tasks are placed by ECS too (RunTask), on EC2 or Fargate.
         */
        ECS_MANAGED,
        /**
         * Berth's own scheduler and reconciler place tasks on the cluster's EC2 container instances and start and
         * stop them with StartTask and StopTask, as a custom ECS scheduler does; standalone tasks too. EC2 only.
         */
        CLIENT_SCHEDULED
    }

    private final Optional<EcsClient> ecsClient;
    private final Consumer<EcsClientBuilder> ecsClientCustomizer;
    private final Mode mode;
    private final LaunchType launchType;
    private final Optional<AwsVpcConfiguration> awsVpc;
    private final int retryMaxAttempts;
    private final Duration pollInterval;
    private final Clock clock;

    private AwsBackendConfig(Builder b) {
        if (b.ecsClient.isEmpty() && b.ecsClientCustomizer == null) {
            throw new IllegalArgumentException("no ECS client: pass ecsClient(EcsClient) or"
                    + " ecsClient(Consumer<EcsClientBuilder>) setting at least the region and credentials");
        }
        if (b.mode == Mode.CLIENT_SCHEDULED && b.launchType == LaunchType.FARGATE) {
            throw new IllegalArgumentException("mode CLIENT_SCHEDULED places tasks on EC2 container instances:"
                    + " use launchType EC2, or mode ECS_MANAGED for Fargate");
        }
        if (b.launchType == LaunchType.FARGATE && b.awsVpc.isEmpty()) {
            throw new IllegalArgumentException("launchType FARGATE needs awsVpc(AwsVpcConfiguration): Fargate tasks"
                    + " run in awsvpc mode, in the subnets given there");
        }
        if (b.retryMaxAttempts < 1) {
            throw new IllegalArgumentException("retryMaxAttempts must be >= 1, was " + b.retryMaxAttempts);
        }
        requirePositive(b.pollInterval, "pollInterval");
        this.ecsClient = b.ecsClient;
        this.ecsClientCustomizer = b.ecsClientCustomizer;
        this.mode = b.mode;
        this.launchType = b.launchType;
        this.awsVpc = b.awsVpc;
        this.retryMaxAttempts = b.retryMaxAttempts;
        this.pollInterval = b.pollInterval;
        this.clock = b.clock;
    }

    /** @return a builder with ECS_MANAGED mode, EC2 launch type and ECS's waiter timings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the user's own client, if one was passed: used as is, never closed by Berth */
    public Optional<EcsClient> ecsClient() {
        return ecsClient;
    }

    /** @return the customizer for a client Berth builds; empty when the user passed their own client */
    public Optional<Consumer<EcsClientBuilder>> ecsClientCustomizer() {
        return Optional.ofNullable(ecsClientCustomizer);
    }

    /** @return who keeps services at their desired count */
    public Mode mode() {
        return mode;
    }

    /** @return where ECS runs the tasks */
    public LaunchType launchType() {
        return launchType;
    }

    /** @return the network of tasks whose definition uses {@code awsvpc}; required for Fargate */
    public Optional<AwsVpcConfiguration> awsVpc() {
        return awsVpc;
    }

    /** @return attempts of an SDK call (the first included) on a client Berth builds */
    public int retryMaxAttempts() {
        return retryMaxAttempts;
    }

    /** @return pause between two polls while waiting for a task or a service */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return the clock of observation times */
    public Clock clock() {
        return clock;
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Builds an {@link AwsBackendConfig}. */
    public static final class Builder {

        private Optional<EcsClient> ecsClient = Optional.empty();
        private Consumer<EcsClientBuilder> ecsClientCustomizer;
        private Mode mode = Mode.ECS_MANAGED;
        private LaunchType launchType = LaunchType.EC2;
        private Optional<AwsVpcConfiguration> awsVpc = Optional.empty();
        private int retryMaxAttempts = DEFAULT_RETRY_MAX_ATTEMPTS;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Uses the caller's client as it is, with the caller's credentials, region and retry settings. Berth does not
         * close it. Replaces a customizer set before.
         *
         * @param client the caller's configured client
         * @return this builder
         */
        public Builder ecsClient(EcsClient client) {
            this.ecsClient = Optional.of(Objects.requireNonNull(client, "client"));
            this.ecsClientCustomizer = null;
            return this;
        }

        /**
         * Lets Berth build the client: Berth sets its retry strategy, then {@code customizer} sets at least the
         * region and credentials (and may override anything). Berth closes the client. Replaces a client set before.
         *
         * @param customizer sets at least the region and credentials on the builder Berth made
         * @return this builder
         */
        public Builder ecsClient(Consumer<EcsClientBuilder> customizer) {
            this.ecsClientCustomizer = Objects.requireNonNull(customizer, "customizer");
            this.ecsClient = Optional.empty();
            return this;
        }

        /**
         * @param value who keeps services at their desired count (default ECS_MANAGED)
         * @return this builder
         */
        public Builder mode(Mode value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        /**
         * @param value EC2 or FARGATE (default EC2)
         * @return this builder
         */
        public Builder launchType(LaunchType value) {
            this.launchType = Objects.requireNonNull(value, "launchType");
            return this;
        }

        /**
         * @param value subnets, security groups and public IP of awsvpc tasks
         * @return this builder
         */
        public Builder awsVpc(AwsVpcConfiguration value) {
            this.awsVpc = Optional.of(Objects.requireNonNull(value, "awsVpc"));
            return this;
        }

        /**
         * @param attempts attempts of each SDK call, the first included, on a client Berth builds (default 8)
         * @return this builder
         */
        public Builder retryMaxAttempts(int attempts) {
            this.retryMaxAttempts = attempts;
            return this;
        }

        /**
         * @param value the pause between two polls of ECS for task changes (default 6 s, as ECS's waiters)
         * @return this builder
         */
        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        /**
         * @param value the clock of observation times (default the system's, UTC)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException if there is no client, CLIENT_SCHEDULED is combined with FARGATE, FARGATE
         *     has no awsvpc configuration, or a number or duration is not positive
         */
        public AwsBackendConfig build() {
            return new AwsBackendConfig(this);
        }
    }
}
