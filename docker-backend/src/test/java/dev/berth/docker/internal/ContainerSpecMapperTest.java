package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.Device;
import dev.berth.model.HealthCheck;
import dev.berth.model.LinuxParameters;
import dev.berth.model.MountPoint;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.ResourceRequirement;
import dev.berth.model.RestartPolicy;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Tmpfs;
import dev.berth.model.Ulimit;
import dev.berth.model.Volume;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerSpecMapperTest {

    private final ContainerSpecMapper mapper = new ContainerSpecMapper(DockerBackendConfig.builder().build());

    private ContainerSpec map(NetworkMode mode, ContainerDefinition.Builder container) {
        TaskDefinition td = TaskDefinition.builder("web").networkMode(mode).container(container.build()).build();
        EngineTask request = EngineTask.standalone("t1", "dev", td, 3, Instant.EPOCH, Map.of("session", "s"));
        Optional<String> network = mode == NetworkMode.BRIDGE || mode == NetworkMode.AWSVPC
                ? Optional.of("berth-t1") : Optional.empty();
        return mapper.map(request, td.containerDefinitions().get(0), new ContainerSpecMapper.TaskInputs(
                Map.of("TOKEN", "s3cr3t"), Map.of(), network, List.of("app", "web"), 1, Map.of(),
                TaskNamespaces.of(td, DependencyOrder.of(td)), Optional.empty()));
    }

    private ContainerSpec mapTask(TaskDefinition td, String container, Map<String, String> fileVariables,
                                  Map<String, TaskVolumes.Source> volumes) {
        EngineTask request = EngineTask.standalone("t1", "dev", td, 3, Instant.EPOCH, Map.of());
        return mapper.map(request, td.container(container).orElseThrow(), new ContainerSpecMapper.TaskInputs(
                Map.of(), fileVariables, Optional.of("berth-t1"), List.of(container), 0, volumes,
                TaskNamespaces.of(td, DependencyOrder.of(td)), Optional.empty()));
    }

    private static ContainerDefinition.Builder app() {
        return ContainerDefinition.builder("app").image("busybox:1").memoryMiB(64);
    }

    @Test
    void map_cpuUnits_followEcsLinuxShares() {
        assertThat(ContainerSpecMapper.cpuShares(0)).isEqualTo(2);
        assertThat(ContainerSpecMapper.cpuShares(1)).isEqualTo(2);
        assertThat(ContainerSpecMapper.cpuShares(256)).isEqualTo(256);
        assertThat(ContainerSpecMapper.cpuShares(1_000_000)).isEqualTo(262_144);
        assertThat(map(NetworkMode.BRIDGE, app()).hostConfig().getCpuShares()).isEqualTo(2);
    }

    @Test
    void map_memoryAndReservation_becomeHardAndSoftLimitsInBytes() {
        ContainerSpec spec = map(NetworkMode.BRIDGE, app().memoryMiB(128).memoryReservationMiB(64));

        assertThat(spec.hostConfig().getMemory()).isEqualTo(128L * 1024 * 1024);
        assertThat(spec.hostConfig().getMemoryReservation()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void map_bridgePorts_bindStaticAndDynamicOnTheConfiguredAddress() {
        ContainerSpec spec = map(NetworkMode.BRIDGE, app().portMapping(8080).portMapping(9090, 19090)
                .portMapping(PortMapping.of(5353).withProtocol(Protocol.UDP)));

        Map<ExposedPort, Ports.Binding[]> bindings = spec.hostConfig().getPortBindings().getBindings();
        assertThat(bindings.get(ExposedPort.tcp(8080))).containsExactly(Ports.Binding.bindIp("127.0.0.1"));
        assertThat(bindings.get(ExposedPort.tcp(9090)))
                .containsExactly(Ports.Binding.bindIpAndPort("127.0.0.1", 19090));
        assertThat(bindings.get(ExposedPort.udp(5353))).containsExactly(Ports.Binding.bindIp("127.0.0.1"));
        assertThat(spec.hostConfig().getNetworkMode()).isEqualTo("berth-t1");
        assertThat(spec.networkAliases()).containsExactly("app", "web");
    }

    @Test
    void map_awsvpc_publishesEveryPortDynamicallyOnThePerTaskNetwork() {
        ContainerSpec spec = map(NetworkMode.AWSVPC, app().portMapping(8080, 8080));

        assertThat(spec.hostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(8080)))
                .containsExactly(Ports.Binding.bindIp("127.0.0.1"));
        assertThat(spec.hostConfig().getNetworkMode()).isEqualTo("berth-t1");
    }

    @Test
    void map_hostAndNone_publishNothingAndUseDockersModes() {
        ContainerSpec host = map(NetworkMode.HOST, app().portMapping(8080, 8080));
        ContainerSpec none = map(NetworkMode.NONE, app());

        assertThat(host.hostConfig().getNetworkMode()).isEqualTo("host");
        assertThat(host.hostConfig().getPortBindings().getBindings()).isEmpty();
        assertThat(host.exposedPorts()).containsExactly(ExposedPort.tcp(8080));
        assertThat(host.networkAliases()).isEmpty();
        assertThat(none.hostConfig().getNetworkMode()).isEqualTo("none");
    }

    @Test
    void map_healthCheck_becomesDockerHealthcheckInNanoseconds() {
        ContainerSpec spec = map(NetworkMode.BRIDGE, app().healthCheck(HealthCheck.shell("true")
                .withInterval(Duration.ofSeconds(10)).withTimeout(Duration.ofSeconds(3)).withRetries(4)
                .withStartPeriod(Duration.ofSeconds(20))));

        var check = spec.healthCheck().orElseThrow();
        assertThat(check.getTest()).containsExactly("CMD-SHELL", "true");
        assertThat(check.getInterval()).isEqualTo(10_000_000_000L);
        assertThat(check.getTimeout()).isEqualTo(3_000_000_000L);
        assertThat(check.getRetries()).isEqualTo(4);
        assertThat(check.getStartPeriod()).isEqualTo(20_000_000_000L);
    }

    @Test
    void map_labels_carryTaskIdentityAndDockerLabels_berthKeysWin() {
        ContainerSpec spec = map(NetworkMode.BRIDGE, app().dockerLabel("team", "a")
                .dockerLabel(Labels.CLUSTER, "spoofed").stopTimeout(Duration.ofSeconds(5)));

        assertThat(spec.labels()).containsEntry(Labels.CLUSTER, "dev").containsEntry(Labels.TASK, "t1")
                .containsEntry(Labels.TASK_DEFINITION, "web:3").containsEntry(Labels.CONTAINER, "app")
                .containsEntry(Labels.ESSENTIAL, "true").containsEntry(Labels.STOP_TIMEOUT_MS, "5000")
                .containsEntry(Labels.DEPENDENCY_LEVEL, "1").containsEntry("team", "a")
                .containsEntry("session", "s").doesNotContainKey(Labels.SERVICE);
        assertThat(spec.dockerName()).isEqualTo("berth-t1-app");
    }

    @Test
    void map_environmentAndSecrets_areInEnvButNeverInToString() {
        ContainerSpec spec = map(NetworkMode.BRIDGE, app().environment("MODE", "prod").secret("TOKEN", "tok"));

        assertThat(spec.env()).containsExactly("MODE=prod", "TOKEN=s3cr3t");
        assertThat(spec.toString()).contains("MODE", "TOKEN").doesNotContain("s3cr3t", "prod");
    }

    @Test
    void map_restartPolicy_isBerthsToEnforce_onLabels_withDockersPolicyNo() {
        ContainerSpec any = map(NetworkMode.BRIDGE, app().restartPolicy(RestartPolicy.onAnyExit()));
        ContainerSpec ignoring = map(NetworkMode.BRIDGE, app().restartPolicy(
                new RestartPolicy(true, List.of(2, 0), Optional.of(Duration.ofSeconds(90)))));
        ContainerSpec disabled = map(NetworkMode.BRIDGE, app().restartPolicy(
                new RestartPolicy(false, List.of(), Optional.empty())));
        ContainerSpec none = map(NetworkMode.BRIDGE, app());

        for (ContainerSpec spec : List.of(any, ignoring, disabled, none)) {
            assertThat(spec.hostConfig().getRestartPolicy())
                    .isEqualTo(com.github.dockerjava.api.model.RestartPolicy.noRestart());
        }
        assertThat(RestartRule.fromLabels(any.labels()))
                .contains(new RestartRule(Set.of(), RestartPolicy.DEFAULT_ATTEMPT_PERIOD));
        assertThat(ignoring.labels()).containsEntry(Labels.RESTART_IGNORED_EXIT_CODES, "0,2")
                .containsEntry(Labels.RESTART_ATTEMPT_PERIOD_MS, "90000");
        assertThat(RestartRule.fromLabels(ignoring.labels()))
                .contains(new RestartRule(Set.of(0, 2), Duration.ofSeconds(90)));
        assertThat(RestartRule.fromLabels(disabled.labels())).isEmpty();
        assertThat(RestartRule.fromLabels(none.labels())).isEmpty();
    }

    @Test
    void map_ulimitsUserAndWorkdir_areCarriedOver() {
        ContainerSpec spec = map(NetworkMode.BRIDGE, app()
                .ulimit(new Ulimit("nofile", 1024, 2048)).user("1000:1000").workingDirectory("/srv"));

        assertThat(spec.hostConfig().getUlimits()[0].getName()).isEqualTo("nofile");
        assertThat(spec.hostConfig().getUlimits()[0].getHardLong()).isEqualTo(2048L);
        assertThat(spec.user()).contains("1000:1000");
        assertThat(spec.workingDir()).contains("/srv");
    }

    @Test
    void map_linuxParameters_becomeInitCapabilitiesDevicesShmTmpfsAndSwap() {
        ContainerSpec spec = map(NetworkMode.BRIDGE, app().memoryMiB(128).linuxParameters(LinuxParameters.builder()
                .initProcessEnabled(true).addCapability("NET_ADMIN").dropCapability("NET_RAW")
                .device(new Device("/dev/fuse", Optional.empty(), List.of(Device.Permission.READ,
                        Device.Permission.WRITE)))
                .sharedMemorySizeMiB(256).tmpfs(new Tmpfs("/run", 16, List.of("noexec", "nosuid")))
                .maxSwapMiB(64).swappiness(10).build()));

        HostConfig host = spec.hostConfig();
        assertThat(host.getInit()).isTrue();
        assertThat(host.getCapAdd()).containsExactly(Capability.NET_ADMIN);
        assertThat(host.getCapDrop()).containsExactly(Capability.NET_RAW);
        assertThat(host.getDevices()).singleElement().satisfies(d -> {
            assertThat(d.getPathOnHost()).isEqualTo("/dev/fuse");
            assertThat(d.getPathInContainer()).isEqualTo("/dev/fuse");
            assertThat(d.getcGroupPermissions()).isEqualTo("rw");
        });
        assertThat(host.getShmSize()).isEqualTo(256L * 1024 * 1024);
        assertThat(host.getTmpFs()).containsEntry("/run", "noexec,nosuid,size=16m");
        assertThat(host.getMemorySwap()).isEqualTo((128L + 64) * 1024 * 1024);
        assertThat(host.getMemorySwappiness()).isEqualTo(10L);
    }

    @Test
    void map_serviceConnectHostEntries_followTheContainersOwnExtraHosts() {
        TaskDefinition td = TaskDefinition.builder("client").container(app().extraHost("api", "10.0.0.5").build())
                .build();
        EngineTask request = new EngineTask("t1", "dev", td, "client:1", "service:client", "ecs-svc/1",
                Instant.EPOCH, List.of(), Map.of(), Map.of("db", "172.30.0.1", "api", "172.30.0.1"));

        ContainerSpec spec = mapper.map(request, td.containerDefinitions().get(0), new ContainerSpecMapper.TaskInputs(
                Map.of(), Map.of(), Optional.empty(), List.of("app"), 0, Map.of(),
                TaskNamespaces.of(td, DependencyOrder.of(td)), Optional.empty()));

        // /etc/hosts resolves a name to its first line: the task definition's own entry wins over the namespace's.
        assertThat(spec.hostConfig().getExtraHosts())
                .containsExactly("api:10.0.0.5", "api:172.30.0.1", "db:172.30.0.1");
    }

    @Test
    void map_containerOptions_becomeTheirDockerNamesakes() {
        ContainerSpec spec = map(NetworkMode.BRIDGE, app().privileged(true).readonlyRootFilesystem(true)
                .dockerSecurityOptions(List.of("no-new-privileges")).extraHost("db", "10.0.0.5")
                .dnsServers(List.of("10.0.0.2")).dnsSearchDomains(List.of("corp.internal"))
                .systemControl("net.core.somaxconn", "1024").hostname("web-1").interactive(true)
                .pseudoTerminal(true).disableNetworking(true));

        HostConfig host = spec.hostConfig();
        assertThat(host.getPrivileged()).isTrue();
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges");
        assertThat(host.getExtraHosts()).containsExactly("db:10.0.0.5");
        assertThat(host.getDns()).containsExactly("10.0.0.2");
        assertThat(host.getDnsSearch()).containsExactly("corp.internal");
        assertThat(host.getSysctls()).containsEntry("net.core.somaxconn", "1024");
        assertThat(spec.hostname()).contains("web-1");
        assertThat(spec.stdinOpen()).isTrue();
        assertThat(spec.tty()).isTrue();
        assertThat(spec.networkDisabled()).isTrue();
    }

    @Test
    void map_gpuRequirement_becomesAnNvidiaDeviceRequest() {
        ContainerSpec spec = map(NetworkMode.BRIDGE, app().resourceRequirement(ResourceRequirement.gpus(2)));

        assertThat(spec.hostConfig().getDeviceRequests()).singleElement().satisfies(r -> {
            assertThat(r.getDriver()).isEqualTo("nvidia");
            assertThat(r.getCount()).isEqualTo(2);
            assertThat(r.getCapabilities()).containsExactly(List.of("gpu"));
        });
    }

    @Test
    void map_mountPointsAndVolumesFrom_becomeBindsAndVolumesFrom() {
        TaskDefinition td = TaskDefinition.builder("web")
                .volume(Volume.taskScoped("content")).volume(Volume.bindMount("logs", "/var/log"))
                .container(c -> c.name("data").image("busybox:1").memoryMiB(16).essential(false)
                        .mountPoint("content", "/content"))
                .container(c -> c.name("app").image("busybox:1").memoryMiB(64)
                        .mountPoint(new MountPoint("content", "/www", true)).mountPoint("logs", "/host-logs")
                        .volumesFrom("data", true))
                .build();

        ContainerSpec spec = mapTask(td, "app", Map.of(), Map.of(
                "content", new TaskVolumes.Source("berth-t1-content", false),
                "logs", new TaskVolumes.Source("/var/log", true)));

        assertThat(spec.hostConfig().getBinds()).extracting(Object::toString)
                .containsExactly("berth-t1-content:/www:ro", "/var/log:/host-logs:rw");
        assertThat(spec.hostConfig().getVolumesFrom()).extracting(Object::toString)
                .containsExactly("berth-t1-data:ro");
    }

    @Test
    void map_environmentFiles_loseToTheEnvironmentAndSecretsWinOverBoth() {
        TaskDefinition td = TaskDefinition.builder("web").container(c -> c.name("app").image("busybox:1")
                .memoryMiB(64).environment("LEVEL", "debug").secret("TOKEN", "token-ref")).build();
        EngineTask request = EngineTask.standalone("t1", "dev", td, 3, Instant.EPOCH, Map.of());

        ContainerSpec spec = mapper.map(request, td.containerDefinitions().get(0), new ContainerSpecMapper.TaskInputs(
                Map.of("TOKEN", "from-secret"), Map.of("LEVEL", "info", "REGION", "eu", "TOKEN", "from-file"),
                Optional.empty(), List.of(), 0, Map.of(), TaskNamespaces.of(td, DependencyOrder.of(td)),
                Optional.empty()));

        assertThat(spec.env()).containsExactlyInAnyOrder("LEVEL=debug", "REGION=eu", "TOKEN=from-secret");
    }

    @Test
    void map_containerPortRange_exposesEachPortOnAPortTheEnginePicks() {
        ContainerSpec spec = map(NetworkMode.AWSVPC, app().portMapping(PortMapping.ofRange("7000-7002")));

        assertThat(spec.exposedPorts()).containsExactly(ExposedPort.tcp(7000), ExposedPort.tcp(7001),
                ExposedPort.tcp(7002));
        assertThat(spec.hostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(7001)))
                .containsExactly(Ports.Binding.bindIp("127.0.0.1"));
    }

    @Test
    void map_taskPidAndIpcModes_shareTheFirstEssentialContainersNamespaces() {
        TaskDefinition td = TaskDefinition.builder("web").pidMode("task").ipcMode("task")
                .container(c -> c.name("init").image("busybox:1").memoryMiB(16).essential(false))
                .container(c -> c.name("app").image("busybox:1").memoryMiB(64)
                        .dependsOn("init", dev.berth.model.DependencyCondition.SUCCESS))
                .container(c -> c.name("sidecar").image("busybox:1").memoryMiB(16)
                        .dependsOn("app", dev.berth.model.DependencyCondition.START))
                .build();

        ContainerSpec init = mapTask(td, "init", Map.of(), Map.of());
        ContainerSpec app = mapTask(td, "app", Map.of(), Map.of());
        ContainerSpec sidecar = mapTask(td, "sidecar", Map.of(), Map.of());

        assertThat(init.hostConfig().getPidMode()).isNull();
        assertThat(app.hostConfig().getPidMode()).isNull();
        assertThat(app.hostConfig().getIpcMode()).isEqualTo("shareable");
        assertThat(sidecar.hostConfig().getPidMode()).isEqualTo("container:berth-t1-app");
        assertThat(sidecar.hostConfig().getIpcMode()).isEqualTo("container:berth-t1-app");
    }

    @Test
    void map_hostPidMode_isTheHostsForEveryContainer() {
        TaskDefinition td = TaskDefinition.builder("agent").pidMode("host").ipcMode("none")
                .container(c -> c.name("agent").image("busybox:1").memoryMiB(16)).build();

        ContainerSpec agent = mapTask(td, "agent", Map.of(), Map.of());

        assertThat(agent.hostConfig().getPidMode()).isEqualTo("host");
        assertThat(agent.hostConfig().getIpcMode()).isEqualTo("none");
    }
}
