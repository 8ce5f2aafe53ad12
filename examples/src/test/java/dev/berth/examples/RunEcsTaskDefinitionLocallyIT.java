package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.internal.DockerClients;
import dev.berth.model.TaskDefinition;
import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bundled ECS task-definition JSON as a standalone task on the real engine. */
class RunEcsTaskDefinitionLocallyIT extends EngineTestBase {

    @Override
    protected DockerBackendConfig configure(DockerBackendConfig discovered) {
        return super.configure(discovered).toBuilder().label(SESSION_LABEL, session).build();
    }

    @Test
    void bundledDefinition_runsHealthy_servesItsGreeting_logsTheRequest_andLeavesNothing() {
        TaskDefinition definition = RunEcsTaskDefinitionLocally.read(Optional.empty());

        EcsTaskResult result = RunEcsTaskDefinitionLocally.run(config, cluster, definition, System.out);

        assertThat(result.taskDefinition()).isEqualTo("hello-web:1");
        assertThat(result.containers()).singleElement().asString().startsWith("web RUNNING HEALTHY, 8080/tcp -> ");
        assertThat(result.health()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("hello from an ECS task definition");
        assertThat(result.logs()).first().isEqualTo("serving hello from an ECS task definition on :8080");
        assertThat(result.logs()).anyMatch(line -> line.endsWith("response:200"));
        assertThat(result.stopCode()).contains(StopCode.USER_INITIATED);
        assertThat(result.tasksLeft()).isZero();
        try (DockerClients clients = DockerClients.open(config)) {
            assertThat(containersWith(clients, Map.of(SESSION_LABEL, session))).as("containers left").isEmpty();
            assertThat(networksWith(clients, SESSION_LABEL + "=" + session)).as("networks left").isEmpty();
        }
    }
}
