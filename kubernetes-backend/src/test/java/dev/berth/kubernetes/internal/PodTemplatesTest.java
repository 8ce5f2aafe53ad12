package dev.berth.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.TaskDefinitions;
import dev.berth.exception.InvalidSpecException;
import dev.berth.model.ArnScope;
import dev.berth.model.ContainerOverride;
import dev.berth.model.DependencyCondition;
import dev.berth.model.EnvironmentVariable;
import dev.berth.model.HealthCheck;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.RuntimePlatform;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Volume;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodTemplatesTest {

    private static final TaskDefinitions DEFINITIONS = TaskDefinitions.inMemory(Clock.systemUTC(), ArnScope.local());
    private static final PodTemplates.Options BERTH_TASK =
            new PodTemplates.Options(false, Optional.empty(), List.of());

    private static RegisteredTaskDefinition register(TaskDefinition.Builder definition) {
        return DEFINITIONS.register(definition.build());
    }

    @Test
    void template_mapsEntryPointCommandImageEnvironmentAndResources() {
        RegisteredTaskDefinition web = register(TaskDefinition.builder("web")
                .container(c -> c.name("app").image("registry.example/team/web:1.2").cpu(256).memoryMiB(512)
                        .memoryReservationMiB(128).entryPoint("/bin/sh", "-c").command("exec httpd -f")
                        .environment("MODE", "prod").workingDirectory("/srv").user("1000:2000")
                        .portMapping(8080).portMapping(PortMapping.of(53, 5353).withProtocol(Protocol.UDP))));

        PodTemplateSpec template = PodTemplates.template(web, BERTH_TASK);

        Container app = template.getSpec().getContainers().get(0);
        assertThat(app.getName()).isEqualTo("app");
        assertThat(app.getImage()).isEqualTo("registry.example/team/web:1.2");
        assertThat(app.getCommand()).containsExactly("/bin/sh", "-c");
        assertThat(app.getArgs()).containsExactly("exec httpd -f");
        assertThat(app.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).containsExactly("MODE=prod");
        assertThat(app.getWorkingDir()).isEqualTo("/srv");
        assertThat(app.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(app.getSecurityContext().getRunAsGroup()).isEqualTo(2000L);
        assertThat(app.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"))
                .containsEntry("memory", new Quantity("128Mi"));
        assertThat(app.getResources().getLimits()).containsOnlyKeys("memory").containsEntry("memory", new Quantity("512Mi"));
        assertThat(app.getPorts()).extracting(p -> p.getContainerPort() + "/" + p.getProtocol() + "->" + p.getHostPort())
                .containsExactly("8080/TCP->null", "53/UDP->5353");
        assertThat(template.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(template.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(template.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(template.getMetadata().getAnnotations()).containsEntry(BerthLabels.TASK_DEFINITION, web.arn())
                .containsEntry(BerthLabels.CONTAINER_NAMES, "app");
    }

    @Test
    void template_whenOnlyHardMemory_requestsWhatItLimits() {
        PodTemplateSpec template = PodTemplates.template(register(TaskDefinition.builder("hard")
                .container(c -> c.name("app").image("busybox:1").memoryMiB(64))), BERTH_TASK);

        Container app = template.getSpec().getContainers().get(0);
        assertThat(app.getResources().getRequests()).containsEntry("memory", new Quantity("64Mi"));
        assertThat(app.getResources().getLimits()).containsEntry("memory", new Quantity("64Mi"));
    }

    @Test
    void millicores_roundUpSoTheRequestNeverUndercutsTheReservation() {
        assertThat(PodTemplates.millicores(1024)).isEqualTo(new Quantity("1000m"));
        assertThat(PodTemplates.millicores(1)).isEqualTo(new Quantity("1m"));
        assertThat(PodTemplates.millicores(100)).isEqualTo(new Quantity("98m"));
        assertThat(PodTemplates.millicores(2048)).isEqualTo(new Quantity("2000m"));
    }

    @Test
    void template_mapsTheHealthCheckToProbesAndStopTimeoutToTheGracePeriod() {
        HealthCheck check = HealthCheck.shell("curl -f localhost:8080/")
                .withInterval(Duration.ofSeconds(10)).withTimeout(Duration.ofSeconds(3)).withRetries(4)
                .withStartPeriod(Duration.ofSeconds(25));
        PodTemplateSpec template = PodTemplates.template(register(TaskDefinition.builder("checked")
                .container(c -> c.name("app").image("busybox:1").memoryMiB(64).healthCheck(check)
                        .stopTimeout(Duration.ofSeconds(90)))), BERTH_TASK);

        Container app = template.getSpec().getContainers().get(0);
        assertThat(app.getReadinessProbe().getExec().getCommand())
                .containsExactly("/bin/sh", "-c", "curl -f localhost:8080/");
        assertThat(app.getReadinessProbe().getPeriodSeconds()).isEqualTo(10);
        assertThat(app.getReadinessProbe().getTimeoutSeconds()).isEqualTo(3);
        assertThat(app.getReadinessProbe().getFailureThreshold()).isEqualTo(4);
        assertThat(app.getLivenessProbe()).isEqualTo(app.getReadinessProbe());
        // 25 s of start period at 10 s intervals is 3 checks, then the 4 retries.
        assertThat(app.getStartupProbe().getFailureThreshold()).isEqualTo(7);
        assertThat(template.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(90L);
    }

    @Test
    void execCommand_takesCmdAsItIsAndCmdShellThroughTheShell() {
        assertThat(PodTemplates.execCommand(List.of("CMD", "pg_isready", "-q"))).containsExactly("pg_isready", "-q");
        assertThat(PodTemplates.execCommand(List.of("CMD-SHELL", "exit 0"))).containsExactly("/bin/sh", "-c", "exit 0");
    }

    @Test
    void template_mapsDependsOnToInitContainersAndNativeSidecars() {
        RegisteredTaskDefinition app = register(TaskDefinition.builder("deps")
                .container(c -> c.name("migrate").image("busybox:1").memoryMiB(16).essential(false))
                .container(c -> c.name("proxy").image("envoy:1").memoryMiB(32).essential(false)
                        .healthCheck(HealthCheck.cmd("true")))
                .container(c -> c.name("log_router").image("fluent:1").memoryMiB(16).essential(false))
                .container(c -> c.name("app").image("busybox:1").memoryMiB(64)
                        .dependsOn("migrate", DependencyCondition.SUCCESS)
                        .dependsOn("proxy", DependencyCondition.HEALTHY)
                        .dependsOn("log_router", DependencyCondition.START)));

        PodSpec spec = PodTemplates.template(app, BERTH_TASK).getSpec();

        assertThat(spec.getInitContainers()).extracting(Container::getName, Container::getRestartPolicy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("migrate", null),
                        org.assertj.core.groups.Tuple.tuple("proxy", "Always"),
                        org.assertj.core.groups.Tuple.tuple(PodTemplates.containerName("log_router"), "Always"));
        assertThat(spec.getInitContainers().get(1).getStartupProbe()).isNotNull();
        assertThat(spec.getInitContainers().get(2).getStartupProbe()).isNull();
        assertThat(spec.getContainers()).extracting(Container::getName).containsExactly("app");
        assertThat(PodTemplates.containerName("log_router")).matches("log-router-[0-9a-f]{8}");
    }

    @Test
    void check_whenKubernetesCannotExpressTheDefinition_namesEveryProblem() {
        RegisteredTaskDefinition impossible = register(TaskDefinition.builder("impossible")
                .networkMode(NetworkMode.NONE)
                .container(c -> c.name("init").image("busybox:1").memoryMiB(16).essential(false))
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16).user("nobody")
                        .dependsOn("init", DependencyCondition.START))
                .container(c -> c.name("sidecar").image("busybox:1").memoryMiB(16)
                        .dependsOn("init", DependencyCondition.COMPLETE)));

        assertThatThrownBy(() -> PodTemplates.check(impossible))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems())
                        .extracting(p -> p.path() + " " + p.rule())
                        .containsExactlyInAnyOrder("networkMode kubernetes.networkMode",
                                "containerDefinitions[1].user kubernetes.user",
                                "containerDefinitions[0] kubernetes.dependsOn"));
    }

    @Test
    void check_whenTheDefinitionUsesVolumesOrPrivileges_refusesEachByPathRatherThanDroppingThem() {
        RegisteredTaskDefinition storage = register(TaskDefinition.builder("storage")
                .volume(Volume.taskScoped("data"))
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16)
                        .mountPoint("data", "/data").privileged(true)));

        assertThatThrownBy(() -> PodTemplates.check(storage))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems())
                        .extracting(p -> p.path() + " " + p.rule())
                        .containsExactly("volumes kubernetes.notCarried",
                                "containerDefinitions[0].mountPoints kubernetes.notCarried",
                                "containerDefinitions[0].privileged kubernetes.notCarried"));
    }

    @Test
    void template_whenARuntimePlatformIsGiven_selectsNodesOfThatArchitectureAndOs() {
        PodTemplateSpec arm = PodTemplates.template(register(TaskDefinition.builder("arm")
                .runtimePlatform(RuntimePlatform.linux(RuntimePlatform.CpuArchitecture.ARM64))
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16))), BERTH_TASK);
        PodTemplateSpec anywhere = PodTemplates.template(register(TaskDefinition.builder("anywhere")
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16))), BERTH_TASK);

        assertThat(arm.getSpec().getNodeSelector())
                .containsExactlyInAnyOrderEntriesOf(Map.of("kubernetes.io/arch", "arm64", "kubernetes.io/os", "linux"));
        assertThat(anywhere.getSpec().getNodeSelector()).isNullOrEmpty();
    }

    @Test
    void template_appliesRunTaskOverridesAndSecretReferences() {
        RegisteredTaskDefinition secretive = register(TaskDefinition.builder("secretive")
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16).command("serve")
                        .environment("LEVEL", "info").secret("DB_PASSWORD", "arn:aws:ssm:eu-west-1:1:parameter/db")));

        PodTemplateSpec template = PodTemplates.template(secretive, new PodTemplates.Options(false,
                Optional.of("berth-secrets-secretive-1"), List.of(new ContainerOverride("app",
                Optional.of(List.of("serve", "--once")), List.of(new EnvironmentVariable("LEVEL", "debug"))))));

        Container app = template.getSpec().getContainers().get(0);
        assertThat(app.getArgs()).containsExactly("serve", "--once");
        assertThat(app.getEnv()).filteredOn(e -> e.getName().equals("LEVEL")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("debug"));
        assertThat(app.getEnv()).filteredOn(e -> e.getName().equals("DB_PASSWORD")).singleElement()
                .satisfies(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("berth-secrets-secretive-1");
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("DB_PASSWORD");
                });
    }

    @Test
    void template_whenTheDefinitionIsReadBack_isTheSameRevision() {
        RegisteredTaskDefinition web = register(TaskDefinition.builder("roundtrip")
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16).portMapping(8080)));

        String json = PodTemplates.template(web, BERTH_TASK).getMetadata().getAnnotations()
                .get(BerthLabels.TASK_DEFINITION_JSON);

        assertThat(PodTemplates.revisionFromJson(json)).isEqualTo(web);
    }
}
