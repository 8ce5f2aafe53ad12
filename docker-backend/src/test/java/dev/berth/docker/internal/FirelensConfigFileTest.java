package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.DependencyCondition;
import dev.berth.model.FirelensConfiguration;
import dev.berth.model.LogConfiguration;
import dev.berth.model.NetworkMode;
import dev.berth.model.Secret;
import dev.berth.model.TaskDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirelensConfigFileTest {

    private static TaskDefinition task(FirelensConfiguration.Type type, Map<String, String> routerOptions) {
        return TaskDefinition.builder("api").networkMode(NetworkMode.BRIDGE)
                .container(c -> c.name("router").image("fluent-bit:2").memoryReservationMiB(100)
                        .firelensConfiguration(new FirelensConfiguration(type, routerOptions)))
                .container(c -> c.name("api").image("api:1").memoryMiB(64)
                        .logConfiguration(new LogConfiguration("awsfirelens", Map.of("Name", "cloudwatch_logs",
                                "@type", "cloudwatch_logs", "region", "eu-west-1", "exclude-pattern", "^DEBUG",
                                "log-driver-buffer-limit", "2097152"),
                                List.of(new Secret("apikey", "api-key-ref")))))
                .build();
    }

    @Test
    void fluentBit_hasTheAgentsInputsMetadataFiltersAndOneOutputPerContainer() {
        Map.Entry<String, String> file = FirelensConfigFile.of(task(FirelensConfiguration.Type.FLUENTBIT, Map.of()),
                "dev", "t1", "api:3");

        assertThat(file.getKey()).isEqualTo("/fluent-bit/etc/fluent-bit.conf");
        assertThat(file.getValue()).isEqualTo("""
                [INPUT]
                    Name forward
                    unix_path /var/run/fluent.sock
                    Mem_Buf_Limit 50MB

                [INPUT]
                    Name forward
                    Listen 0.0.0.0
                    Port 24224

                [INPUT]
                    Name tcp
                    Tag firelens-healthcheck
                    Listen 127.0.0.1
                    Port 8877

                [FILTER]
                    Name record_modifier
                    Match *
                    Record ecs_cluster dev
                    Record ecs_task_arn t1
                    Record ecs_task_definition api:3

                [FILTER]
                    Name grep
                    Match api-firelens*
                    Exclude log ^DEBUG

                [OUTPUT]
                    Name null
                    Match firelens-healthcheck

                [OUTPUT]
                    Name cloudwatch_logs
                    Match api-firelens*
                    @type cloudwatch_logs
                    region eu-west-1
                    apikey ${apikey_api}

                """);
    }

    @Test
    void fluentd_withoutMetadataAndWithAnS3File_includesItAfterTheFilters() {
        Map.Entry<String, String> file = FirelensConfigFile.of(task(FirelensConfiguration.Type.FLUENTD, Map.of(
                "enable-ecs-log-metadata", "false", "config-file-type", "s3",
                "config-file-value", "arn:aws:s3:::logging/extra.conf")), "dev", "t1", "api:3");

        assertThat(file.getKey()).isEqualTo("/fluentd/etc/fluent.conf");
        assertThat(file.getValue()).doesNotContain("record_transformer")
                .contains("<source>\n    @type unix\n    path /var/run/fluent.sock\n</source>")
                .contains("@include /fluentd/etc/external.conf")
                .contains("<match api-firelens**>\n    @type cloudwatch_logs\n    Name cloudwatch_logs\n"
                        + "    region eu-west-1\n    apikey \"#{ENV['apikey_api']}\"\n</match>");
    }

    @Test
    void routerFirst_addsAStartDependencyOnTheRouterToEachAwsfirelensContainer() {
        TaskDefinition ordered = FirelensRouting.routerFirst(task(FirelensConfiguration.Type.FLUENTBIT, Map.of()));

        assertThat(ordered.container("api").orElseThrow().dependsOn())
                .extracting(d -> d.containerName() + " " + d.condition())
                .containsExactly("router " + DependencyCondition.START);
        assertThat(ordered.container("router").orElseThrow().dependsOn()).isEmpty();
    }

    @Test
    void forContainer_givesTheAgentsFluentdOptionsAndTheRoutersAddress() {
        TaskDefinition td = task(FirelensConfiguration.Type.FLUENTBIT, Map.of());
        FirelensRouting routing = new FirelensRouting("t1", td.firelensContainer().orElseThrow(),
                "berth-t1-firelens", "/var/lib/docker/volumes/berth-t1-firelens/_data", NetworkMode.BRIDGE);

        FirelensRouting.ContainerLogging api = routing.forContainer(td.container("api").orElseThrow(), Map.of());
        FirelensRouting.ContainerLogging router = routing.forContainer(td.container("router").orElseThrow(),
                Map.of("apikey_api", "secret"));

        assertThat(api.logConfig()).hasValueSatisfying(log -> {
            assertThat(log.getType().getType()).isEqualTo("fluentd");
            assertThat(log.getConfig()).containsOnly(
                    Map.entry("tag", "api-firelens-t1"),
                    Map.entry("fluentd-address", "unix:///var/lib/docker/volumes/berth-t1-firelens/_data/fluent.sock"),
                    Map.entry("fluentd-sub-second-precision", "true"),
                    Map.entry("fluentd-async", "true"),
                    Map.entry("fluentd-buffer-limit", "2097152"));
        });
        assertThat(api.environment()).containsOnly(Map.entry("FLUENT_HOST", "router"),
                Map.entry("FLUENT_PORT", "24224"));
        assertThat(router.logConfig()).isEmpty();
        assertThat(router.environment()).containsOnly(Map.entry("apikey_api", "secret"));
        assertThat(router.binds()).extracting(Object::toString).containsExactly("berth-t1-firelens:/var/run/:rw");
    }

    @Test
    void environmentFiles_parseAsTheAgent() {
        assertThat(EnvironmentFiles.parse("# comment\nA=1\nB=x=y\nno-equals\n=empty\nA=2\nC=\n"))
                .containsExactly(Map.entry("A", "2"), Map.entry("B", "x=y"), Map.entry("C", ""));
    }
}
