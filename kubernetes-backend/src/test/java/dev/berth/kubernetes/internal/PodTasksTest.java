package dev.berth.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.TaskDefinitions;
import dev.berth.model.ArnScope;
import dev.berth.model.HealthCheck;
import dev.berth.model.Protocol;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.kubernetes.internal.PodTasks.RequestedStop;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Pods in the states a kubelet reports, as Berth's tasks. */
class PodTasksTest {

    private static final Instant CREATED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-12-07T10:00:05Z");
    private static final Instant NOW = Instant.parse("2026-12-07T10:01:00Z");
    private static final TaskDefinitions DEFINITIONS = TaskDefinitions.inMemory(Clock.systemUTC(), ArnScope.local());
    private static final RegisteredTaskDefinition WEB = DEFINITIONS.register(TaskDefinition.builder("web")
            .container(c -> c.name("app").image("busybox:1").memoryMiB(64).portMapping(8080)
                    .healthCheck(HealthCheck.shell("true")))
            .container(c -> c.name("helper").image("busybox:1").memoryMiB(16).essential(false))
            .build());

    private static Pod pod(String phase, String nodeName, boolean restartAlways, ContainerStatus... statuses) {
        Pod template = new PodBuilder()
                .withMetadata(PodTemplates.template(WEB, new PodTemplates.Options(restartAlways, Optional.empty(),
                        List.of())).getMetadata())
                .withSpec(PodTemplates.template(WEB, new PodTemplates.Options(restartAlways, Optional.empty(),
                        List.of())).getSpec())
                .build();
        return new PodBuilder(template)
                .editMetadata().withName("task-1").withCreationTimestamp(CREATED.toString())
                .addToAnnotations(BerthLabels.GROUP, "family:web").addToAnnotations(BerthLabels.STARTED_BY, "me")
                .endMetadata()
                .editSpec().withNodeName(nodeName).endSpec()
                .withNewStatus().withPhase(phase).withPodIP(nodeName == null ? null : "10.0.0.7")
                .withHostIP(nodeName == null ? null : "192.168.1.2").withContainerStatuses(statuses).endStatus()
                .build();
    }

    private static ContainerStatus running(String name, boolean ready) {
        return new ContainerStatusBuilder().withName(name).withReady(ready).withRestartCount(0)
                .withNewState().withNewRunning(STARTED.toString()).endState().build();
    }

