package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.aws.AwsBackend;
import dev.berth.aws.AwsBackendConfig;
import dev.berth.aws.MotoEcs;
import dev.berth.aws.RequiresMoto;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SameDefinitionOnDockerAndEcs} on ECS, over HTTP against moto's server, with the same deploy code as
 * {@link SameDefinitionOnDockerIT}: Berth places the two tasks on the cluster's EC2 container instances and starts them
 * with StartTask. moto runs no container (its ECS model, moto/ecs/models.py, keeps tasks as records), so the tasks are
 * RUNNING records, not servers.
 */
@RequiresMoto
class SameDefinitionOnEcsIT {

    private final MotoEcs moto = new MotoEcs();

    @AfterEach
    void close() {
        moto.close();
    }

    @Test
    void theServiceRunsItsTwoTasksFromTheRegisteredRevision() {
        moto.addContainerInstance();
        moto.addContainerInstance();
        AwsBackend ecs = AwsBackend.create(AwsBackendConfig.builder()
                .ecsClient(moto::configure)
                .mode(AwsBackendConfig.Mode.CLIENT_SCHEDULED)
                .build());

        SameDefinitionResult result = SameDefinitionOnDockerAndEcs.deploy(ecs, moto.cluster, Duration.ofMinutes(1),
                System.out);

        assertThat(result.backend()).isEqualTo("ecs");
        assertThat(result.runningCount()).isEqualTo(2);
        assertThat(result.taskDefinitionArns()).containsExactly(result.registeredArn());
    }
}
