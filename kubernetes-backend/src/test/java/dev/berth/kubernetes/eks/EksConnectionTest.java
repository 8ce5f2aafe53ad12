package dev.berth.kubernetes.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.ResourceNotFoundException;
import io.fabric8.kubernetes.client.Config;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.DescribeClusterRequest;
import software.amazon.awssdk.services.eks.model.DescribeClusterResponse;

/** The client configuration from DescribeCluster, with a fake EKS client (the SDK's clients are interfaces). */
class EksConnectionTest {

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    private static EksClient eks(Cluster cluster) {
        return new EksClient() {
            @Override
            public DescribeClusterResponse describeCluster(DescribeClusterRequest request) {
                if (!request.name().equals(cluster.name())) {
                    throw software.amazon.awssdk.services.eks.model.ResourceNotFoundException.builder()
                            .message("No cluster found for name: " + request.name() + ".").build();
                }
                return DescribeClusterResponse.builder().cluster(cluster).build();
            }

            @Override
            public String serviceName() {
                return "eks";
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void clientConfig_takesTheEndpointAndCaFromDescribeCluster_andAnEksTokenAsBearer() {
        Cluster prod = Cluster.builder().name("prod").status(ClusterStatus.ACTIVE)
                .endpoint("https://ABC123.gr7.eu-west-1.eks.amazonaws.com")
                .certificateAuthority(ca -> ca.data("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t")).build();

        Config config = EksConnection.clientConfig(eks(prod), "prod", CREDENTIALS, Region.EU_WEST_1, CLOCK);

        assertThat(config.getMasterUrl()).startsWith("https://ABC123.gr7.eu-west-1.eks.amazonaws.com");
        assertThat(config.getCaCertData()).isEqualTo("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t");
        assertThat(config.getOauthTokenProvider().getToken()).startsWith(EksToken.PREFIX);
    }

    @Test
    void clientConfig_whenTheClusterIsMissingOrNotReady_saysSo() {
        Cluster creating = Cluster.builder().name("new").status(ClusterStatus.CREATING).build();

        assertThatThrownBy(() -> EksConnection.clientConfig(eks(creating), "other", CREDENTIALS, Region.EU_WEST_1,
                CLOCK)).isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("other");
        assertThatThrownBy(() -> EksConnection.clientConfig(eks(creating), "new", CREDENTIALS, Region.EU_WEST_1,
                CLOCK)).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("CREATING");
    }
}
