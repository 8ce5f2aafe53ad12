package dev.berth.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.SSLConfig;
import dev.berth.docker.DockerBackendConfig;
import java.net.URI;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class TestcontainersEngineTest {

    @Test
    void dockerBackendConfig_withoutTls_usesTheHostAsIs() {
        DockerBackendConfig config = TestcontainersEngine.dockerBackendConfig(
                URI.create("unix:///var/run/docker.sock"), null);

        assertThat(config.dockerHost()).isEqualTo(URI.create("unix:///var/run/docker.sock"));
        assertThat(config.tls()).isEmpty();
    }

    @Test
    void dockerBackendConfig_withACertificateDirectory_readsIt() {
        DockerBackendConfig config = TestcontainersEngine.dockerBackendConfig(
                URI.create("tcp://build-host:2376"), new CertificateDirectory("/etc/docker/client"));

        assertThat(config.dockerHost()).isEqualTo(URI.create("tcp://build-host:2376"));
        assertThat(config.tls()).hasValueSatisfying(t -> assertThat(t.certPath())
                .isEqualTo(Path.of("/etc/docker/client")));
        assertThat(config.endpointHost()).isEqualTo("build-host");
    }

    @Test
    void dockerBackendConfig_withOtherTlsMaterial_namesTheFix() {
        SSLConfig keystore = () -> null;

        assertThatThrownBy(() -> TestcontainersEngine.dockerBackendConfig(URI.create("tcp://h:2376"), keystore))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TlsSettings");
    }

    /** Shaped like docker-java's LocalDirectorySSLConfig, which Testcontainers relocates. */
    public static final class CertificateDirectory implements SSLConfig {
        private final String path;

        CertificateDirectory(String path) {
            this.path = path;
        }

        /** @return the directory */
        public String getDockerCertPath() {
            return path;
        }

        @Override
        public SSLContext getSSLContext() {
            return null;
        }
    }
}
