package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.kubernetes.KubernetesBackend;
import dev.berth.kubernetes.KubernetesBackendConfig;
import dev.berth.kubernetes.KwokCluster;
import dev.berth.kubernetes.RequiresKubernetes;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SameDefinitionOnDockerAndEcs} on Kubernetes, on a real API server whose two nodes kwok simulates, with the
 * same deploy code as {@link SameDefinitionOnDockerIT} and {@link SameDefinitionOnEcsIT}: the service is a Deployment
 * whose pods Kubernetes' scheduler places. kwok runs no container, so the tasks are RUNNING pods, not servers.
 */
@RequiresKubernetes
class SameDefinitionOnKubernetesIT {

    private final KwokCluster kwok = new KwokCluster();

    @AfterEach
    void close() {
        kwok.close();
    }

    @Test
    void theServiceRunsItsTwoTasksFromTheRegisteredRevision() {
        kwok.addNode("example-a", 2, 4, "zone-a");
        kwok.addNode("example-b", 2, 4, "zone-b");
        String cluster = kwok.unique("example");
        kwok.deleteAtEnd(cluster);
        KubernetesBackend kubernetes = KubernetesBackend.create(
                kwok.config(KubernetesBackendConfig.Mode.MANAGED).build());

        SameDefinitionResult result = SameDefinitionOnDockerAndEcs.deploy(kubernetes, cluster, Duration.ofMinutes(1),
                System.out);

        assertThat(result.backend()).isEqualTo("kubernetes");
        assertThat(result.runningCount()).isEqualTo(2);
        assertThat(result.taskDefinitionArns()).containsExactly(result.registeredArn());
    }
}
