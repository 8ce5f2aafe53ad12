package dev.berth.kubernetes;

import dev.berth.exception.ResourceNotFoundException;
import dev.berth.kubernetes.internal.BerthLabels;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How the Kubernetes backend reaches its API server and runs tasks there. Nothing is read from the environment:
 * pass a kubeconfig file, a fabric8 {@link Config} (for EKS see {@link dev.berth.kubernetes.eks.EksConnection}), or
 * a client of your own, which the backend then does not close.
 *
 * <pre>{@code
 * KubernetesBackendConfig config = KubernetesBackendConfig.builder()
 *         .kubeconfig(Path.of(System.getProperty("user.home"), ".kube", "config"))
 *         .mode(KubernetesBackendConfig.Mode.CLIENT_SCHEDULED)
 *         .namespaces(cluster -> "berth-" + cluster)
 *         .build();
 * }</pre>
 */
public final class KubernetesBackendConfig {

    /** Who places and keeps tasks, as the AWS backend's two modes. */
    public enum Mode {
        /**
         * Kubernetes does (the default): a REPLICA service is a Deployment, a DAEMON service a DaemonSet, a RunTask
         * pods that Kubernetes' scheduler places; Berth adds the deployment circuit breaker and rollback.
         */
        MANAGED,
        /**
         * Berth does, as a custom Kubernetes scheduler: its scheduler chooses the node of every task (binpack, spread,
         * the whole cluster query language), its reconciler keeps services at their desired count, and each pod
         * carries Berth's {@link #schedulerName()} and is bound to its node through the Binding API.
         */
        CLIENT_SCHEDULED
    }

    /** The schedulerName of the pods Berth binds itself, unless configured otherwise. */
    public static final String DEFAULT_SCHEDULER_NAME = "berth-scheduler";

    private final Optional<KubernetesClient> client;
    private final Optional<Config> clientConfig;
    private final Mode mode;
    private final UnaryOperator<String> namespaces;
    private final Map<String, String> nodeSelector;
    private final String schedulerName;
    private final Function<String, String> secretResolver;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration requestTimeout;
    private final Duration rolloutSettleTime;

    private KubernetesBackendConfig(Builder builder) {
        this.client = Optional.ofNullable(builder.client);
        this.clientConfig = Optional.ofNullable(builder.clientConfig);
        if (client.isEmpty() && clientConfig.isEmpty()) {
            throw new IllegalArgumentException("say how to reach the API server: kubeconfig(path), clientConfig(config)"
                    + " or client(client)");
        }
        this.mode = builder.mode;
        this.namespaces = builder.namespaces;
        this.nodeSelector = Map.copyOf(builder.nodeSelector);
        this.schedulerName = builder.schedulerName;
        this.secretResolver = builder.secretResolver;
        this.clock = builder.clock;
        this.pollInterval = builder.pollInterval;
        this.requestTimeout = builder.requestTimeout;
        this.rolloutSettleTime = builder.rolloutSettleTime;
    }

    /** @return a builder with the defaults: MANAGED mode, namespace = cluster name, every node an instance */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the client the user passed; the backend does not close it */
    public Optional<KubernetesClient> client() {
        return client;
    }

    /** @return the client configuration the backend builds its own client from */
    public Optional<Config> clientConfig() {
        return clientConfig;
    }

    /** @return who places and keeps tasks */
    public Mode mode() {
        return mode;
    }

    /**
     * @param cluster a Berth cluster's name
     * @return the namespace its tasks and services live in
     */
    public String namespace(String cluster) {
        return namespaces.apply(cluster);
    }

    /** @return the labels a node must carry to be one of the instances; empty = every node */
    public Map<String, String> nodeSelector() {
        return nodeSelector;
    }

    /** @return the schedulerName of the pods Berth binds itself (CLIENT_SCHEDULED mode, and tasks it places) */
    public String schedulerName() {
        return schedulerName;
    }

    /** @return what gives a secret's value from its {@code valueFrom}; it must not log the value */
    public Function<String, String> secretResolver() {
        return secretResolver;
    }

