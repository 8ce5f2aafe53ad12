package dev.berth.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.DockerVolumeConfiguration;
import dev.berth.model.FsxWindowsFileServerVolumeConfiguration;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.NetworkMode;
import dev.berth.model.ProxyConfiguration;
import dev.berth.model.RejectionReason;
import dev.berth.model.ResourceRequirement;
import dev.berth.model.RuntimePlatform;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A task definition's runtime platform, capabilities and GPUs are placement requirements, as on ECS. */
class RequirementPlacementTest {

    private static TaskDefinition.Builder task() {
        return TaskDefinition.builder("app").container(c -> c.name("app").image("busybox").memoryMiB(64));
    }

    private static InstanceState.Builder x86(String id) {
        return InstanceState.builder(id, 2048, 4096).attribute(InstanceAttributes.OS_TYPE, "linux")
                .attribute(InstanceAttributes.CPU_ARCHITECTURE, "x86_64");
    }

    @Test
    void requiredAttributes_whenDefinitionUsesPlatformAndCapabilities_namesEachWithItsField() {
        TaskDefinition td = task().networkMode(NetworkMode.AWSVPC)
                .runtimePlatform(RuntimePlatform.linux(RuntimePlatform.CpuArchitecture.ARM64))
                .volume(Volume.fsxWindowsFileServer("share", new FsxWindowsFileServerVolumeConfiguration("fs-1",
                        "share", "arn:aws:secretsmanager:eu-west-1:1:secret:fsx", "corp.example.com")))
                .volume(Volume.docker("cache", DockerVolumeConfiguration.taskScoped().withDriver("rexray/ebs",
                        Map.of())))
                .proxyConfiguration(new ProxyConfiguration(ProxyConfiguration.Type.APPMESH, "app", Map.of()))
                .enableFaultInjection(true)
                .build();

        assertThat(RequiredAttribute.of(td)).containsExactly(
                new RequiredAttribute("ecs.cpu-architecture", Optional.of("arm64"),
                        "runtimePlatform.cpuArchitecture ARM64"),
                new RequiredAttribute("ecs.os-type", Optional.of("linux"), "runtimePlatform.operatingSystemFamily LINUX"),
                new RequiredAttribute("ecs.capability.fsxWindowsFileServer", Optional.empty(),
                        "volumes 'share' (fsxWindowsFileServerVolumeConfiguration)"),
                new RequiredAttribute("com.amazonaws.ecs.capability.docker-plugin.rexray/ebs", Optional.empty(),
                        "volumes 'cache' (dockerVolumeConfiguration.driver rexray/ebs)"),
                new RequiredAttribute("ecs.capability.aws-appmesh", Optional.empty(), "proxyConfiguration"),
                new RequiredAttribute("ecs.capability.fault-injection", Optional.empty(), "enableFaultInjection"));
    }

    @Test
    void requiredAttributes_whenVolumeDriverHasATag_writesTheColonAsADot_asTheAgentReportsPlugins() {
        TaskDefinition td = task().volume(Volume.docker("data", DockerVolumeConfiguration.taskScoped()
                .withDriver("netapp:v2", Map.of()))).build();

        assertThat(RequiredAttribute.of(td)).extracting(RequiredAttribute::name)
                .containsExactly("com.amazonaws.ecs.capability.docker-plugin.netapp.v2");
    }

    @Test
    void place_whenArm64TaskAndOnlyX86Instances_failsWithAttributeReasonNamingTheField() {
        TaskDefinition arm = task().runtimePlatform(RuntimePlatform.linux(RuntimePlatform.CpuArchitecture.ARM64))
                .build();
        PlacementRequest request = PlacementRequest.forTaskDefinition(arm, "family:app").build();

        PlacementResult result = PlacementEngine.placeOnce(request, List.of(x86("i-1").build()), 1);

        assertThat(result.placements()).isEmpty();
        assertThat(result.failure()).hasValueSatisfying(f -> {
            assertThat(f.instancesByReason()).containsOnlyKeys(RejectionReason.ATTRIBUTE);
            assertThat(f.explanation()).contains("ATTRIBUTE 1 [runtimePlatform.cpuArchitecture ARM64 needs"
                    + " ecs.cpu-architecture=arm64; the instance has x86_64 1]");
            assertThat(f.ecsMessage("app")).endsWith("is missing an attribute required by your task.");
        });
    }

    @Test
    void place_whenArm64TaskAndAnArmInstance_placesItThere() {
        TaskDefinition arm = task().runtimePlatform(RuntimePlatform.linux(RuntimePlatform.CpuArchitecture.ARM64))
                .build();
        PlacementRequest request = PlacementRequest.forTaskDefinition(arm, "family:app").build();

        PlacementResult result = PlacementEngine.placeOnce(request, List.of(x86("i-1").build(),
                x86("graviton").attribute(InstanceAttributes.CPU_ARCHITECTURE, "arm64").build()), 1);

        assertThat(result.placements()).extracting(TaskPlacement::instanceId).containsExactly("graviton");
    }

    @Test
    void place_whenGpuTaskAndNoGpus_failsWithResourceGpu() {
        TaskDefinition gpu = TaskDefinition.builder("train").container(ContainerDefinition.builder("trainer")
                .image("busybox").memoryMiB(64).resourceRequirement(ResourceRequirement.gpus(1)).build()).build();
        PlacementRequest request = PlacementRequest.forTaskDefinition(gpu, "family:train").build();

        PlacementResult result = PlacementEngine.placeOnce(request, List.of(x86("i-1").build()), 1);

        assertThat(result.failure()).hasValueSatisfying(f -> {
            assertThat(f.instancesByReason()).containsOnlyKeys(RejectionReason.RESOURCE_GPU);
            assertThat(f.explanation()).contains("RESOURCE:GPU 1");
            assertThat(f.ecsMessage("train")).endsWith("has insufficient GPU available.");
        });
    }

    @Test
    void place_whenGpusRunOut_placesAsManyTasksAsThereAreGpusThenFails() {
        TaskDefinition gpu = TaskDefinition.builder("train").container(ContainerDefinition.builder("trainer")
                .image("busybox").memoryMiB(64).resourceRequirement(ResourceRequirement.gpus(2)).build()).build();
        PlacementEngine engine = PlacementEngine.of(List.of(x86("p3").gpus(4, 4).build()));

        PlacementResult result = engine.place(PlacementRequest.forTaskDefinition(gpu, "family:train").count(3)
                .build(), 1);

        assertThat(result.placements()).hasSize(2);
        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f.instancesByReason())
                .containsOnlyKeys(RejectionReason.RESOURCE_GPU));
        assertThat(engine.instances()).singleElement().satisfies(i -> assertThat(i.remainingGpus()).isZero());
    }
}
