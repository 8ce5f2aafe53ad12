package dev.berth.docker.internal;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.TlsSettings;
import dev.berth.exception.BackendUnavailableException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a Docker engine that answers, trying a documented chain of endpoints (see
 * {@link DockerBackendConfig#fromEnvironment(Map, Properties)}) and keeping why each attempt failed.
 */
public final class EngineDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(EngineDiscovery.class);

    /** Checks one candidate endpoint; throws with the reason when it does not answer. */
    @FunctionalInterface
    public interface Probe {
        /**
         * @param candidate the endpoint to check
         * @throws RuntimeException with the reason when the engine does not answer
         */
        void check(DockerBackendConfig candidate);
    }

    /**
     * One endpoint to try.
     *
     * @param source where the endpoint comes from, e.g. {@code DOCKER_HOST} or {@code rootless Docker}
     * @param config the configuration to use when it answers
     */
    public record Candidate(String source, DockerBackendConfig config) {
        /**
         * @throws NullPointerException if a component is null
         */
        public Candidate {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(config, "config");
        }
    }

    private final Probe probe;

    /** @param probe checks whether a candidate answers */
    public EngineDiscovery(Probe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** @return a discovery that checks a socket file exists and then pings the engine within the ping timeout */
    public static EngineDiscovery withPing() {
        return new EngineDiscovery(EngineDiscovery::ping);
    }

    /**
     * @param env environment variables
     * @param sys system properties
     * @return the first candidate that answered
     * @throws BackendUnavailableException listing every attempt and its failure when none answered
     */
    public DockerBackendConfig discover(Map<String, String> env, Properties sys) {
        List<String> failures = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (Candidate candidate : candidates(env, sys, invalid)) {
            try {
                probe.check(candidate.config());
                LOG.info("Docker engine found dockerHost={} source={}", candidate.config().dockerHost(),
                        candidate.source());
                return candidate.config();
            } catch (RuntimeException e) {
                String reason = candidate.config().dockerHost() + " (" + candidate.source() + "): " + e.getMessage();
                LOG.debug("Docker engine candidate failed {}", reason);
                failures.add(reason);
            }
        }
        List<String> all = new ArrayList<>(invalid);
        all.addAll(failures);
        StringBuilder message = new StringBuilder("No Docker engine answered. Tried:");
        for (int i = 0; i < all.size(); i++) {
            message.append("\n  ").append(i + 1).append(". ").append(all.get(i));
        }
        message.append("\nStart a Docker engine (on Debian as root: bash scripts/docker-env.sh) or point DOCKER_HOST"
                + " at a running one.");
        throw new BackendUnavailableException(message.toString(), false);
    }

    /**
     * @param env environment variables
     * @param sys system properties
     * @param invalid receives a description of each setting that could not be turned into a candidate
     * @return the endpoints to try, in order
     */
    static List<Candidate> candidates(Map<String, String> env, Properties sys, List<String> invalid) {
        List<Candidate> out = new ArrayList<>();
        String dockerHost = env.getOrDefault("DOCKER_HOST", "").strip();
        String home = sys.getProperty("user.home", "");
        if (!dockerHost.isEmpty()) {
            try {
                out.add(new Candidate("DOCKER_HOST", fromDockerHostVariable(dockerHost, env, home)));
            } catch (IllegalArgumentException | URISyntaxException e) {
                invalid.add("DOCKER_HOST=" + dockerHost + ": not a usable endpoint: " + e.getMessage());
            }
        }
        boolean windows = sys.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        if (windows) {
            out.add(candidate("Docker Desktop named pipe", URI.create("npipe:////./pipe/docker_engine")));
            return out;
        }
        out.add(candidate("default socket", DockerBackendConfig.DEFAULT_UNIX_SOCKET));
        String runtimeDir = env.getOrDefault("XDG_RUNTIME_DIR", "");
        if (!runtimeDir.isEmpty()) {
            out.add(unixSocket("rootless Docker", Path.of(runtimeDir, "docker.sock")));
        }
        if (!home.isEmpty()) {
            out.add(unixSocket("Docker Desktop", Path.of(home, ".docker", "run", "docker.sock")));
            out.add(unixSocket("Docker Desktop for Linux", Path.of(home, ".docker", "desktop", "docker.sock")));
            out.add(unixSocket("Colima", Path.of(home, ".colima", "default", "docker.sock")));
            out.add(unixSocket("Rancher Desktop", Path.of(home, ".rd", "docker.sock")));
            out.add(unixSocket("OrbStack", Path.of(home, ".orbstack", "run", "docker.sock")));
        }
        return out;
    }

    private static DockerBackendConfig fromDockerHostVariable(String value, Map<String, String> env, String home)
            throws URISyntaxException {
        URI uri = new URI(value);
        boolean tls = !env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty()
                && !env.getOrDefault("DOCKER_TLS_VERIFY", "").equals("0");
        if ("tcp".equals(uri.getScheme()) && uri.getPort() == -1) {
            // Docker's own defaults: 2376 with TLS, 2375 without.
            uri = new URI("tcp", null, uri.getHost(), tls ? 2376 : 2375, uri.getPath(), null, null);
        }
        DockerBackendConfig.Builder b = DockerBackendConfig.builder().dockerHost(uri);
        if (tls) {
            String certPath = env.getOrDefault("DOCKER_CERT_PATH", "");
            b.tls(new TlsSettings(certPath.isEmpty() ? Path.of(home, ".docker") : Path.of(certPath)));
        }
        String apiVersion = env.getOrDefault("DOCKER_API_VERSION", "");
        if (!apiVersion.isEmpty()) {
            b.apiVersion(apiVersion);
        }
        return b.build();
    }

    private static Candidate unixSocket(String source, Path socket) {
        return candidate(source, URI.create("unix://" + socket.toAbsolutePath()));
    }

    private static Candidate candidate(String source, URI host) {
        return new Candidate(source, DockerBackendConfig.builder().dockerHost(host).build());
    }

    static void ping(DockerBackendConfig candidate) {
        URI host = candidate.dockerHost();
        if (host.getScheme().equals("unix") && !Files.exists(Path.of(host.getPath()))) {
            throw new IllegalStateException("no socket file at " + host.getPath());
        }
        // A probe asks once and moves on to the next candidate: no retry, no circuit breaker, only translation.
        try (DockerClients clients = DockerClients.open(candidate)) {
            DockerCalls.run("answer a ping", () -> clients.ping().pingCmd().exec());
        }
    }
}