    /** @return the clock for task times the API server does not report */
    public Clock clock() {
        return clock;
    }

    /** @return how often managed services' deployments are checked for the circuit breaker */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return the deadline of one API request */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * @return how long a managed service's workload must stay fully rolled out, with no new failure, before Berth
     *     calls its deployment COMPLETED
     */
    public Duration rolloutSettleTime() {
        return rolloutSettleTime;
    }

    /** Builds a {@link KubernetesBackendConfig}. */
    public static final class Builder {
        private KubernetesClient client;
        private Config clientConfig;
        private Mode mode = Mode.MANAGED;
        private UnaryOperator<String> namespaces = cluster -> BerthLabels.dnsName(cluster, 63);
        private Map<String, String> nodeSelector = Map.of();
        private String schedulerName = DEFAULT_SCHEDULER_NAME;
        private Function<String, String> secretResolver = valueFrom -> {
            throw new ResourceNotFoundException("No secret resolver is configured, so secret '" + valueFrom
                    + "' cannot be read: set one with KubernetesBackendConfig.builder().secretResolver(...)");
        };
        private Clock clock = Clock.systemUTC();
        private Duration pollInterval = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration rolloutSettleTime = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * @param kubeconfig a kubeconfig file; its current context is used
         * @return this builder
         * @throws UncheckedIOException if the file cannot be read
         */
        public Builder kubeconfig(Path kubeconfig) {
            try {
                return clientConfig(Config.fromKubeconfig(Files.readString(kubeconfig)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the kubeconfig " + kubeconfig, e);
            }
        }

        /**
         * @param config the client configuration; the backend builds (and closes) its client from it
         * @return this builder
         */
        public Builder clientConfig(Config config) {
            this.clientConfig = Objects.requireNonNull(config, "config");
            this.client = null;
            return this;
        }

        /**
         * @param client a client of the caller's; the backend uses it and does not close it
         * @return this builder
         */
        public Builder client(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client");
            this.clientConfig = null;
            return this;
        }

        /**
         * @param mode who places and keeps tasks; MANAGED by default
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param clusterToNamespace the namespace of each Berth cluster; by default the cluster's name (lower case,
         *     {@code _} as {@code -} and a short hash when it had to change). Several clusters may share one: Berth
         *     labels what it makes with the cluster's name.
         * @return this builder
         */
        public Builder namespaces(UnaryOperator<String> clusterToNamespace) {
            this.namespaces = Objects.requireNonNull(clusterToNamespace, "clusterToNamespace");
            return this;
        }

        /**
         * @param labels the labels a node must carry to be an instance of Berth's clusters; empty (the default) means
         *     every node
         * @return this builder
         */
        public Builder nodeSelector(Map<String, String> labels) {
            this.nodeSelector = new TreeMap<>(labels);
            return this;
        }

        /**
         * @param name the schedulerName of the pods Berth binds itself
         * @return this builder
         */
        public Builder schedulerName(String name) {
            this.schedulerName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param resolver gives a secret's value from its {@code valueFrom} (a name or ARN); the backend writes the
         *     values into a Kubernetes Secret of the task definition's revision and never logs them
         * @return this builder
         */
        public Builder secretResolver(Function<String, String> resolver) {
            this.secretResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * @param clock the clock; the system's UTC clock by default
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param interval how often managed services' deployments are checked; 2 s by default
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive, was " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * @param timeout the deadline of one API request; 30 s by default
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive, was " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * @param settleTime how long a managed service's workload must stay fully rolled out, with no new failure,
         *     before Berth calls its deployment COMPLETED (a pod that turns Ready and crashes a moment later must not
         *     complete a bad revision); 10 s by default, 0 or more
         * @return this builder
         */
        public Builder rolloutSettleTime(Duration settleTime) {
            if (settleTime.isNegative()) {
                throw new IllegalArgumentException("rolloutSettleTime must be 0 or more, was " + settleTime);
            }
            this.rolloutSettleTime = settleTime;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException if no way to reach the API server was given
         */
        public KubernetesBackendConfig build() {
            return new KubernetesBackendConfig(this);
        }
    }
}
