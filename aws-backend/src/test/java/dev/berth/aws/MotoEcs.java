package dev.berth.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/**
 * An ECS cluster of its own on the shared moto server, with EC2 container instances (moto/ecs/responses.py: moto
 * registers a container instance only for an EC2 instance it knows). Names are unique per fixture, since other test
 * runs share the server; nothing resets it.
 */
public final class MotoEcs implements AutoCloseable {

    public final URI endpoint = TestMoto.shared().server().orElseThrow().endpoint();
    public final String cluster = "berth-it-" + UUID.randomUUID().toString().substring(0, 8);
    public final EcsClient ecs = EcsClient.builder().applyMutation(this::configure).build();
    private final Ec2Client ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(credentials()).build();

    public MotoEcs() {
        freezeTasksInRunning();
        ecs.createCluster(b -> b.clusterName(cluster));
    }

    /** Points an ECS client builder at moto, with dummy credentials and a region (what a user's customizer does). */
    public void configure(EcsClientBuilder builder) {
        builder.endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials());
    }

    /**
     * Starts an EC2 instance in moto and registers it as a container instance of the cluster.
     *
     * @return the container instance's ARN
     */
    public String addContainerInstance() {
        String instanceId = ec2.runInstances(b -> b.imageId("ami-12c6146b").minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        String document = "{\"instanceId\": \"" + instanceId + "\", \"region\": \"us-east-1\"}";
        return ecs.registerContainerInstance(b -> b.cluster(cluster).instanceIdentityDocument(document))
                .containerInstance().containerInstanceArn();
    }

    /** @return a subnet of moto's default VPC, for awsvpc tasks (moto attaches an ENI in it) */
    public String defaultSubnet() {
        return ec2.describeSubnets(b -> b.filters(f -> f.name("default-for-az").values("true"))).subnets().get(0)
                .subnetId();
    }

    /** @return the default security group of moto's default VPC */
    public String defaultSecurityGroup() {
        return ec2.describeSecurityGroups(b -> b.filters(f -> f.name("group-name").values("default")))
                .securityGroups().get(0).groupId();
    }

    /** @return a name unique to this fixture, for task-definition families */
    public String unique(String prefix) {
        return prefix + "-" + cluster;
    }

    /**
     * By default moto moves a task one step toward STOPPED at every DescribeTasks (its state manager); tests observe
     * tasks many times, so tasks stay RUNNING until stopped (moto's docs/configuration/state_transition). The setting
     * is global to the server and idempotent, and every test run wants the same.
     */
    private void freezeTasksInRunning() {
        String body = "{\"model_name\":\"ecs::task\",\"transition\":{\"progression\":\"manual\",\"times\":1000000}}";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            endpoint.resolve("/moto-api/state-manager/set-transition"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto refused the task transition: " + response.statusCode()
                        + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    @Override
    public void close() {
        ecs.close();
        ec2.close();
    }
}
