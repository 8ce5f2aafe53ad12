package dev.berth.docker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Registry;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.registry.RegistryCredentials;
import dev.berth.registry.RegistryCredentialsLookup;
import dev.berth.registry.RegistryCredentialsProvider;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Berth registries as the credentials lookup of a compute backend; nothing here contacts a registry. */
class RegistryCredentialsLookupTest {

    private static final RegistryCredentials LOGIN = new RegistryCredentials("ci", "pw");

    private static Registry registry(String endpoint, RegistryCredentialsProvider credentials) {
        return Registry.create(OciRegistryBackend.create(OciRegistryConfig.builder(URI.create(endpoint),
                DockerBackendConfig.builder().build()).credentials(credentials).build()));
    }

    @Test
    void credentialsLookup_givesEachRegistrysLogin_forItsHostOnly() {
        try (Registry secured = registry("http://127.0.0.1:5001", RegistryCredentialsProvider.of(LOGIN));
             Registry open = registry("http://Registry.Test:5002", RegistryCredentialsProvider.anonymous())) {
            RegistryCredentialsLookup lookup = Registry.credentialsLookup(secured, open);

            assertThat(lookup.credentialsFor("127.0.0.1:5001")).contains(LOGIN);
            assertThat(lookup.credentialsFor("registry.test:5002")).isEmpty();
            assertThat(lookup.credentialsFor("127.0.0.1:5003")).isEmpty();
            assertThat(secured.credentials().credentials()).contains(LOGIN);
        }
    }

    @Test
    void credentialsLookup_sameHostTwice_isRejected() {
        try (Registry a = registry("http://127.0.0.1:5001", RegistryCredentialsProvider.of(LOGIN));
             Registry b = registry("http://127.0.0.1:5001", RegistryCredentialsProvider.anonymous())) {
            assertThatThrownBy(() -> Registry.credentialsLookup(a, b))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1:5001");
        }
    }

    @Test
    void dockerBackendConfig_keepsTheLookup_andNeverShowsIt() {
        RegistryCredentialsLookup lookup = host -> java.util.Optional.of(LOGIN);
        DockerBackendConfig config = DockerBackendConfig.builder().registryCredentials(lookup).build();

        assertThat(DockerBackendConfig.builder().build().registryCredentials().credentialsFor("any")).isEmpty();
        assertThat(config.toBuilder().build().registryCredentials()).isSameAs(lookup);
        assertThat(config.toString()).doesNotContain(LOGIN.password());
    }
}
