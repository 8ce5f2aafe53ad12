package dev.berth.junit;

import com.github.dockerjava.transport.SSLConfig;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.TlsSettings;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.TransportConfig;

/**
 * Berth's Docker backend on the engine Testcontainers discovered, so that Berth's services and Testcontainers'
 * containers run side by side on one engine, found once, the Testcontainers way ({@code ~/.testcontainers.properties},
 * {@code DOCKER_HOST}, Docker Desktop, ...). Needs {@code org.testcontainers:testcontainers} on the classpath.
 *
 * <pre>{@code
 * @RegisterExtension
 * static BerthExtension berth = BerthExtension.docker(TestcontainersEngine.dockerBackendConfig()).service(...);
 * }</pre>
 */
public final class TestcontainersEngine {

    private TestcontainersEngine() {
    }

    /**
     * @return the configuration of the engine {@link DockerClientFactory#instance()} uses: its docker host and TLS
     *     client certificates, with Berth's defaults otherwise
     * @throws IllegalStateException if Testcontainers finds no engine
     * @throws IllegalArgumentException if Testcontainers uses TLS material Berth cannot read (not a certificate
     *     directory); configure {@link DockerBackendConfig} yourself then
     */
    public static DockerBackendConfig dockerBackendConfig() {
        TransportConfig transport = DockerClientFactory.instance().getTransportConfig();
        return dockerBackendConfig(transport.getDockerHost(), transport.getSslConfig());
    }

    /**
     * @param dockerHost the engine's endpoint as Testcontainers reports it
     * @param ssl Testcontainers' TLS settings, or null for a plain connection
     * @return the matching configuration
     * @throws IllegalArgumentException if the TLS settings are not a certificate directory
     */
    static DockerBackendConfig dockerBackendConfig(URI dockerHost, SSLConfig ssl) {
        DockerBackendConfig.Builder config = DockerBackendConfig.builder().dockerHost(Objects.requireNonNull(dockerHost,
                "dockerHost"));
        if (ssl == null) {
            return config.noTls().build();
        }
        return config.tls(new TlsSettings(Path.of(certificateDirectory(ssl)))).build();
    }

    /**
     * docker-java's LocalDirectorySSLConfig, which Testcontainers ships relocated into its own package: read the
     * directory through its public accessor, whichever package the class lives in.
     */
    private static String certificateDirectory(SSLConfig ssl) {
        try {
            Method accessor = ssl.getClass().getMethod("getDockerCertPath");
            Object path = accessor.invoke(ssl);
            if (path instanceof String dir && !dir.isBlank()) {
                return dir;
            }
        } catch (ReflectiveOperationException e) {
            // Not a certificate directory: reported below.
        }
        throw new IllegalArgumentException("Testcontainers connects to the engine with TLS settings of type "
                + ssl.getClass().getName() + ", which are not a certificate directory; build a DockerBackendConfig"
                + " with TlsSettings for the engine's ca.pem, cert.pem and key.pem yourself");
    }
}
