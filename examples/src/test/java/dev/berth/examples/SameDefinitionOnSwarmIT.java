package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.EngineTestBase;
import dev.berth.swarm.RequiresSwarm;
import dev.berth.swarm.SwarmBackend;
import dev.berth.swarm.SwarmBackendConfig;
import dev.berth.swarm.SwarmTestBed;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SameDefinitionOnDockerAndEcs} on a real three-node swarm ({@link SwarmTestBed}), with the same deploy code
 * as {@link SameDefinitionOnDockerIT} and {@link SameDefinitionOnEcsIT}: the service is a Swarm service, its two
 * tasks placed by Swarm's scheduler on two of the nodes.
 */
@RequiresSwarm
class SameDefinitionOnSwarmIT {

    private final String session = EngineTestBase.newSession("example");

    @AfterEach
    void removeWhatItLeft() {
        SwarmTestBed.get().removeAll(session);
    }

    @Test
    void theServiceRunsItsTwoTasksFromTheRegisteredRevision() {
        SwarmBackend swarm = SwarmBackend.create(SwarmBackendConfig.builder()
                .manager(SwarmTestBed.get().managerConfig(session)).build());

        SameDefinitionResult result = SameDefinitionOnDockerAndEcs.deploy(swarm, "example", Duration.ofMinutes(1),
                System.out);

        assertThat(result.backend()).isEqualTo("swarm");
        assertThat(result.runningCount()).isEqualTo(2);
        assertThat(result.taskDefinitionArns()).containsExactly(result.registeredArn());
    }
}
