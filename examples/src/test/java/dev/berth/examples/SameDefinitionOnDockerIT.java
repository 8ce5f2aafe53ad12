package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link SameDefinitionOnDockerAndEcs} on the real engine; {@link SameDefinitionOnEcsIT} runs the same on ECS. */
class SameDefinitionOnDockerIT extends EngineTestBase {

    @Override
    protected DockerBackendConfig configure(DockerBackendConfig discovered) {
        return super.configure(discovered).toBuilder().label(SESSION_LABEL, session).build();
    }

    @Test
    void theServiceRunsItsTwoTasksFromTheRegisteredRevision() {
        SameDefinitionResult result = SameDefinitionOnDockerAndEcs.deploy(DockerBackend.create(config), cluster,
                Duration.ofMinutes(1), System.out);

        assertThat(result.backend()).isEqualTo("docker");
        assertThat(result.runningCount()).isEqualTo(2);
        assertThat(result.taskDefinitionArns()).containsExactly(result.registeredArn());
    }
}
