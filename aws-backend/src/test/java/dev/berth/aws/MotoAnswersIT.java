package dev.berth.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The AWS test peer is there: moto's server answers ECS over HTTP (CI fails here first if it does not). */
@RequiresMoto
class MotoAnswersIT {

    @Test
    void motoServesEcs() {
        URI endpoint = TestMoto.shared().server().orElseThrow().endpoint();
        try (EcsClient ecs = EcsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            String name = "moto-answers-" + System.nanoTime();
            ecs.createCluster(b -> b.clusterName(name));

            assertThat(ecs.listClusters().clusterArns()).anyMatch(arn -> arn.endsWith("/" + name));
        }
    }
}
