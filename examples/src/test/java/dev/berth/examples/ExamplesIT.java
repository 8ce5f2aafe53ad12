package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.internal.DockerClients;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quickstart on the real engine, in a cluster of its own and with the test-session label on everything it
 * creates (removed after the test, failed or not, by {@link EngineTestBase}).
 */
class ExamplesIT extends EngineTestBase {

    @Override
    protected DockerBackendConfig configure(DockerBackendConfig discovered) {
        return super.configure(discovered).toBuilder().label(SESSION_LABEL, session).build();
    }

    @Test
    void quickstart_servesThreeThenFive_rollsToTheNewPage_andLeavesNothing() {
        QuickstartResult result = DockerQuickstart.run(config, cluster, System.out);

        assertThat(result.atThree()).containsExactlyElementsOf(Collections.nCopies(3, 200));
        assertThat(result.atFive()).containsExactlyElementsOf(Collections.nCopies(5, 200));
        assertThat(result.rollCompleted()).isTrue();
        assertThat(result.afterRoll()).containsExactlyElementsOf(Collections.nCopies(5, "hello from v2"));
        assertThat(result.tasksLeft()).isZero();
        try (DockerClients clients = DockerClients.open(config)) {
            assertThat(containersWith(clients, Map.of(SESSION_LABEL, session))).as("containers left").isEmpty();
            assertThat(networksWith(clients, SESSION_LABEL + "=" + session)).as("networks left").isEmpty();
        }
    }
}
