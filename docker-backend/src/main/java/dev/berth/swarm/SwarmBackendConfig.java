package dev.berth.swarm;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.exception.BackendUnavailableException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Swarm backend reaches a swarm and how it runs Berth's services and tasks there. Immutable; build it with
 * {@link #builder()}, or find the local engine with {@link #fromEnvironment()}.
 *
 * <p>The swarm is reached through one of its managers' engines, configured as for the Docker backend
 * ({@link DockerBackendConfig}: endpoint, TLS, timeouts, clock, pull policy, registry logins, secret resolver,
 * default stop and start timeouts, and the labels that mark everything the backend creates). Its other settings
 * serve the Swarm backend as they serve the Docker backend; its availability zone, custom attributes, reserved
 * ports and instance id do not apply (a node's zone is its {@code ecs.availability-zone} label, its attributes
 * are its labels).
 *
 * <pre>{@code
 * SwarmBackendConfig config = SwarmBackendConfig.builder()
 *         .manager(DockerBackendConfig.builder().dockerHost(URI.create("tcp://manager-1:2376"))
 *                 .tls(new TlsSettings(Path.of("/etc/docker/client"))).build())
 *         .mode(SwarmBackendConfig.Mode.CLIENT_SCHEDULED)
 *         .build();
 * }</pre>
 */
public final class SwarmBackendConfig {

    /** Who places tasks and keeps services at their desired count. */
    public enum Mode {
        /**
         * A Berth service is a Swarm service: Swarm's scheduler places its tasks, replaces failed ones, moves them
         * off drained and lost nodes and rolls updates (with rollback for the circuit breaker); Berth forwards each
         * change and reports Swarm's state in ECS's shapes. A standalone task (RunTask) is placed by Swarm too. The
         * default, as ECS-managed services are on AWS.
         */
        SWARM_MANAGED,
        /**
         * Berth's scheduler and reconciler place every task on a node and keep services at their count, pinning
         * each task's containers to the chosen node: binpack, distinctInstance and the whole cluster query language
         * work, as on the Docker backend.
         */
        CLIENT_SCHEDULED
    }

    private final DockerBackendConfig manager;
    private final Mode mode;
    private final PublishMode publishMode;
    private final Duration updateMonitor;
    private final Duration changePollInterval;

    private SwarmBackendConfig(Builder b) {
        if (b.updateMonitor.isNegative() || b.updateMonitor.isZero()) {
            throw new IllegalArgumentException("updateMonitor must be positive, was " + b.updateMonitor);
        }
        if (b.changePollInterval.isNegative() || b.changePollInterval.isZero()) {
            throw new IllegalArgumentException("changePollInterval must be positive, was " + b.changePollInterval);
        }
        manager = b.manager;
        mode = b.mode;
        publishMode = b.publishMode;
        updateMonitor = b.updateMonitor;
        changePollInterval = b.changePollInterval;
    }

    /** @return a builder for the manager at the local engine's default socket, in managed mode */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * @return a configuration whose manager is the engine {@link DockerBackendConfig#fromEnvironment()} finds
     *     ({@code DOCKER_HOST}, then the local sockets), with the default settings otherwise
     * @throws BackendUnavailableException if no engine answers; the message lists every attempt
     */
    public static SwarmBackendConfig fromEnvironment() {
        return builder().manager(DockerBackendConfig.fromEnvironment()).build();
    }

    /** @return how to reach a manager's engine, and the settings shared with the Docker backend */
    public DockerBackendConfig manager() {
        return manager;
    }

    /** @return who places tasks and keeps services ({@link Mode#SWARM_MANAGED} by default) */
    public Mode mode() {
        return mode;
    }

    /** @return how port mappings are published ({@link PublishMode#HOST} by default) */
    public PublishMode publishMode() {
        return publishMode;
    }

    /**
     * @return how long Swarm watches each task a rolling update started before it counts as updated and a failure
     *     no longer counts against the update ({@code update_config.monitor}; 10 s by default). ECS's circuit
     *     breaker has no such window: it counts tasks that fail to reach RUNNING, or healthy.
     */
    public Duration updateMonitor() {
        return updateMonitor;
    }

    /** @return how often tasks are read for change signals while someone listens (1 s by default) */
    public Duration changePollInterval() {
        return changePollInterval;
    }

    @Override
    public String toString() {
        return "SwarmBackendConfig[manager=" + manager.dockerHost() + ", mode=" + mode + ", publishMode="
                + publishMode + "]";
    }

    /** Builds a {@link SwarmBackendConfig}; bare property names, the last call wins. */
    public static final class Builder {
        private DockerBackendConfig manager = DockerBackendConfig.builder().build();
        private Mode mode = Mode.SWARM_MANAGED;
        private PublishMode publishMode = PublishMode.HOST;
        private Duration updateMonitor = Duration.ofSeconds(10);
        private Duration changePollInterval = Duration.ofSeconds(1);

        private Builder() {
        }

        private Builder(SwarmBackendConfig c) {
            manager = c.manager;
            mode = c.mode;
            publishMode = c.publishMode;
            updateMonitor = c.updateMonitor;
            changePollInterval = c.changePollInterval;
        }

        /**
         * @param value a manager's engine and the settings shared with the Docker backend
         * @return this builder
         */
        public Builder manager(DockerBackendConfig value) {
            manager = Objects.requireNonNull(value, "manager");
            return this;
        }

        /**
         * @param value who places tasks and keeps services
         * @return this builder
         */
        public Builder mode(Mode value) {
            mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        /**
         * @param value how port mappings are published
         * @return this builder
         */
        public Builder publishMode(PublishMode value) {
            publishMode = Objects.requireNonNull(value, "publishMode");
            return this;
        }

        /**
         * @param value how long Swarm watches each updated task for failure, positive
         * @return this builder
         */
        public Builder updateMonitor(Duration value) {
            updateMonitor = Objects.requireNonNull(value, "updateMonitor");
            return this;
        }

        /**
         * @param value how often tasks are read for change signals, positive
         * @return this builder
         */
        public Builder changePollInterval(Duration value) {
            changePollInterval = Objects.requireNonNull(value, "changePollInterval");
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException if a duration is not positive
         */
        public SwarmBackendConfig build() {
            return new SwarmBackendConfig(this);
        }
    }
}
