package dev.berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.ResourceRequirement;
import dev.berth.model.RuntimePlatform;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.model.RejectionReason;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.testing.ManualScheduledExecutor;
import dev.berth.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-memory backend simulates what ECS places by: an instance's {@code ecs.cpu-architecture} and
 * {@code ecs.os-type} against a definition's {@code runtimePlatform}, and its GPUs against GPU requirements.
 */
class PlatformPlacementTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));
    private final ManualScheduledExecutor executor = new ManualScheduledExecutor();
    private final InMemoryBackend backend = InMemoryBackend.create(clock);
    private Berth berth;
    private Cluster cluster;

    @BeforeEach
    void setUp() {
        backend.addInstance("dev", InMemoryBackend.instance("x86-1").cpu(4096).memoryMiB(8192));
        berth = Berth.builder(backend).clock(clock).executor(executor).build();
        cluster = berth.clusters().create("dev");
    }

    @AfterEach
    void tearDown() {
        berth.close();
        executor.shutdownNow();
    }

    private RunTaskResult run(TaskDefinition definition) {
        berth.taskDefinitions().register(definition);
        return cluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.latest(definition.family())).build());
    }

    @Test
    void run_whenArm64DefinitionAndOnlyX86Instances_isRefusedWithTheReason() {
        RunTaskResult result = run(TaskDefinition.builder("arm-job")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64))
                .runtimePlatform(RuntimePlatform.linux(RuntimePlatform.CpuArchitecture.ARM64)).build());

        assertThat(result.tasks()).isEmpty();
        assertThat(result.failure()).get().satisfies(f -> {
            assertThat(f.instancesByReason()).containsOnlyKeys(RejectionReason.ATTRIBUTE);
            assertThat(f.explanation()).contains("runtimePlatform.cpuArchitecture ARM64 needs"
                    + " ecs.cpu-architecture=arm64; the instance has x86_64");
        });
    }

    @Test
    void run_whenArm64DefinitionAndAnArmInstance_placesItThere() {
        backend.addInstance("dev", InMemoryBackend.instance("graviton-1").cpu(4096).memoryMiB(8192)
                .attribute("ecs.cpu-architecture", "arm64"));

        RunTaskResult result = run(TaskDefinition.builder("arm-job")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(64))
                .runtimePlatform(RuntimePlatform.linux(RuntimePlatform.CpuArchitecture.ARM64)).build());

        assertThat(result.tasks()).singleElement()
                .satisfies(t -> assertThat(t.containerInstanceId()).isEqualTo("graviton-1"));
    }

    @Test
    void run_whenGpuDefinition_usesOnlyAnInstanceWithFreeGpus() {
        TaskDefinition gpu = TaskDefinition.builder("train")
                .container(c -> c.name("trainer").image("busybox:stable").memoryMiB(64)
                        .resourceRequirement(ResourceRequirement.gpus(1)))
                .build();
        assertThat(run(gpu).failure()).get().satisfies(f -> assertThat(f.instancesByReason())
                .containsOnlyKeys(RejectionReason.RESOURCE_GPU));

        backend.addInstance("dev", InMemoryBackend.instance("g5-1").cpu(4096).memoryMiB(8192).gpus(1));

        assertThat(run(gpu).tasks()).singleElement()
                .satisfies(t -> assertThat(t.containerInstanceId()).isEqualTo("g5-1"));
        assertThat(run(gpu).failure()).get().satisfies(f -> assertThat(f.explanation())
                .contains("RESOURCE:GPU 2"));
    }
}
