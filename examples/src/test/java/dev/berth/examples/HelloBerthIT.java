package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.internal.DockerClients;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's quickstart on the real engine. */
class HelloBerthIT extends EngineTestBase {

    @Override
    protected DockerBackendConfig configure(DockerBackendConfig discovered) {
        return super.configure(discovered).toBuilder().label(SESSION_LABEL, session).build();
    }

    @Test
    void twoTasksAnswer_andTheDeletedServiceLeavesNothing() {
        HelloResult result = HelloBerth.run(DockerBackend.create(config), cluster, System.out);

        assertThat(result.answers()).containsExactly("hello from Berth", "hello from Berth");
        try (DockerClients clients = DockerClients.open(config)) {
            assertThat(containersWith(clients, Map.of(SESSION_LABEL, session))).as("containers left").isEmpty();
            assertThat(networksWith(clients, SESSION_LABEL + "=" + session)).as("networks left").isEmpty();
        }
    }
}
