package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerBackendConfigTest {

    @Test
    void builder_defaults_areDocumentedOnes() {
        DockerBackendConfig config = DockerBackendConfig.builder().build();

        assertThat(config.dockerHost()).isEqualTo(URI.create("unix:///var/run/docker.sock"));
        assertThat(config.hostPortBindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.endpointHost()).isEqualTo("127.0.0.1");
        assertThat(config.pullPolicy()).isEqualTo(ImagePullPolicy.IF_NOT_PRESENT);
        assertThat(config.defaultStopTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.timeouts().ping()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.timeouts().pull()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void maxConcurrentStarts_defaultsTo8_andBelow1IsRejected() {
        assertThat(DockerBackendConfig.builder().build().maxConcurrentStarts()).isEqualTo(8);
        assertThat(DockerBackendConfig.builder().maxConcurrentStarts(2).build().toBuilder().build()
                .maxConcurrentStarts()).isEqualTo(2);
        assertThatThrownBy(() -> DockerBackendConfig.builder().maxConcurrentStarts(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConcurrentStarts");
    }

    @Test
    void build_unsupportedScheme_isRejected() {
        assertThatThrownBy(() -> DockerBackendConfig.builder().dockerHost(URI.create("http://x:2375")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unix://, tcp:// or npipe://");
    }

    @Test
    void endpointHost_allInterfacesOnLocalSocket_isLocalhost() {
        assertThat(DockerBackendConfig.builder().hostPortBindAddress("0.0.0.0").build().endpointHost())
                .isEqualTo("localhost");
    }

    @Test
    void timeouts_nonPositive_areRejected() {
        assertThatThrownBy(() -> DockerTimeouts.defaults().withPull(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pull timeout must be positive");
    }

    @Test
    void secretResolverNone_explainsHowToConfigureOne() {
        assertThatThrownBy(() -> SecretResolver.none().resolve("db/password"))
                .hasMessageContaining("secret 'db/password'").hasMessageContaining("secretResolver(...)");
    }

    @Test
    void instanceId_namesTheInstance_andLabelsItsContainers() {
        DockerBackendConfig config = DockerBackendConfig.builder().label("team", "a").instanceId("engine-a").build();

        assertThat(config.instanceId()).contains("engine-a");
        assertThat(config.labels()).containsEntry("team", "a").containsEntry("dev.berth.instance", "engine-a");
        assertThat(config.toBuilder().instanceId("engine-b").build().labels())
                .containsEntry("dev.berth.instance", "engine-b");
        assertThat(DockerBackendConfig.builder().build().instanceId()).isEmpty();
    }

    @Test
    void instanceId_blankOrSetAsALabel_isRejected() {
        assertThatThrownBy(() -> DockerBackendConfig.builder().instanceId(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instanceId");
        assertThatThrownBy(() -> DockerBackendConfig.builder().label("dev.berth.instance", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instanceId");
    }

    @Test
    void create_withoutEnginesOrWithADuplicateInstanceId_isRejected() {
        DockerBackendConfig a = DockerBackendConfig.builder().instanceId("a").build();

        assertThatThrownBy(() -> DockerBackend.create(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> DockerBackend.create(List.of(a, a.toBuilder().build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
    }
}
