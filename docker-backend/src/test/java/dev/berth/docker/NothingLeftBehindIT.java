package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.internal.DockerClients;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs after every other integration test class: nothing with Berth's test label may remain on the engine. */
@RequiresDockerEngine
@Order(Integer.MAX_VALUE)
class NothingLeftBehindIT {

    @Test
    void engine_afterAllTests_holdsNoContainerOrNetworkWithTheTestLabel() {
        try (DockerClients clients = DockerClients.open(DockerBackendConfig.fromEnvironment())) {
            assertThat(clients.calls().listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(EngineTestBase.SESSION_LABEL)).exec())
                    .as("containers labelled %s", EngineTestBase.SESSION_LABEL).isEmpty();
            assertThat(clients.calls().listNetworksCmd()
                    .withFilter("label", List.of(EngineTestBase.SESSION_LABEL)).exec())
                    .as("networks labelled %s", EngineTestBase.SESSION_LABEL).isEmpty();
        }
    }
}
