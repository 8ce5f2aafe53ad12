package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.internal.DockerClients;
import dev.berth.service.RolloutState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The circuit breaker tripping on a broken revision and rolling back, on the real engine. */
class CircuitBreakerRollbackIT extends EngineTestBase {

    @Override
    protected DockerBackendConfig configure(DockerBackendConfig discovered) {
        return super.configure(discovered).toBuilder().label(SESSION_LABEL, session).build();
    }

    @Test
    void brokenRevision_tripsTheBreaker_andTheServiceRollsBackToTheGoodOne() {
        CircuitBreakerResult result = CircuitBreakerRollback.run(config, cluster, System.out);

        assertThat(result.goodRevision()).isEqualTo("checkout:1");
        assertThat(result.brokenRevision()).isEqualTo("checkout:2");
        // ECS's default threshold: 50 % of 2 tasks, bounded below by 3.
        assertThat(result.failedTasks()).isGreaterThanOrEqualTo(3);
        assertThat(result.failure()).contains("EssentialContainerExited: Essential container in task exited");
        assertThat(result.rollbackOf()).contains(result.brokenDeploymentId());
        assertThat(result.finalRevision()).isEqualTo(result.goodRevision());
        assertThat(result.finalRollout()).isEqualTo(RolloutState.COMPLETED);
        assertThat(result.onlyGoodTasksLeft()).isTrue();
        assertThat(result.events()).anyMatch(e -> e.equals("service (checkout) (deployment "
                + result.brokenDeploymentId() + ") deployment failed: tasks failed to start."));
        assertThat(result.events()).anyMatch(e -> e.startsWith("service (checkout) (deployment "
                + result.brokenDeploymentId() + ") rolling back to deployment ("));
        try (DockerClients clients = DockerClients.open(config)) {
            assertThat(containersWith(clients, Map.of(SESSION_LABEL, session))).as("containers left").isEmpty();
            assertThat(networksWith(clients, SESSION_LABEL + "=" + session)).as("networks left").isEmpty();
        }
    }
}
