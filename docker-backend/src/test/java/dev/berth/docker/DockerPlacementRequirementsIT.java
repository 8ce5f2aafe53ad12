package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.model.FsxWindowsFileServerVolumeConfiguration;
import dev.berth.model.RejectionReason;
import dev.berth.model.ResourceRequirement;
import dev.berth.model.RuntimePlatform;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.model.Volume;
import dev.berth.task.Task;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Docker engine is a container instance with the {@code ecs.cpu-architecture} and {@code ecs.os-type} that
 * {@code docker info} reports, no GPUs unless configured, and none of the {@code ecs.capability.*} attributes of what
 * it cannot do: a task definition that needs another platform, GPUs or such a capability is not placed there, and
 * the failure says why, naming the field.
 */
class DockerPlacementRequirementsIT extends ServiceTestBase {

    private Berth berth;
    private Cluster cluster;
    private String architecture;

    @BeforeEach
    void setUp() {
        DockerBackend backend = DockerBackend.create(config);
        architecture = backend.containerInstances(session).get(0).attributes().get("ecs.cpu-architecture");
        berth = open(berth(backend));
        cluster = berth.clusters().create(session);
    }

    private RunTaskResult run(TaskDefinition.Builder definition) {
        TaskDefinition td = definition.container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                .command("sleep", "30")).build();
        berth.taskDefinitions().register(td);
        return cluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.latest(td.family())).build());
    }

    @Test
    void runtimePlatform_ofTheOtherArchitecture_isRefusedWithAPlacementReason() {
        RuntimePlatform.CpuArchitecture other = architecture.equals("arm64") ? RuntimePlatform.CpuArchitecture.X86_64
                : RuntimePlatform.CpuArchitecture.ARM64;

        RunTaskResult result = run(TaskDefinition.builder("other-arch").runtimePlatform(RuntimePlatform.linux(other)));

        assertThat(result.tasks()).isEmpty();
        assertThat(result.failure()).get().satisfies(f -> {
            assertThat(f.instancesByReason()).containsOnlyKeys(RejectionReason.ATTRIBUTE);
            assertThat(f.explanation()).contains("runtimePlatform.cpuArchitecture " + other.ecsName() + " needs"
                    + " ecs.cpu-architecture=" + other.attributeValue() + "; the instance has " + architecture);
        });
        assertThat(cluster.tasks().list()).isEmpty();
    }

    @Test
    void runtimePlatform_ofTheEnginesOwnArchitecture_runs() {
        RuntimePlatform.CpuArchitecture own = architecture.equals("arm64") ? RuntimePlatform.CpuArchitecture.ARM64
                : RuntimePlatform.CpuArchitecture.X86_64;

        RunTaskResult result = run(TaskDefinition.builder("own-arch").runtimePlatform(RuntimePlatform.linux(own)));

        assertThat(result.failure()).isEmpty();
        List<Task> running = cluster.tasks().awaitRunning(List.of(result.tasks().get(0).taskId()),
                Duration.ofSeconds(60));
        assertThat(running).hasSize(1);
    }

    @Test
    void gpuRequirement_onAnEngineWithoutGpus_isRefusedWithResourceGpu() {
        TaskDefinition.Builder gpu = TaskDefinition.builder("gpu-job").container(c -> c.name("trainer")
                .image(TestImages.BUSYBOX).memoryMiB(16).resourceRequirement(ResourceRequirement.gpus(1)));

        RunTaskResult result = run(gpu);

        assertThat(result.failure()).get().satisfies(f -> {
            assertThat(f.instancesByReason()).containsOnlyKeys(RejectionReason.RESOURCE_GPU);
            assertThat(f.explanation()).contains("RESOURCE:GPU 1");
        });
    }

    @Test
    void windowsOnlyVolume_isRefusedWithTheMissingCapability() {
        RunTaskResult result = run(TaskDefinition.builder("fsx").volume(Volume.fsxWindowsFileServer("share",
                new FsxWindowsFileServerVolumeConfiguration("fs-0123456789abcdef0", "share",
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:fsx", "corp.example.com"))));

        assertThat(result.failure()).get().satisfies(f -> assertThat(f.explanation()).contains(
                "volumes 'share' (fsxWindowsFileServerVolumeConfiguration) needs ecs.capability.fsxWindowsFileServer;"
                        + " the instance does not have it"));
    }
}
