package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.DockerTimeouts;
import dev.berth.docker.ImagePullPolicy;
import dev.berth.docker.registry.OciRegistryBackend;
import dev.berth.docker.registry.OciRegistryConfig;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.registry.RegistryCredentials;
import dev.berth.registry.RegistryCredentialsProvider;
import dev.berth.swarm.PublishMode;
import dev.berth.swarm.SwarmBackend;
import dev.berth.swarm.SwarmBackendConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The configuration code of docs/backends.md (Docker, Swarm) and docs/registries.md. Building a backend contacts no
 * engine or registry (the first call does), so this runs without Docker.
 */
class BackendsDocsTest {

    @Test
    void dockerBackend_isConfiguredExplicitly_orOverSeveralEngines() {
        Map<String, String> vault = Map.of("prod/db-password", "not-a-real-password");
        // tag::docker-config[]
        DockerBackendConfig local = DockerBackendConfig.builder()
                .dockerHost(URI.create("unix:///var/run/docker.sock"))     // the default
                .hostPortBindAddress("127.0.0.1")                           // where published ports listen
                .pullPolicy(ImagePullPolicy.IF_NOT_PRESENT)                 // or ALWAYS (as ECS), NEVER
                .timeouts(DockerTimeouts.defaults().withPull(Duration.ofMinutes(3)))
                .secretResolver(name -> Optional.ofNullable(vault.get(name))
                        .orElseThrow(() -> new ResourceNotFoundException("no secret " + name)))
                .availabilityZone("dev-a")                                  // ecs.availability-zone
                .attribute("team", "payments")                              // for memberOf and spread
                .build();
        DockerBackendConfig buildHost = local.toBuilder()
                .dockerHost(URI.create("tcp://build-host:2375"))
                .availabilityZone("dev-b")
                .build();
        DockerBackend backend = DockerBackend.create(List.of(local, buildHost));   // two container instances
        // end::docker-config[]
        try (backend) {
            assertThat(backend.name()).isEqualTo("docker");
            assertThat(local.secretResolver().resolve("prod/db-password")).isEqualTo("not-a-real-password");
            assertThat(buildHost.endpointHost()).isEqualTo("build-host");
            assertThat(buildHost.attributes()).containsEntry("team", "payments");
        }
    }

    @Test
    void swarmBackend_isConfiguredWithAManagerAndAMode() {
        // tag::swarm-config[]
        SwarmBackendConfig config = SwarmBackendConfig.builder()
                .manager(DockerBackendConfig.builder()                     // one of the swarm's managers
                        .dockerHost(URI.create("tcp://manager-1:2375"))
                        .pullPolicy(ImagePullPolicy.IF_NOT_PRESENT)        // pin images the manager has
                        .build())
                .mode(SwarmBackendConfig.Mode.CLIENT_SCHEDULED)            // Berth places; default SWARM_MANAGED
                .publishMode(PublishMode.HOST)                             // or INGRESS: the routing mesh
                .build();
        SwarmBackend swarm = SwarmBackend.create(config);
        // end::swarm-config[]
        try (swarm) {
            assertThat(swarm.name()).isEqualTo("swarm");
            assertThat(swarm.capabilities().schedulesServices()).isFalse();
            assertThat(swarm.managedServices()).isEmpty();
            assertThat(SwarmBackend.create(config.toBuilder().mode(SwarmBackendConfig.Mode.SWARM_MANAGED).build())
                    .managedServices()).isPresent();
        }
    }

    @Test
    void ociRegistryBackend_namesItsEndpointAndEngine() {
        // tag::oci-config[]
        OciRegistryConfig config = OciRegistryConfig.builder(URI.create("http://127.0.0.1:5000"),
                        DockerBackendConfig.builder().build())              // the engine that pushes and pulls
                .credentials(RegistryCredentialsProvider.of(new RegistryCredentials("ci", "ci-password")))
                .callTimeout(Duration.ofSeconds(10))
                .build();
        OciRegistryBackend registryBackend = OciRegistryBackend.create(config);   // for Registry.create(...)
        // end::oci-config[]
        try (registryBackend) {
            assertThat(registryBackend.host()).isEqualTo("127.0.0.1:5000");
        }
    }
}
