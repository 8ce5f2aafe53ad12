package dev.berth.aws.ecr;

import dev.berth.aws.TestMoto;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * ECR on moto's server for the integration tests: clients, unique repository names (the server is shared with other
 * test runs and never reset) and image manifests. moto takes no layers, so an "image" here is
 * what the last step of a {@code docker push} sends, ECR's PutImage of a manifest; moto needs its {@code mediaType}
 * and derives the digest from the layer digests, so manifests of different variants name different layers.
 */
final class MotoEcr {

    static final String MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json";

    private MotoEcr() {
    }

    /** @return a client of moto's ECR, with dummy credentials; the caller closes it */
    static EcrClient client() {
        return EcrClient.builder().endpointOverride(TestMoto.shared().server().orElseThrow().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    /** @return a customizer-built backend's configuration on moto */
    static EcrRegistryConfig.Builder config() {
        return EcrRegistryConfig.builder(b -> b.endpointOverride(TestMoto.shared().server().orElseThrow().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))));
    }

    /** @return a repository name no other test run uses */
    static String uniqueName(String prefix) {
        return prefix + "/r" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * @param variant which content; equal variants give equal manifests and so the same digest
     * @return a Docker v2 image manifest with one layer per variant-specific digest
     */
    static String manifest(int variant) {
        List<String> layers = IntStream.rangeClosed(0, variant).mapToObj(i -> String.format(
                "{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":%d,"
                        + "\"digest\":\"sha256:%064x\"}", 100 + i, 0xbe27L * 1000 + variant * 10L + i)).toList();
        return "{\"schemaVersion\":2,\"mediaType\":\"" + MEDIA_TYPE + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.docker.container.image.v1+json\",\"size\":7,\"digest\":\"sha256:"
                + String.format("%064x", 0xc0f1L + variant) + "\"},\"layers\":["
                + layers.stream().collect(Collectors.joining(",")) + "]}";
    }
}
