package dev.berth.docker;

import dev.berth.docker.internal.EngineDiscovery;
import dev.berth.docker.internal.Labels;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.model.HostPorts;
import dev.berth.registry.RegistryCredentialsLookup;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * How the Docker backend reaches one Docker engine and how it runs tasks there. Immutable; build it explicitly with
 * {@link #builder()} or find the local engine with {@link #fromEnvironment()}.
 *
 * <pre>{@code
 * DockerBackendConfig config = DockerBackendConfig.builder()
 *         .dockerHost(URI.create("tcp://build-host:2376"))
 *         .tls(new TlsSettings(Path.of("/etc/docker/client")))
 *         .hostPortBindAddress("0.0.0.0")
 *         .timeouts(DockerTimeouts.defaults().withPull(Duration.ofMinutes(3)))
 *         .build();
 * }</pre>
 */
public final class DockerBackendConfig {

    /** The zone the engine reports as {@code ecs.availability-zone} unless one is set. */
    public static final String DEFAULT_ZONE = "local";

    /** The engine's default socket on Linux. */
    public static final URI DEFAULT_UNIX_SOCKET = URI.create("unix:///var/run/docker.sock");

    private final URI dockerHost;
    private final Optional<TlsSettings> tls;
    private final Optional<String> apiVersion;
    private final DockerTimeouts timeouts;
    private final String hostPortBindAddress;
    private final ImagePullPolicy pullPolicy;
    private final RegistryCredentialsLookup registryCredentials;
    private final Duration defaultStopTimeout;
    private final Duration defaultStartTimeout;
    private final Duration pollInterval;
    private final int maxConcurrentStarts;
    private final SecretResolver secretResolver;
    private final Clock clock;
    private final String availabilityZone;
    private final Map<String, String> attributes;
    private final HostPorts reservedPorts;
    private final Map<String, String> labels;
    private final Optional<String> instanceId;
    private final FileResolver fileResolver;
    private final Map<String, String> efsDirectories;
    private final int gpus;

    private DockerBackendConfig(Builder b) {
        String scheme = Objects.requireNonNullElse(b.dockerHost.getScheme(), "");
        if (!scheme.equals("unix") && !scheme.equals("tcp") && !scheme.equals("npipe")) {
            throw new IllegalArgumentException("docker host must be unix://, tcp:// or npipe://, was " + b.dockerHost);
        }
        if (b.hostPortBindAddress.isBlank()) {
            throw new IllegalArgumentException("hostPortBindAddress must not be blank");
        }
        requirePositive(b.defaultStopTimeout, "defaultStopTimeout");
        requirePositive(b.defaultStartTimeout, "defaultStartTimeout");
        requirePositive(b.pollInterval, "pollInterval");
        if (b.maxConcurrentStarts < 1) {
            throw new IllegalArgumentException("maxConcurrentStarts must be at least 1, was " + b.maxConcurrentStarts);
        }
        if (b.instanceId.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("instanceId must not be blank");
        }
        if (b.gpus < 0) {
            throw new IllegalArgumentException("gpus must be 0 or more, was " + b.gpus);
        }
        if (b.availabilityZone.isBlank()) {
            throw new IllegalArgumentException("availabilityZone must not be blank");
        }
        for (String key : b.attributes.keySet()) {
            if (key.startsWith("ecs.")) {
                throw new IllegalArgumentException("custom attribute " + key + " must not start with 'ecs.':"
                        + " those are the engine's built-in attributes (set the zone with availabilityZone)");
            }
        }
        for (String key : b.labels.keySet()) {
            if (Labels.RESERVED.contains(key)) {
                throw new IllegalArgumentException("label " + key + " is set by Berth and cannot be configured");
            }
        }
        dockerHost = b.dockerHost;
        tls = b.tls;
        apiVersion = b.apiVersion;
        timeouts = b.timeouts;
        hostPortBindAddress = b.hostPortBindAddress;
        pullPolicy = b.pullPolicy;
        registryCredentials = b.registryCredentials;
        defaultStopTimeout = b.defaultStopTimeout;
        defaultStartTimeout = b.defaultStartTimeout;
        pollInterval = b.pollInterval;
        maxConcurrentStarts = b.maxConcurrentStarts;
        secretResolver = b.secretResolver;
        clock = b.clock;
        availabilityZone = b.availabilityZone;
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        reservedPorts = b.reservedPorts;
        instanceId = b.instanceId;
        fileResolver = b.fileResolver;
        efsDirectories = Collections.unmodifiableMap(new LinkedHashMap<>(b.efsDirectories));
        gpus = b.gpus;
        Map<String, String> allLabels = new LinkedHashMap<>(b.labels);
        b.instanceId.ifPresent(id -> allLabels.put(Labels.INSTANCE, id));
        labels = Collections.unmodifiableMap(allLabels);
    }

    /** @return a builder for the engine at {@link #DEFAULT_UNIX_SOCKET} with the default settings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Finds a Docker engine that answers, from the process's environment variables and system properties.
     *
     * @return the configuration of the first engine that answered a ping
     * @throws BackendUnavailableException if none answered; the message lists every attempt and why it failed
     * @see #fromEnvironment(Map, Properties)
     */
    public static DockerBackendConfig fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperties());
    }

    /**
     * Finds a Docker engine that answers, trying in this order and taking the first that answers a ping:
     * <ol>
     *   <li>{@code DOCKER_HOST}, with {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH} (default
     *       {@code ~/.docker}) and {@code DOCKER_API_VERSION};</li>
     *   <li>{@code unix:///var/run/docker.sock};</li>
     *   <li>rootless Docker: {@code $XDG_RUNTIME_DIR/docker.sock};</li>
     *   <li>desktop engines under the user's home: Docker Desktop ({@code ~/.docker/run/docker.sock},
     *       {@code ~/.docker/desktop/docker.sock}), Colima, Rancher Desktop, OrbStack;</li>
     *   <li>on Windows, {@code npipe:////./pipe/docker_engine}.</li>
     * </ol>
     * Docker contexts ({@code docker context use}) are not read.
     *
     * @param env environment variables, e.g. {@link System#getenv()}
     * @param sys system properties, e.g. {@link System#getProperties()} ({@code user.home}, {@code os.name})
     * @return the configuration of the first engine that answered, with the default settings otherwise
     * @throws BackendUnavailableException if none answered; the message lists every attempt and why it failed
     */
    public static DockerBackendConfig fromEnvironment(Map<String, String> env, Properties sys) {
        return EngineDiscovery.withPing().discover(env, sys);
    }

    /** @return the engine's endpoint: {@code unix://}, {@code tcp://} or {@code npipe://} */
    public URI dockerHost() {
        return dockerHost;
    }

    /** @return TLS material for a {@code tcp://} endpoint; empty = plain connection */
    public Optional<TlsSettings> tls() {
        return tls;
    }

    /** @return the API version to speak; empty = negotiated by the client library */
    public Optional<String> apiVersion() {
        return apiVersion;
    }

    /** @return the deadline for each class of engine call */
    public DockerTimeouts timeouts() {
        return timeouts;
    }

    /** @return the host address container ports are published on ({@code 127.0.0.1} by default) */
    public String hostPortBindAddress() {
        return hostPortBindAddress;
    }

    /**
     * @return the host name under which published ports are reached: the engine's host for {@code tcp://},
     *     else the bind address ({@code localhost} when bound to all interfaces)
     */
    public String endpointHost() {
        if (dockerHost.getScheme().equals("tcp") && dockerHost.getHost() != null) {
            return dockerHost.getHost();
        }
        return hostPortBindAddress.equals("0.0.0.0") ? "localhost" : hostPortBindAddress;
    }

    /** @return when images are pulled ({@link ImagePullPolicy#IF_NOT_PRESENT} by default) */
    public ImagePullPolicy pullPolicy() {
        return pullPolicy;
    }

    /**
     * @return the logins task images are pulled with, by registry host ({@link RegistryCredentialsLookup#none()}, so
     *     anonymous pulls, by default); asked at each pull, never logged
     */
    public RegistryCredentialsLookup registryCredentials() {
        return registryCredentials;
    }

    /** @return the grace between the stop signal and SIGKILL for a container without a stopTimeout (30 s) */
    public Duration defaultStopTimeout() {
        return defaultStopTimeout;
    }

    /**
     * @return how long a container waits for a dependency's COMPLETE, SUCCESS or HEALTHY condition when the
     *     dependency has no startTimeout (5 min). ECS's agent waits without limit there; Berth bounds every wait.
     */
    public Duration defaultStartTimeout() {
        return defaultStartTimeout;
    }

    /** @return how often container states are re-read while waiting for a dependency or a stop (250 ms) */
    public Duration pollInterval() {
        return pollInterval;
    }

    /**
     * @return how many containers of this engine's tasks are created or started at once (8): tasks start in
     *     parallel up to this bound, more only queue for the engine, whose own limit is a few starts per second per
     *     core; a waiting start goes before a waiting creation, so a burst's tasks come up one by one
     */
    public int maxConcurrentStarts() {
        return maxConcurrentStarts;
    }

    /** @return where environment files and FireLens configuration files come from ({@link FileResolver#none()}) */
    public FileResolver fileResolver() {
        return fileResolver;
    }

    /**
     * @return directories of the engine's host that stand in for EFS file systems, by file system id; a file
     *     system not listed is a named local volume per file system and root directory (see the Docker backend's
     *     documentation)
     */
    public Map<String, String> efsDirectories() {
        return efsDirectories;
    }

    /**
     * @return GPUs the engine offers to tasks' GPU requirements, through its NVIDIA container runtime (0 by
     *     default: a GPU task is then not placed, {@code RESOURCE:GPU})
     */
    public int gpus() {
        return gpus;
    }

    /** @return where secret values come from ({@link SecretResolver#none()} by default) */
    public SecretResolver secretResolver() {
        return secretResolver;
    }

    /** @return the clock for deadlines and timestamps (the system UTC clock by default) */
    public Clock clock() {
        return clock;
    }

    /** @return the engine's {@code ecs.availability-zone} attribute ({@value #DEFAULT_ZONE} by default) */
    public String availabilityZone() {
        return availabilityZone;
    }

    /** @return custom attributes the engine reports as a container instance, beside its built-in ones */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** @return host ports reserved on the engine in addition to ECS's defaults (none by default) */
    public HostPorts reservedPorts() {
        return reservedPorts;
    }

    /**
     * @return labels put on every container and network the backend creates (none by default), with
     *     {@code dev.berth.instance} when an {@link #instanceId()} is set. The backend sees only containers that
     *     carry all of them.
     */
    public Map<String, String> labels() {
        return labels;
    }

    /**
     * @return the id under which the engine is a container instance; empty (the default) for the engine's own id
     *     from {@code docker info}
     */
    public Optional<String> instanceId() {
        return instanceId;
    }

    @Override
    public String toString() {
        return "DockerBackendConfig[dockerHost=" + dockerHost + ", tls=" + tls + ", apiVersion=" + apiVersion
                + ", timeouts=" + timeouts + ", hostPortBindAddress=" + hostPortBindAddress + ", pullPolicy="
                + pullPolicy + "]";
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** Builds a {@link DockerBackendConfig}; bare property names, the last call wins. */
    public static final class Builder {
        private URI dockerHost = DEFAULT_UNIX_SOCKET;
        private Optional<TlsSettings> tls = Optional.empty();
        private Optional<String> apiVersion = Optional.empty();
        private DockerTimeouts timeouts = DockerTimeouts.defaults();
        private String hostPortBindAddress = "127.0.0.1";
        private ImagePullPolicy pullPolicy = ImagePullPolicy.IF_NOT_PRESENT;
        private RegistryCredentialsLookup registryCredentials = RegistryCredentialsLookup.none();
        private Duration defaultStopTimeout = Duration.ofSeconds(30);
        private Duration defaultStartTimeout = Duration.ofMinutes(5);
        private Duration pollInterval = Duration.ofMillis(250);
        private int maxConcurrentStarts = 8;
        private SecretResolver secretResolver = SecretResolver.none();
        private Clock clock = Clock.systemUTC();
        private String availabilityZone = DEFAULT_ZONE;
        private Map<String, String> attributes = new LinkedHashMap<>();
        private HostPorts reservedPorts = HostPorts.none();
        private Map<String, String> labels = new LinkedHashMap<>();
        private Optional<String> instanceId = Optional.empty();
        private FileResolver fileResolver = FileResolver.none();
        private final Map<String, String> efsDirectories = new LinkedHashMap<>();
        private int gpus;

        private Builder() {
        }

        private Builder(DockerBackendConfig c) {
            dockerHost = c.dockerHost;
            tls = c.tls;
            apiVersion = c.apiVersion;
            timeouts = c.timeouts;
            hostPortBindAddress = c.hostPortBindAddress;
            pullPolicy = c.pullPolicy;
            registryCredentials = c.registryCredentials;
            defaultStopTimeout = c.defaultStopTimeout;
            defaultStartTimeout = c.defaultStartTimeout;
            pollInterval = c.pollInterval;
            maxConcurrentStarts = c.maxConcurrentStarts;
            secretResolver = c.secretResolver;
            fileResolver = c.fileResolver;
            efsDirectories.putAll(c.efsDirectories);
            gpus = c.gpus;
            clock = c.clock;
            availabilityZone = c.availabilityZone;
            attributes = new LinkedHashMap<>(c.attributes);
            reservedPorts = c.reservedPorts;
            labels = new LinkedHashMap<>(c.labels);
            labels.remove(Labels.INSTANCE);
            instanceId = c.instanceId;
        }

        /**
         * @param value {@code unix:///path}, {@code tcp://host:port} or {@code npipe:////./pipe/name}
         * @return this builder
         */
        public Builder dockerHost(URI value) {
            dockerHost = Objects.requireNonNull(value, "dockerHost");
            return this;
        }

        /**
         * @param value TLS material for a {@code tcp://} endpoint
         * @return this builder
         */
        public Builder tls(TlsSettings value) {
            tls = Optional.of(value);
            return this;
        }

        /**
         * Connects without TLS (the default).
         *
         * @return this builder
         */
        public Builder noTls() {
            tls = Optional.empty();
            return this;
        }

        /**
         * @param value API version to speak, e.g. {@code 1.41}
         * @return this builder
         */
        public Builder apiVersion(String value) {
            apiVersion = Optional.of(value);
            return this;
        }

        /**
         * @param value deadlines per class of engine call
         * @return this builder
         */
        public Builder timeouts(DockerTimeouts value) {
            timeouts = Objects.requireNonNull(value, "timeouts");
            return this;
        }

        /**
         * @param value host address to publish ports on: {@code 127.0.0.1} (default) or {@code 0.0.0.0}
         * @return this builder
         */
        public Builder hostPortBindAddress(String value) {
            hostPortBindAddress = Objects.requireNonNull(value, "hostPortBindAddress");
            return this;
        }

        /**
         * @param value when images are pulled
         * @return this builder
         */
        public Builder pullPolicy(ImagePullPolicy value) {
            pullPolicy = Objects.requireNonNull(value, "pullPolicy");
            return this;
        }

        /**
         * Pulls of task images use the login this lookup gives for the image's registry host (the part before the
         * first {@code /} of e.g. {@code 127.0.0.1:5000/team/web:1}; Docker Hub is {@code docker.io}), whenever the
         * pull policy pulls (ALWAYS, or IF_NOT_PRESENT with the image missing); no login means an anonymous pull.
         * Berth registries give one with
         * {@link dev.berth.api.Registry#credentialsLookup}.
         *
         * @param value logins by registry host
         * @return this builder
         */
        public Builder registryCredentials(RegistryCredentialsLookup value) {
            registryCredentials = Objects.requireNonNull(value, "registryCredentials");
            return this;
        }

        /**
         * @param value stop grace for containers without a stopTimeout
         * @return this builder
         */
        public Builder defaultStopTimeout(Duration value) {
            defaultStopTimeout = Objects.requireNonNull(value, "defaultStopTimeout");
            return this;
        }

        /**
         * @param value dependency wait for dependencies without a startTimeout
         * @return this builder
         */
        public Builder defaultStartTimeout(Duration value) {
            defaultStartTimeout = Objects.requireNonNull(value, "defaultStartTimeout");
            return this;
        }

        /**
         * @param value how often states are re-read while waiting
         * @return this builder
         */
        public Builder pollInterval(Duration value) {
            pollInterval = Objects.requireNonNull(value, "pollInterval");
            return this;
        }

        /**
         * @param value how many containers are created or started at once on this engine, at least 1
         * @return this builder
         */
        public Builder maxConcurrentStarts(int value) {
            maxConcurrentStarts = value;
            return this;
        }

        /**
         * @param value where secret values come from
         * @return this builder
         */
        public Builder secretResolver(SecretResolver value) {
            secretResolver = Objects.requireNonNull(value, "secretResolver");
            return this;
        }

        /**
         * @param value where environment files and FireLens configuration files (named in Amazon S3 by the task
         *     definition) are read from, e.g. {@link FileResolver#directory}
         * @return this builder
         */
        public Builder fileResolver(FileResolver value) {
            fileResolver = Objects.requireNonNull(value, "fileResolver");
            return this;
        }

        /**
         * Makes a directory of the engine's host stand in for an EFS file system: a volume of that file system is a
         * bind mount of {@code hostDirectory} plus the volume's {@code rootDirectory}.
         *
         * @param fileSystemId the file system, e.g. {@code fs-0a1b2c3d}
         * @param hostDirectory an absolute directory on the engine's host
         * @return this builder
         * @throws IllegalArgumentException if the directory is not absolute
         */
        public Builder efsDirectory(String fileSystemId, String hostDirectory) {
            if (!hostDirectory.startsWith("/")) {
                throw new IllegalArgumentException("the directory for EFS file system " + fileSystemId
                        + " must be an absolute path on the engine's host, was '" + hostDirectory + "'");
            }
            efsDirectories.put(Objects.requireNonNull(fileSystemId, "fileSystemId"), hostDirectory);
            return this;
        }

        /**
         * @param count GPUs the engine offers (it needs the NVIDIA container runtime); GPU requirements are then
         *     placed and passed to the engine as {@code docker run --gpus}
         * @return this builder
         */
        public Builder gpus(int count) {
            gpus = count;
            return this;
        }

        /**
         * @param value clock for deadlines and timestamps
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value the engine's {@code ecs.availability-zone} attribute, e.g. {@code eu-west-1a}
         * @return this builder
         */
        public Builder availabilityZone(String value) {
            availabilityZone = Objects.requireNonNull(value, "availabilityZone");
            return this;
        }

        /**
         * @param name a custom attribute's name, not starting with {@code ecs.}
         * @param value its value, for {@code attribute:name == value} constraints
         * @return this builder
         */
        public Builder attribute(String name, String value) {
            attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param value host ports other software uses on the engine's host; ECS's defaults are always reserved
         * @return this builder
         */
        public Builder reservedPorts(HostPorts value) {
            reservedPorts = Objects.requireNonNull(value, "reservedPorts");
            return this;
        }

        /**
         * @param key a label key, not one of those Berth sets itself ({@code dev.berth.cluster}, {@code dev.berth.task},
         *     ..., {@code dev.berth.instance})
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException if the key is {@code dev.berth.instance} (set it with
         *     {@link #instanceId})
         */
        public Builder label(String key, String value) {
            if (Labels.INSTANCE.equals(key)) {
                throw new IllegalArgumentException("label " + key + " is set with instanceId");
            }
            labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Names the engine's container instance, instead of the engine's own id. Containers started through this
         * configuration are labelled {@code dev.berth.instance} with it, and the backend sees only containers with
         * that label: one engine can then be listed twice (as two instances) in
         * {@link DockerBackend#create(java.util.List)}, e.g. to try placement across "hosts" on one machine.
         *
         * @param value the instance's id, unique among the backend's engines
         * @return this builder
         */
        public Builder instanceId(String value) {
            instanceId = Optional.of(Objects.requireNonNull(value, "instanceId"));
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException if the host's scheme is not unix, tcp or npipe, the bind address or zone
         *     is blank, a duration is not positive, maxConcurrentStarts is below 1, gpus is negative, a custom
         *     attribute starts with {@code ecs.}, a label is one Berth sets itself, or the instance id is blank
         */
        public DockerBackendConfig build() {
            return new DockerBackendConfig(this);
        }
    }
}
