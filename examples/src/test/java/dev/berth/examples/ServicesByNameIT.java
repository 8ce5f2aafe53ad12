package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.internal.DockerClients;
import dev.berth.network.TargetHealthState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two services from ECS JSON that reach each other by name, and test code through the endpoint, on the real engine. */
class ServicesByNameIT extends EngineTestBase {

    @Override
    protected DockerBackendConfig configure(DockerBackendConfig discovered) {
        return super.configure(discovered).toBuilder().label(SESSION_LABEL, session).build();
    }

    @Test
    void clientReachesApiByName_andTestCodeThroughServiceEndpoint() {
        ServicesByNameResult result = ServicesByName.run(config, cluster, System.out);

        assertThat(result.endpoint()).as("service.endpoint(8080) is the target group's listener")
                .isEqualTo(result.listener());
        assertThat(result.targets()).containsExactly(TargetHealthState.HEALTHY, TargetHealthState.HEALTHY);
        // Round robin over the two healthy tasks: each answers with its own host name.
        assertThat(result.viaEndpoint()).hasSize(2).allMatch(answer -> answer.startsWith("api answers from "));
        assertThat(result.clientContainers()).as("a single-container bridge task").isEqualTo(1);
        // Calls before api's first task was healthy fail (the name serves no task yet); none fails after the first
        // answer.
        int first = result.clientLog().indexOf(result.clientLog().stream()
                .filter(line -> line.startsWith("api answers from ")).findFirst().orElseThrow());
        assertThat(result.clientLog().subList(first, result.clientLog().size()))
                .allMatch(line -> line.startsWith("api answers from "));
        try (DockerClients clients = DockerClients.open(config)) {
            assertThat(containersWith(clients, Map.of(SESSION_LABEL, session))).as("containers left").isEmpty();
        }
    }
}
