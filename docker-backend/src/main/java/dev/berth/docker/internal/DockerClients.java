package dev.berth.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.berth.docker.DockerBackendConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * docker-java clients for one engine, one per class of call, so that each class has its own response deadline:
 * {@link #ping()} (seconds), {@link #calls()} (inspect, create, start, kill, remove, networks, logs),
 * {@link #pulls()} (minutes; a pull's total duration is bounded separately by its caller) and {@link #streams()}
 * (followed logs and the event stream: no read deadline, they end when closed or when the engine ends them).
 *
 * <p>Every call goes through {@link #call} or {@link #run}, so through the engine's one {@link BackendCallPolicy}.
 * The clients read nothing from the environment: everything comes from the {@link DockerBackendConfig}.
 */
public final class DockerClients implements AutoCloseable {

    /** httpclient5 reads a zero response timeout as none: streams wait for the engine as long as they are open. */
    private static final Duration NO_READ_DEADLINE = Duration.ZERO;

    private final DockerClient ping;
    private final DockerClient calls;
    private final DockerClient pulls;
    private final DockerClient streams;
    private final BackendCallPolicy policy;

    private DockerClients(DockerClient ping, DockerClient calls, DockerClient pulls, DockerClient streams,
                          BackendCallPolicy policy) {
        this.ping = ping;
        this.calls = calls;
        this.pulls = pulls;
        this.streams = streams;
        this.policy = policy;
    }

    /**
     * @param config the engine and its timeouts
     * @return clients for that engine; no connection is opened yet
     */
    public static DockerClients open(DockerBackendConfig config) {
        var t = config.timeouts();
        return new DockerClients(client(config, t.ping(), 2), client(config, t.call(), 16),
                client(config, t.pull(), 4), client(config, NO_READ_DEADLINE, 16),
                BackendCallPolicy.forEngine(config.dockerHost().toString()));
    }

    /**
     * Runs one call through the engine's {@link BackendCallPolicy}: retry, circuit breaker, translation.
     *
     * @param <T> the call's result type
     * @param what the operation, for messages
     * @param call the docker-java call, made with one of these clients
     * @return the call's result
     * @throws dev.berth.exception.BerthException the translated failure
     */
    public <T> T call(String what, Supplier<T> call) {
        return policy.call(what, call);
    }

    /**
     * @param what the operation, for messages
     * @param call the docker-java call
     * @throws dev.berth.exception.BerthException the translated failure
     * @see #call(String, Supplier)
     */
    public void run(String what, Runnable call) {
        policy.run(what, call);
    }

    /** @return the client for pings, with the ping deadline */
    public DockerClient ping() {
        return ping;
    }

    /** @return the client for short calls, with the call deadline */
    public DockerClient calls() {
        return calls;
    }

    /**
     * @return the transport of {@link #calls()}, with the same deadline, for engine API requests docker-java does
     *     not model (the Swarm backend's services, tasks and nodes); go through {@link #call} with it too
     */
    public DockerHttpClient callsTransport() {
        return ((DockerClientImpl) calls).getHttpClient();
    }

    /** @return the client for image pulls, with the pull deadline between two progress messages */
    public DockerClient pulls() {
        return pulls;
    }

    /** @return the client for streams (followed logs, events), without a read deadline */
    public DockerClient streams() {
        return streams;
    }

    /** Closes all four clients, even when one fails. */
    @Override
    public void close() {
        IOException failure = null;
        for (DockerClient client : List.of(ping, calls, pulls, streams)) {
            try {
                client.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("closing the Docker clients failed", failure);
        }
    }

    private static DockerClient client(DockerBackendConfig config, Duration responseTimeout, int maxConnections) {
        ExplicitConfig clientConfig = new ExplicitConfig(config);
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(clientConfig.getDockerHost())
                .sslConfig(clientConfig.getSSLConfig())
                .maxConnections(maxConnections)
                .connectionTimeout(config.timeouts().connect())
                .responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(clientConfig, http);
    }

    /** docker-java's client configuration from Berth's, without its environment and file lookups. */
    private static final class ExplicitConfig implements DockerClientConfig {
        private final DockerBackendConfig config;

        ExplicitConfig(DockerBackendConfig config) {
            this.config = config;
        }

        @Override
        public URI getDockerHost() {
            return config.dockerHost();
        }

        @Override
        public RemoteApiVersion getApiVersion() {
            return config.apiVersion().map(RemoteApiVersion::parseConfig).orElse(RemoteApiVersion.unknown());
        }

        // Registry credentials arrive with the registry backend; until then pulls are anonymous.
        @Override
        public String getRegistryUsername() {
            return null;
        }

        @Override
        public String getRegistryPassword() {
            return null;
        }

        @Override
        public String getRegistryEmail() {
            return null;
        }

        @Override
        public String getRegistryUrl() {
            return null;
        }

        @Override
        public AuthConfig effectiveAuthConfig(String imageName) {
            return null;
        }

        @Override
        public AuthConfigurations getAuthConfigurations() {
            return new AuthConfigurations();
        }

        // docker-java's interface still returns its deprecated core SSLConfig type; nothing else is offered.
        @SuppressWarnings("deprecation")
        @Override
        public SSLConfig getSSLConfig() {
            return config.tls()
                    .map(tls -> (SSLConfig) new LocalDirectorySSLConfig(tls.certPath().toString()))
                    .orElse(null);
        }
    }
}