    private static ContainerStatus exited(String name, int code) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(0)
                .withNewState().withNewTerminated().withExitCode(code).withReason("Error")
                .withStartedAt(STARTED.toString()).withFinishedAt(NOW.minusSeconds(5).toString())
                .endTerminated().endState().build();
    }

    private static ContainerStatus waiting(String name, String reason) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(0)
                .withNewState().withNewWaiting().withReason(reason).withMessage("pull access denied")
                .endWaiting().endState().build();
    }

    private static Task task(Pod pod, Optional<RequestedStop> stop, boolean gone) {
        return PodTasks.toBerth(pod, WEB, "dev", stop, gone, NOW);
    }

    @Test
    void toBerth_whenEveryContainerRuns_isRunningHealthyWithItsPortOnThePodAddress() {
        Task task = task(pod("Running", "node-a", false, running("app", true), running("helper", false)),
                Optional.empty(), false);

        assertThat(task.taskId()).isEqualTo("task-1");
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(task.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        assertThat(task.containerInstanceId()).isEqualTo("node-a");
        assertThat(task.group()).isEqualTo("family:web");
        assertThat(task.startedBy()).isEqualTo("me");
        assertThat(task.taskDefinitionArn()).isEqualTo(WEB.arn());
        assertThat(task.createdAt()).isEqualTo(CREATED);
        assertThat(task.startedAt()).contains(STARTED);
        assertThat(task.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(task.containers().get(0).networkBindings())
                .containsExactly(new NetworkBinding(8080, 8080, Protocol.TCP, "10.0.0.7"));
    }

    @Test
    void toBerth_whenNoNodeIsChosenYet_isProvisioning() {
        Task task = task(pod("Pending", null, false), Optional.empty(), false);

        assertThat(task.lastStatus()).isEqualTo(TaskStatus.PROVISIONING);
        assertThat(task.containerInstanceId()).isEmpty();
        assertThat(task.startedAt()).isEmpty();
    }

    @Test
    void toBerth_whenTheImageCannotBePulled_failedToStart() {
        Pod stuck = pod("Pending", "node-a", false, waiting("app", "ImagePullBackOff"), waiting("helper", "ErrImagePull"));

        Task stopping = task(stuck, Optional.empty(), false);
        Task stopped = task(stuck, Optional.empty(), true);

        assertThat(stopping.lastStatus()).isEqualTo(TaskStatus.STOPPING);
        assertThat(PodTasks.needsStop(stopping)).isTrue();
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
        assertThat(stopped.stoppedReason()).hasValueSatisfying(r -> assertThat(r).startsWith("CannotPullContainerError"));
        assertThat(stopped.failedToStart()).isTrue();
        assertThat(stopped.stoppedAt()).contains(NOW);
    }

    @Test
    void toBerth_whenTheEssentialContainerExited_stopsWithItsExitCode() {
        Pod exited = pod("Running", "node-a", false, exited("app", 3), running("helper", false));

        Task stopping = task(exited, Optional.empty(), false);
        Task stopped = task(exited, Optional.empty(), true);

        assertThat(stopping.lastStatus()).isEqualTo(TaskStatus.STOPPING);
        assertThat(stopping.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(PodTasks.needsStop(stopping)).isTrue();
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(stopped.stoppedReason()).contains(PodTasks.ESSENTIAL_EXITED);
        assertThat(stopped.containers().get(0).exitCode()).isEqualTo(OptionalInt.of(3));
        assertThat(stopped.containers()).allSatisfy(c -> assertThat(c.lastStatus()).isEqualTo(TaskStatus.STOPPED));
        assertThat(stopped.startedAt()).contains(STARTED);
    }

    @Test
    void toBerth_whenBerthStoppedItAndTheKubeletReportedTheExits_carriesBerthsCodeAndTheExitCodes() {
        RequestedStop stop = new RequestedStop(StopCode.SERVICE_SCHEDULER_INITIATED, "scaled in", NOW.minusSeconds(10));
        Pod terminated = pod("Running", "node-a", false, exited("app", 143), exited("helper", 137));

        Task stopped = task(terminated, Optional.of(stop), true);

        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).contains(StopCode.SERVICE_SCHEDULER_INITIATED);
        assertThat(stopped.stoppedReason()).contains("scaled in");
        assertThat(stopped.containers()).extracting(c -> c.exitCode().getAsInt()).containsExactly(143, 137);
        assertThat(stopped.stoppedAt()).contains(NOW);
    }

    @Test
    void toBerth_whenAWorkloadPodsContainerExited_leavesTheRestartToKubernetes() {
        Task restarting = task(pod("Running", "node-a", true, exited("app", 1), running("helper", false)),
                Optional.empty(), false);

        assertThat(restarting.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        assertThat(PodTasks.needsStop(restarting)).isFalse();
    }

    @Test
    void toBerth_whenDeletedByKubernetes_isStoppedByTheSchedulerWhenAControllerOwnedIt() {
        Pod owned = new PodBuilder(pod("Running", "node-a", true, running("app", true), running("helper", true)))
                .editMetadata().addNewOwnerReference().withKind("ReplicaSet").withName("web-1").withUid("u")
                .withApiVersion("apps/v1").endOwnerReference().endMetadata().build();

        Task stopped = task(owned, Optional.empty(), true);

        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stopCode()).contains(StopCode.SERVICE_SCHEDULER_INITIATED);
    }
}
