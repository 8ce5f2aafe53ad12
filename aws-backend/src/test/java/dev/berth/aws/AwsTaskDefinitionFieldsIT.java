package dev.berth.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.json.EcsTaskDefinitionJson;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * Every RegisterTaskDefinition field goes to ECS unchanged and comes back from DescribeTaskDefinition equal, over HTTP
 * against moto: the realistic fixtures that use volumes, Linux parameters, FireLens, the runtime platform and the
 * rest ({@link AwsTaskDefinitionRoundTripPropertiesIT} does the same for generated definitions).
 *
 * <p>"Unchanged" is checked on the wire: the body of the RegisterTaskDefinition request, read back with Berth's strict
 * reader, is the registered definition. "Equal" is checked on what DescribeTaskDefinition answers, except for
 * {@code enableFaultInjection}, which moto 5.2.1 accepts but does not keep (its ECS {@code TaskDefinition} model has no
 * such attribute), so it is compared on the request only; moto's RegisterTaskDefinition answer also lacks the tags,
 * which its DescribeTaskDefinition answer has.
 */
@RequiresMoto
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsTaskDefinitionFieldsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MotoEcs moto = new MotoEcs();
    private final RequestCapture requests = new RequestCapture();
    private final AwsBackend backend = backend(moto, requests);
    private final EcsTaskDefinitionJson json = EcsTaskDefinitionJson.create();

    @AfterAll
    void close() {
        backend.close();
        moto.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"efs-wordpress-access-point.json", "firelens-fluentbit-cloudwatch.json",
        "firelens-fluentd-s3-config.json", "runtime-platform-arm64-fargate.json", "runtime-platform-linux-x86-ec2.json",
        "windows-iis-fsx.json", "gpu-inference-ec2.json", "shared-docker-volume-postgres.json",
        "bind-mount-log-shipper.json", "init-container-task-volume.json", "volumes-from-data-container.json",
        "linux-parameters-hardened.json", "headless-chrome-shm.json", "readonly-root-nginx.json",
        "app-mesh-envoy-proxy.json", "environment-files-s3.json", "private-registry-credentials.json",
        "extra-hosts-and-dns.json", "sysctl-high-connections.json", "container-port-range-media.json",
        "ephemeral-storage-fargate.json", "privileged-buildkit.json", "fault-injection-awsvpc.json",
        "interactive-debug-shell.json", "inference-accelerator-legacy.json", "ebs-volume-configured-at-launch.json"})
    void fixture_registeredAndDescribed_isEqual(String fixture) {
        TaskDefinition definition = json.read(resource(fixture)).toBuilder().family(moto.unique("fx")).build();

        assertRoundTrip(backend, requests, definition);
    }

    /**
     * @param moto the moto server
     * @param requests where the RegisterTaskDefinition bodies are kept
     * @return an AWS backend on moto whose client passes its requests through {@code requests}
     */
    static AwsBackend backend(MotoEcs moto, RequestCapture requests) {
        return AwsBackend.create(AwsBackendConfig.builder()
                .ecsClient(b -> {
                    moto.configure(b);
                    b.overrideConfiguration(o -> o.addExecutionInterceptor(requests));
                })
                .mode(AwsBackendConfig.Mode.CLIENT_SCHEDULED).build());
    }

    /**
     * @param backend an AWS backend on moto made by {@link #backend}
     * @param requests the capture given to it
     * @param definition a definition of a family new to moto
     */
    static void assertRoundTrip(AwsBackend backend, RequestCapture requests, TaskDefinition definition) {
        RegisteredTaskDefinition registered = backend.taskDefinitions().register(definition);
        EcsTaskDefinitionJson json = EcsTaskDefinitionJson.create();
        TaskDefinition sent = json.read(requests.lastBody(RegisterTaskDefinitionRequest.class));
        RegisteredTaskDefinition described = backend.taskDefinitions().describe(registered.arn());
        // moto 5.2.1 does not keep enableFaultInjection (see the class comment), neither in RegisterTaskDefinition's
        // answer nor in DescribeTaskDefinition's; the request above carried it.
        TaskDefinition kept = definition.toBuilder().enableFaultInjection(false).build();

        // As JSON first, so that a difference shows as the field that differs.
        assertThat(json.write(sent)).isEqualTo(json.write(definition));
        assertThat(sent).isEqualTo(definition);
        // moto's RegisterTaskDefinition answer has no tags (ECS's has); DescribeTaskDefinition's has them.
        assertThat(withoutTags(registered.definition())).isEqualTo(withoutTags(kept));
        assertThat(json.write(described.definition())).isEqualTo(json.write(kept));
        assertThat(described.definition()).isEqualTo(kept);
    }

    private static String withoutTags(TaskDefinition definition) {
        EcsTaskDefinitionJson json = EcsTaskDefinitionJson.create();
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(json.write(definition));
            tree.remove("tags");
            return tree.toPrettyString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String fixture) {
        try (InputStream in = AwsTaskDefinitionFieldsIT.class.getResourceAsStream("/task-definitions/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
