package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.exception.BackendUnavailableException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EngineDiscoveryTest {

    private static Properties linuxUser() {
        Properties sys = new Properties();
        sys.setProperty("os.name", "Linux");
        sys.setProperty("user.home", "/home/dev");
        return sys;
    }

    @Test
    void candidates_withDockerHost_triesItFirstThenSocketsInDocumentedOrder() {
        List<EngineDiscovery.Candidate> candidates = EngineDiscovery.candidates(
                Map.of("DOCKER_HOST", "tcp://build:2375", "XDG_RUNTIME_DIR", "/run/user/1000"), linuxUser(),
                new ArrayList<>());

        assertThat(candidates).extracting(c -> c.config().dockerHost().toString()).containsExactly(
                "tcp://build:2375", "unix:///var/run/docker.sock", "unix:///run/user/1000/docker.sock",
                "unix:///home/dev/.docker/run/docker.sock", "unix:///home/dev/.docker/desktop/docker.sock",
                "unix:///home/dev/.colima/default/docker.sock", "unix:///home/dev/.rd/docker.sock",
                "unix:///home/dev/.orbstack/run/docker.sock");
        assertThat(candidates.get(0).source()).isEqualTo("DOCKER_HOST");
    }

    @Test
    void candidates_tlsVerifyWithoutPort_uses2376AndTheCertPath() {
        DockerBackendConfig config = EngineDiscovery.candidates(Map.of("DOCKER_HOST", "tcp://secure",
                "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/certs", "DOCKER_API_VERSION", "1.41"), linuxUser(),
                new ArrayList<>()).get(0).config();

        assertThat(config.dockerHost()).isEqualTo(URI.create("tcp://secure:2376"));
        assertThat(config.tls().orElseThrow().certPath()).isEqualTo(Path.of("/certs"));
        assertThat(config.apiVersion()).contains("1.41");
        assertThat(config.endpointHost()).isEqualTo("secure");
    }

    @Test
    void candidates_onWindows_triesTheNamedPipe() {
        Properties sys = new Properties();
        sys.setProperty("os.name", "Windows 11");

        assertThat(EngineDiscovery.candidates(Map.of(), sys, new ArrayList<>()))
                .extracting(c -> c.config().dockerHost().toString()).containsExactly("npipe:////./pipe/docker_engine");
    }

    @Test
    void discover_firstCandidateThatAnswers_wins() {
        EngineDiscovery discovery = new EngineDiscovery(candidate -> {
            if (!candidate.dockerHost().toString().contains("colima")) {
                throw new IllegalStateException("no socket file");
            }
        });

        DockerBackendConfig found = discovery.discover(Map.of(), linuxUser());

        assertThat(found.dockerHost().toString()).isEqualTo("unix:///home/dev/.colima/default/docker.sock");
    }

    @Test
    void discover_nothingAnswers_listsEveryAttemptAndWhyItFailed() {
        EngineDiscovery discovery = new EngineDiscovery(candidate -> {
            throw new IllegalStateException("refused by " + candidate.dockerHost().getScheme());
        });

        assertThatThrownBy(() -> discovery.discover(Map.of("DOCKER_HOST", "tcp://x:1"), linuxUser()))
                .isInstanceOfSatisfying(BackendUnavailableException.class,
                        e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageStartingWith("No Docker engine answered. Tried:")
                .hasMessageContaining("1. tcp://x:1 (DOCKER_HOST): refused by tcp")
                .hasMessageContaining("2. unix:///var/run/docker.sock (default socket): refused by unix")
                .hasMessageContaining("7. unix:///home/dev/.orbstack/run/docker.sock (OrbStack)")
                .hasMessageContaining("point DOCKER_HOST at a running one");
    }

    @Test
    void discover_malformedDockerHost_isListedAsAnAttempt() {
        EngineDiscovery discovery = new EngineDiscovery(candidate -> {
            throw new IllegalStateException("down");
        });

        assertThatThrownBy(() -> discovery.discover(Map.of("DOCKER_HOST", "ftp://nowhere"), linuxUser()))
                .hasMessageContaining("1. DOCKER_HOST=ftp://nowhere: not a usable endpoint")
                .hasMessageContaining("2. unix:///var/run/docker.sock");
    }

    @Test
    void ping_missingSocketFile_saysSoWithoutConnecting() {
        DockerBackendConfig candidate = DockerBackendConfig.builder()
                .dockerHost(URI.create("unix:///nonexistent/docker.sock")).build();

        assertThatThrownBy(() -> EngineDiscovery.ping(candidate))
                .hasMessage("no socket file at /nonexistent/docker.sock");
    }
}
