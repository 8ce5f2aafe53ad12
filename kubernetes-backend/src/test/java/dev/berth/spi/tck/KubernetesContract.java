package dev.berth.spi.tck;

import static org.assertj.core.api.Assertions.fail;

import dev.berth.api.TaskDefinitions;
import dev.berth.kubernetes.KubernetesBackend;
import dev.berth.kubernetes.KubernetesBackendConfig;
import dev.berth.kubernetes.KwokCluster;
import dev.berth.kubernetes.internal.PodTemplates;
import dev.berth.model.ArnScope;
import dev.berth.model.HealthCheck;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.spi.ComputeBackend;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The backend contract for {@link KubernetesBackend} on a real API server whose nodes kwok simulates, once per mode
 * (the subclasses). It lives in the contract's package only so that it can override (and disable) the contract's
 * package-private cases that kwok cannot serve: kwok runs no process, so no container writes a log, pulls an image
 * or reports an exit code when its pod is deleted (it removes a deleted pod at once, where a kubelet first reports
 * the containers' terminated states). What those cases check is covered by PodTasksTest on pods in the states a
 * kubelet reports. An essential container's exit is kwok's own pod-container-running-failed stage, triggered by a label.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KubernetesContract extends ComputeBackendContract {

    static final String NO_PROCESSES = "kwok simulates pods without running a process: no container writes a log";
    static final String NO_IMAGES = "kwok pulls no image, so no start fails; PodTasksTest maps ErrImagePull to"
            + " TASK_FAILED_TO_START";
    static final String NO_EXIT_ON_DELETE = "kwok removes a deleted pod at once, without the terminated container"
            + " states (exit codes) a kubelet reports first; PodTasksTest covers their mapping";

    private static final TaskDefinitions DEFINITIONS = TaskDefinitions.inMemory(Clock.systemUTC(), ArnScope.local());

    private KwokCluster kwok;
    private String cluster;

    /** @return the mode under test */
    abstract KubernetesBackendConfig.Mode mode();

    /** Two kwok nodes and the cluster's namespaces (and its other cluster's), for the class. */
    @BeforeAll
    void createNodesAndNamespaces() {
        kwok = new KwokCluster();
        kwok.addNode("contract-a", 4, 8, "zone-a");
        kwok.addNode("contract-b", 4, 8, "zone-b");
        cluster = kwok.unique(mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        try (KubernetesBackend backend = KubernetesBackend.create(kwok.config(mode()).build())) {
            backend.createCluster(cluster);
            backend.createCluster(otherCluster());
        }
        kwok.deleteAtEnd(cluster);
        kwok.deleteAtEnd(otherCluster());
    }

    @AfterAll
    void deleteNodesAndNamespaces() {
        kwok.close();
    }

    @Override
    protected String cluster() {
        return cluster;
    }

    @Override
    protected ComputeBackend createBackend() {
        return KubernetesBackend.create(kwok.config(mode()).build());
    }

    @Override
    protected RegisteredTaskDefinition longRunningTaskDefinition() {
        return DEFINITIONS.register(TaskDefinition.builder("contract-web")
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16)
                        .command("sh", "-c", "httpd -p 8080; while true; do echo tick; sleep 1; done")
                        .portMapping(8080))
                .build());
    }

    @Override
    protected void letContainerWrite(Task running, String containerName) {
        // kwok runs nothing (the log cases are disabled)
    }

    @Override
    protected RegisteredTaskDefinition exitingTaskDefinition(int exitCode) {
        return DEFINITIONS.register(TaskDefinition.builder("contract-exits")
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16).command("sh", "-c", "exit " + exitCode))
                .build());
    }

    /** kwok's pod-container-running-failed stage ends the container with the code (and fails the pod). */
    @Override
    protected void letEssentialContainerExit(Task started, int exitCode) {
        await("task " + started.taskId() + " RUNNING before its container exits",
                () -> backend().tasks(cluster()).stream().anyMatch(t -> t.taskId().equals(started.taskId())
                        && t.lastStatus() == dev.berth.task.TaskStatus.RUNNING), timeout());
        kwok.exitContainer(cluster, started.taskId(), PodTemplates.containerName("app"), exitCode);
    }

    @Override
    protected RegisteredTaskDefinition healthCheckedTaskDefinition() {
        return DEFINITIONS.register(TaskDefinition.builder("contract-checked")
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16).command("sleep", "300")
                        .healthCheck(HealthCheck.shell("true")))
                .build());
    }

    @Override
    protected RegisteredTaskDefinition unstartableTaskDefinition() {
        return DEFINITIONS.register(TaskDefinition.builder("contract-unstartable")
                .container(c -> c.name("app").image("berth-test/no-such-image:1").memoryMiB(16))
                .build());
    }

    @Override
    protected void await(String description, BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("Timed out after " + timeout + " waiting for " + description);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + description);
            }
        }
    }

    @Override
    @ParameterizedTest
    @EnumSource(value = StopCode.class, names = {"USER_INITIATED", "SERVICE_SCHEDULER_INITIATED"})
    @Disabled(NO_EXIT_ON_DELETE)
    void stopTask_whenRunning_reachesStoppedWithCodeAndReason(StopCode stopCode) {
    }

    @Override
    @Test
    @Disabled(NO_IMAGES)
    void startTask_whenTheStartFails_endsStoppedWithTaskFailedToStart() {
    }

    @Override
    @Test
    @Disabled(NO_PROCESSES)
    void logs_whenTheContainerWrote_returnAtMostTheLastLines() {
    }

    @Override
    @Test
    @Disabled(NO_PROCESSES)
    void followLogs_whenTheContainerWrites_deliversNewLinesUntilClosed() {
    }
}
