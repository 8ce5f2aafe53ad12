package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.internal.DockerClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other integration test class: nothing with Berth's test label of this run may remain on the
 * engine. Other runs sharing the engine (another checkout's tests) are left alone.
 */
@RequiresDockerEngine
@Order(Integer.MAX_VALUE)
class NothingLeftBehindIT {

    @Test
    void engine_afterAllTests_holdsNoContainerNetworkOrVolumeWithTheTestLabel() {
        try (DockerClients clients = DockerClients.open(DockerBackendConfig.fromEnvironment())) {
            assertThat(clients.calls().listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(EngineTestBase.SESSION_LABEL)).exec())
                    .filteredOn(c -> ofThisRun(c.getLabels()))
                    .as("containers labelled %s of run %s", EngineTestBase.SESSION_LABEL, EngineTestBase.RUN).isEmpty();
            assertThat(clients.calls().listNetworksCmd()
                    .withFilter("label", List.of(EngineTestBase.SESSION_LABEL)).exec())
                    .filteredOn(n -> ofThisRun(n.getLabels()))
                    .as("networks labelled %s of run %s", EngineTestBase.SESSION_LABEL, EngineTestBase.RUN).isEmpty();
            assertThat(EngineTestBase.volumesWith(clients, EngineTestBase.SESSION_LABEL))
                    .filteredOn(v -> ofThisRun(v.getLabels()))
                    .as("volumes labelled %s of run %s", EngineTestBase.SESSION_LABEL, EngineTestBase.RUN).isEmpty();
        }
    }

    private static boolean ofThisRun(Map<String, String> labels) {
        return labels.getOrDefault(EngineTestBase.SESSION_LABEL, "").contains("-" + EngineTestBase.RUN + "-");
    }
}
