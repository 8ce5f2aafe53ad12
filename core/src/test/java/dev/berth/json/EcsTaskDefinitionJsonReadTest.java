package dev.berth.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Compatibility;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.DependencyCondition;
import dev.berth.model.HealthCheck;
import dev.berth.model.NetworkMode;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.RestartPolicy;
import dev.berth.model.Secret;
import dev.berth.model.Tag;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.model.Ulimit;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the fixtures read as: every ECS field lands in the right model component. */
class EcsTaskDefinitionJsonReadTest {

    private final EcsTaskDefinitionJson json = EcsTaskDefinitionJson.create();

    private static Path fixture(String name) {
        try {
            return Path.of(EcsTaskDefinitionJsonReadTest.class.getResource("/task-definitions/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private ContainerDefinition container(TaskDefinition td, String name) {
        return td.container(name).orElseThrow();
    }

    @Test
    void read_whenWebServerWithHealthCheck_readsEveryContainerField() {
        TaskDefinition td = json.read(fixture("web-nginx-health-check.json"));

        assertThat(td.family()).isEqualTo("web-nginx");
        assertThat(td.networkMode()).isEqualTo(NetworkMode.BRIDGE);
        assertThat(td.requiresCompatibilities()).containsExactly(Compatibility.EC2);
        assertThat(td.cpu()).isEmpty();
        ContainerDefinition nginx = container(td, "nginx");
        assertThat(nginx.image().toString()).isEqualTo("public.ecr.aws/nginx/nginx:1.27-alpine");
        assertThat(nginx.cpu()).isEqualTo(256);
        assertThat(nginx.memoryMiB()).hasValue(512);
        assertThat(nginx.memoryReservationMiB()).hasValue(256);
        assertThat(nginx.essential()).isTrue();
        assertThat(nginx.portMappings()).containsExactly(
                new PortMapping(80, 0, Protocol.TCP, Optional.of("http"), Optional.of("http")));
        assertThat(nginx.healthCheck()).hasValue(new HealthCheck(
                List.of("CMD-SHELL", "wget -q -O /dev/null http://localhost/ || exit 1"),
                Duration.ofSeconds(15), Duration.ofSeconds(5), 3, Optional.of(Duration.ofSeconds(10))));
        assertThat(nginx.stopTimeout()).hasValue(Duration.ofSeconds(20));
        assertThat(nginx.workingDirectory()).isEmpty();
        assertThat(nginx.user()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "fargate-256-512.json, 256, 512",
            "fargate-1-vcpu-2-gb-strings.json, 1024, 2048",
            "fargate-half-vcpu-gb-without-space.json, 512, 3072",
            "fargate-4-vcpu-30-gb-mixed-forms.json, 4096, 30720",
            "fargate-16-vcpu-120-gb.json, 16384, 122880"})
    void read_whenFargateSizeInAnyEcsForm_convertsToUnitsAndMiB(String file, int cpu, int memoryMiB) {
        TaskDefinition td = json.read(fixture(file));

        assertThat(td.cpu()).isEqualTo(OptionalInt.of(cpu));
        assertThat(td.memoryMiB()).isEqualTo(OptionalInt.of(memoryMiB));
        assertThat(td.networkMode()).isEqualTo(NetworkMode.AWSVPC);
        assertThat(td.requiresCompatibilities()).contains(Compatibility.FARGATE);
    }

    @Test
    void write_whenFargateSizeWasGivenInVcpuAndGb_writesUnitsAndMiBAsStrings() {
        String written = json.write(json.read(fixture("fargate-1-vcpu-2-gb-strings.json")));

        assertThat(written).contains("\"cpu\": \"1024\"").contains("\"memory\": \"2048\"");
    }

    @Test
    void read_whenSidecarDependsOnHealthy_readsDependencyAndSidecarSettings() {
        TaskDefinition td = json.read(fixture("app-with-envoy-sidecar-healthy.json"));

        assertThat(container(td, "app").dependsOn())
                .containsExactly(new ContainerDependency("envoy", DependencyCondition.HEALTHY));
        assertThat(container(td, "app").startTimeout()).hasValue(Duration.ofSeconds(60));
        assertThat(container(td, "envoy").user()).hasValue("1337");
        assertThat(container(td, "envoy").healthCheck()).isPresent();
        assertThat(container(td, "app").portMappings()).containsExactly(PortMapping.of(8080, 8080));
        assertThat(td.taskRoleArn()).hasValue("arn:aws:iam::123456789012:role/orders-api-task");
        assertThat(td.executionRoleArn()).hasValue("arn:aws:iam::123456789012:role/ecsTaskExecutionRole");
    }

    @Test
    void read_whenInitContainers_readsSuccessAndCompleteOnNonEssentialContainers() {
        TaskDefinition td = json.read(fixture("init-container-success.json"));

        assertThat(container(td, "db-migrate").essential()).isFalse();
        assertThat(container(td, "cache-warmup").entryPoint()).containsExactly("sh", "-c");
        assertThat(container(td, "worker").dependsOn()).containsExactly(
                new ContainerDependency("db-migrate", DependencyCondition.SUCCESS),
                new ContainerDependency("cache-warmup", DependencyCondition.COMPLETE));
        assertThat(container(td, "worker").workingDirectory()).hasValue("/srv/billing");
    }

    @Test
    void read_whenSecretsFromSecretsManagerAndSsm_keepsTheirReferences() {
        TaskDefinition td = json.read(fixture("secrets-manager-and-ssm.json"));

        ContainerDefinition gateway = container(td, "gateway");
        assertThat(gateway.secrets()).extracting(Secret::valueFrom).containsExactly(
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments/stripe-9xQ2Lk",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments/db-3FgH7j:password::",
                "arn:aws:ssm:eu-west-1:123456789012:parameter/payments/feature-flags",
                "/payments/webhook-signing-secret");
        assertThat(gateway.logConfiguration().orElseThrow().logDriver()).isEqualTo("splunk");
        assertThat(gateway.logConfiguration().orElseThrow().secretOptions()).containsExactly(new Secret(
                "splunk-token", "arn:aws:ssm:eu-west-1:123456789012:parameter/logging/splunk-hec-token"));
    }

    @Test
    void read_whenLinksAndStaticPortsInBridgeMode_readsThem() {
        TaskDefinition td = json.read(fixture("multi-container-links.json"));

        assertThat(container(td, "wordpress").links()).containsExactly("mysql");
        assertThat(container(td, "cron").links()).containsExactly("mysql:db", "wordpress:wp");
        assertThat(container(td, "wordpress").portMappings()).containsExactly(PortMapping.of(80, 80));
    }

    @Test
    void read_whenHostPortIsZero_readsADynamicPortThatIsWrittenWithoutHostPort() {
        TaskDefinition td = json.read(fixture("bridge-static-and-dynamic-ports.json"));

        PortMapping stats = container(td, "haproxy").portMappings().get(1);
        assertThat(stats.isDynamic()).isTrue();
        assertThat(json.write(td)).doesNotContain("\"hostPort\": 0").contains("\"hostPort\": 8080");
    }

    @Test
    void read_whenUdpPorts_readsProtocolAndWritesItLowerCase() {
        TaskDefinition td = json.read(fixture("udp-ports.json"));

        assertThat(container(td, "statsd").portMappings()).extracting(PortMapping::protocol)
                .containsExactly(Protocol.UDP, Protocol.TCP);
        assertThat(json.write(td)).contains("\"protocol\": \"udp\"");
    }

    @Test
    void read_whenAwslogs_readsDriverOptions() {
        TaskDefinition td = json.read(fixture("awslogs-non-blocking.json"));

        assertThat(container(td, "collector").logConfiguration().orElseThrow().options())
                .containsEntry("awslogs-group", "/ecs/clickstream-collector")
                .containsEntry("mode", "non-blocking")
                .hasSize(6);
    }

    @Test
    void read_whenRestartPolicies_readsPeriodOnlyWhenGiven() {
        TaskDefinition td = json.read(fixture("restart-policy.json"));

        assertThat(container(td, "consumer").restartPolicy()).hasValue(
                new RestartPolicy(true, List.of(0, 143), Optional.of(Duration.ofSeconds(180))));
        assertThat(container(td, "metrics-agent").restartPolicy()).hasValue(RestartPolicy.onAnyExit());
        assertThat(container(td, "one-shot-notifier").restartPolicy())
                .hasValue(new RestartPolicy(false, List.of(), Optional.empty()));
    }

    @Test
    void read_whenUlimitsAndDockerLabels_keepsLabelOrder() {
        TaskDefinition td = json.read(fixture("ulimits-and-docker-labels.json"));

        ContainerDefinition es = container(td, "elasticsearch");
        assertThat(es.ulimits()).containsExactly(new Ulimit("nofile", 65535, 65535), new Ulimit("core", 0, 0),
                new Ulimit("nproc", 4096, 8192));
        assertThat(es.dockerLabels().keySet()).containsExactly("com.example.team",
                "com.datadoghq.ad.check_names", "com.datadoghq.ad.instances", "traefik.enable");
        assertThat(json.write(td)).contains("\"com.example.team\": \"search\",\n"
                + "                \"com.datadoghq.ad.check_names\"");
    }

    @Test
    void read_whenMemberOfConstraint_readsItsExpression() {
        TaskDefinition td = json.read(fixture("memberof-placement-constraint.json"));

        assertThat(td.placementConstraints()).containsExactly(PlacementConstraint.memberOf(
                "attribute:ecs.instance-type =~ c7g.* and attribute:ecs.availability-zone in [eu-west-1a,"
                        + " eu-west-1b]"));
    }

    @Test
    void read_whenTags_keepsOrderAndEmptyValues() {
        TaskDefinition td = json.read(fixture("tags.json"));

        assertThat(td.tags()).containsExactly(new Tag("team", "security"), new Tag("environment", "production"),
                new Tag("data-classification", "confidential"), new Tag("owner", ""));
    }

    @Test
    void read_whenNetworkModeNoneWithModes_readsThem() {
        TaskDefinition td = json.read(fixture("none-network-batch.json"));

        assertThat(td.networkMode()).isEqualTo(NetworkMode.NONE);
        assertThat(td.ipcMode()).hasValue("none");
        assertThat(td.pidMode()).isEmpty();
        assertThat(container(td, "report").environment()).extracting(e -> e.value()).containsExactly("1", "");
        assertThat(json.read(fixture("host-network-exporter.json")).pidMode()).hasValue("host");
    }

    @Test
    void readRegistered_whenDescribeOutputWithEpochSeconds_readsEveryReadOnlyField() {
        RegisteredTaskDefinition registered = json.readRegistered(fixture("describe-output-full.json"));

        assertThat(registered.arn()).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:task-definition/checkout:42");
        assertThat(registered.revision()).isEqualTo(42);
        assertThat(registered.status()).isEqualTo(TaskDefinitionStatus.ACTIVE);
        assertThat(registered.registeredAt()).isEqualTo(Instant.ofEpochSecond(1718893211, 517_000_000));
        assertThat(registered.deregisteredAt()).isEmpty();
        assertThat(registered.definition().tags())
                .containsExactly(new Tag("team", "payments"), new Tag("cost-center", "cc-4711"));
        assertThat(registered.definition().cpu()).hasValue(1024);
    }

    @Test
    void readRegistered_whenBareCliOutputWithIsoTimes_readsStatusAndTimes() {
        RegisteredTaskDefinition registered = json.readRegistered(fixture("describe-output-cli-inactive.json"));

        assertThat(registered.ref().toString()).isEqualTo("sleep360:3");
        assertThat(registered.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(registered.registeredAt()).isEqualTo(Instant.parse("2024-03-05T13:21:09.402Z"));
        assertThat(registered.deregisteredAt()).hasValue(Instant.parse("2024-06-30T07:00:00.125Z"));
    }

    @Test
    void readRegistered_whenMotoOutput_acceptsItsEmptyDefaults() {
        RegisteredTaskDefinition registered = json.readRegistered(fixture("moto-register-echo.json"));

        assertThat(registered.registeredAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThat(registered.definition().containerDefinitions().get(0).logConfiguration().orElseThrow()
                .logDriver()).isEqualTo("json-file");
    }

    @Test
    void writeRegistered_whenRevision_writesDescribeFormatWithIsoTimeAndTopLevelTags() {
        RegisteredTaskDefinition registered = json.readRegistered(fixture("describe-output-full.json"));

        String written = json.writeRegistered(registered);

        assertThat(written).startsWith("{\n    \"taskDefinition\": {\n"
                + "        \"taskDefinitionArn\": \"arn:aws:ecs:eu-west-1:123456789012:task-definition/checkout:42\",\n"
                + "        \"family\": \"checkout\",\n");
        assertThat(written).contains("\"registeredAt\": \"2024-06-20T14:20:11.517Z\"")
                .contains("\"revision\": 42").contains("\"status\": \"ACTIVE\"")
                .endsWith("    \"tags\": [\n"
                        + "        {\n"
                        + "            \"key\": \"team\",\n"
                        + "            \"value\": \"payments\"\n"
                        + "        },\n"
                        + "        {\n"
                        + "            \"key\": \"cost-center\",\n"
                        + "            \"value\": \"cc-4711\"\n"
                        + "        }\n"
                        + "    ]\n"
                        + "}\n");
    }

    @Test
    void write_whenMinimalDefinition_writesEcsNamesInFixedOrder() {
        TaskDefinition td = TaskDefinition.builder("web")
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE)
                .cpu(256)
                .memoryMiB(512)
                .container(c -> c.name("app").image("busybox:stable").portMapping(8080, 8080)
                        .command("httpd", "-f", "-p", "8080").stopTimeout(Duration.ofSeconds(10)))
                .build();

        assertThat(json.write(td)).isEqualTo("""
                {
                    "family": "web",
                    "networkMode": "awsvpc",
                    "containerDefinitions": [
                        {
                            "name": "app",
                            "image": "busybox:stable",
                            "cpu": 0,
                            "portMappings": [
                                {
                                    "containerPort": 8080,
                                    "hostPort": 8080,
                                    "protocol": "tcp"
                                }
                            ],
                            "essential": true,
                            "command": [
                                "httpd",
                                "-f",
                                "-p",
                                "8080"
                            ],
                            "stopTimeout": 10
                        }
                    ],
                    "requiresCompatibilities": [
                        "FARGATE"
                    ],
                    "cpu": "256",
                    "memory": "512"
                }
                """);
    }

    @Test
    void write_whenOptionalStringsAreEmptyOrAbsent_keepsTheDifference() {
        TaskDefinition absent = TaskDefinition.builder("w").container(c -> c.name("a").image("busybox").memoryMiB(64))
                .build();
        TaskDefinition empty = absent.toBuilder().containers(List.of(
                absent.containerDefinitions().get(0).toBuilder().workingDirectory("").user("").build())).build();

        assertThat(json.read(json.write(absent))).isEqualTo(absent);
        assertThat(json.read(json.write(empty))).isEqualTo(empty);
        assertThat(json.write(empty)).contains("\"workingDirectory\": \"\"");
        assertThat(json.write(absent)).doesNotContain("workingDirectory");
    }

    @Test
    void read_whenEssentialIsOmitted_defaultsToTrueAndWritesItExplicitly() {
        TaskDefinition td = json.read("""
                {"family": "f", "containerDefinitions": [{"name": "a", "image": "busybox", "memory": 64}]}
                """);

        assertThat(td.containerDefinitions().get(0).essential()).isTrue();
        assertThat(td.networkMode()).isEqualTo(NetworkMode.BRIDGE);
        assertThat(json.write(td)).contains("\"essential\": true");
    }

    @Test
    void read_whenJsonNullValues_treatsThemAsAbsent() {
        TaskDefinition td = json.read("""
                {"family": "f", "taskRoleArn": null, "volumes": null,
                 "containerDefinitions": [{"name": "a", "image": "busybox", "memory": 64, "workingDirectory": null,
                                           "essential": null, "command": null}]}
                """);

        assertThat(td.taskRoleArn()).isEmpty();
        assertThat(td.containerDefinitions().get(0).workingDirectory()).isEmpty();
        assertThat(td.containerDefinitions().get(0).essential()).isTrue();
    }

    @Test
    void read_whenInputStream_readsUtf8WithoutClosingTheStream() {
        byte[] bytes = """
                {"family": "f", "containerDefinitions": [{"name": "a", "image": "busybox", "memory": 64,
                                           "environment": [{"name": "GREETING", "value": "café"}]}]}
                """.getBytes(StandardCharsets.UTF_8);
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        TaskDefinition td = json.read(in);

        assertThat(td.containerDefinitions().get(0).environment().get(0).value()).isEqualTo("café");
        assertThat(closed[0]).isFalse();
    }
}
