package dev.berth.kubernetes.eks;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.ResourceNotFoundException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;

/**
 * A Kubernetes client configuration for an EKS cluster, from the AWS SDK's credentials: the API server's endpoint and
 * CA certificate from EKS's {@code DescribeCluster}, and an {@link EksToken} as the bearer token, renewed as it ages.
 * Nothing is read from a kubeconfig or the environment beyond what the caller's credentials provider reads.
 *
 * <pre>{@code
 * try (EksClient eks = EksClient.builder().region(Region.EU_WEST_1).build()) {
 *     Config config = EksConnection.clientConfig(eks, "prod", DefaultCredentialsProvider.builder().build(),
 *             Region.EU_WEST_1, Clock.systemUTC());
 *     KubernetesBackend backend = KubernetesBackend.create(KubernetesBackendConfig.builder()
 *             .clientConfig(config).build());
 * }
 * }</pre>
 */
public final class EksConnection {

    private EksConnection() {
    }

    /**
     * @param eks a client for the cluster's region; not closed here
     * @param clusterName the EKS cluster
     * @param credentials whose identity the tokens carry (it must be mapped to a Kubernetes user in the cluster)
     * @param region the cluster's region
     * @param clock the clock tokens are signed with
     * @return the client configuration
     * @throws ResourceNotFoundException if EKS has no such cluster
     * @throws BackendUnavailableException if EKS cannot be reached, or the cluster is not ACTIVE yet
     */
    public static Config clientConfig(EksClient eks, String clusterName, AwsCredentialsProvider credentials,
                                      Region region, Clock clock) {
        Objects.requireNonNull(eks, "eks");
        Cluster cluster;
        try {
            cluster = eks.describeCluster(b -> b.name(clusterName)).cluster();
        } catch (software.amazon.awssdk.services.eks.model.ResourceNotFoundException e) {
            throw new ResourceNotFoundException("EKS has no cluster " + clusterName + " in " + region + ": "
                    + e.getMessage());
        } catch (SdkException e) {
            throw new BackendUnavailableException("EKS DescribeCluster of " + clusterName + " failed: "
                    + e.getMessage(), e.retryable(), e);
        }
        if (cluster.endpoint() == null || cluster.certificateAuthority() == null) {
            throw new BackendUnavailableException("EKS cluster " + clusterName + " has no endpoint yet (status "
                    + cluster.statusAsString() + "): wait until it is ACTIVE", true);
        }
        return clientConfig(cluster.endpoint(), cluster.certificateAuthority().data(),
                new EksToken(clusterName, region, credentials, clock));
    }

    /**
     * @param endpoint the API server's URL
     * @param caData the cluster's CA certificate, base64-encoded PEM, as DescribeCluster returns it
     * @param token the bearer token source
     * @return the client configuration, with nothing else configured automatically
     */
    public static Config clientConfig(String endpoint, String caData, EksToken token) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(endpoint)
                .withCaCertData(caData)
                .withOauthTokenProvider(token::token)
                .build();
    }
}
