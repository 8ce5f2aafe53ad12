package dev.berth.spi.tck;

import static org.assertj.core.api.Assertions.fail;

import dev.berth.api.TaskDefinitions;
import dev.berth.aws.AwsBackend;
import dev.berth.aws.AwsBackendConfig;
import dev.berth.aws.MotoEcs;
import dev.berth.aws.RequiresMoto;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The backend contract, for {@link AwsBackend} over HTTP against moto's ECS. It lives in the contract's package only so
 * that it can override (and disable) the contract's package-private cases that moto cannot serve: moto runs no
 * containers and reports no task timestamps, bindings, health, stop codes or start failures (moto/ecs/models.py). The
 * mapping those cases check is covered by the fake-client unit tests (TaskMapperTest, EcsTaskCallsTest).
 */
@RequiresMoto
class EcsOnMotoContractIT extends ComputeBackendContract {

    private static final String NO_TIMESTAMPS = "moto's tasks have no createdAt/startedAt/stoppedAt"
            + " and no network bindings; TaskMapperTest covers the mapping";
    private static final String NO_CONTAINERS = "moto runs no containers (getmoto/moto#5472),"
            + " so nothing exits, writes logs or passes a health check";

    private static final TaskDefinitions DEFINITIONS = TaskDefinitions.inMemory(Clock.systemUTC(), ArnScope.local());
    /** One cluster with one instance for the class; created after @RequiresMoto found the server. */
    private static MotoEcs moto;

    @BeforeAll
    static void createClusters() {
        moto = new MotoEcs();
        moto.addContainerInstance();
        moto.ecs.createCluster(b -> b.clusterName(moto.cluster + "-other"));
    }

    @AfterAll
    static void closeMoto() {
        moto.close();
    }

    @Override
    protected ComputeBackend createBackend() {
        return AwsBackend.create(AwsBackendConfig.builder().ecsClient(moto::configure)
                .mode(AwsBackendConfig.Mode.CLIENT_SCHEDULED).build());
    }

    @Override
    protected String cluster() {
        return moto.cluster;
    }

    @Override
    protected RegisteredTaskDefinition longRunningTaskDefinition() {
        return DEFINITIONS.register(TaskDefinition.builder(moto.unique("contract-web"))
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16)
                        .command("sh", "-c", "httpd -p 8080; while true; do echo tick; sleep 1; done")
                        .portMapping(8080))
                .build());
    }

    @Override
    protected void letContainerWrite(Task running, String containerName) {
        // on real ECS the container writes by itself; moto runs nothing (the log cases are disabled)
    }

    @Override
    protected RegisteredTaskDefinition exitingTaskDefinition(int exitCode) {
        return DEFINITIONS.register(TaskDefinition.builder(moto.unique("contract-exits"))
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16).command("sh", "-c", "exit " + exitCode))
                .build());
    }

    @Override
    protected void letEssentialContainerExit(Task started, int exitCode) {
        // on real ECS the container exits by itself; moto runs nothing (the exit cases are disabled)
    }

    @Override
    protected RegisteredTaskDefinition healthCheckedTaskDefinition() {
        return DEFINITIONS.register(TaskDefinition.builder(moto.unique("contract-checked"))
                .container(c -> c.name("app").image("busybox:1").memoryMiB(16).command("sleep", "300")
                        .healthCheck(HealthCheck.shell("true")))
                .build());
    }

    @Override
    protected RegisteredTaskDefinition unstartableTaskDefinition() {
        return DEFINITIONS.register(TaskDefinition.builder(moto.unique("contract-unstartable"))
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
    @Test
    @Disabled(NO_TIMESTAMPS)
    void startTask_whenStarted_isListedAndReachesRunningWithBoundDynamicPort() {
    }

    @Override
    @ParameterizedTest
    @EnumSource(value = StopCode.class, names = {"USER_INITIATED", "SERVICE_SCHEDULER_INITIATED"})
    @Disabled(NO_TIMESTAMPS + " (stoppedAt), and no container exit codes")
    void stopTask_whenRunning_reachesStoppedWithCodeAndReason(StopCode stopCode) {
    }

    @Override
    @Test
    @Disabled(NO_CONTAINERS)
    void essentialContainer_whenItExits_stopsTheTaskWithItsExitCode() {
    }

    @Override
    @Test
    @Disabled(NO_CONTAINERS + "; moto also reports no task healthStatus")
    void healthCheck_whenItPasses_taskTurnsHealthy() {
    }

    @Override
    @Test
    @Disabled(NO_CONTAINERS + "; moto's StartTask never fails a task")
    void startTask_whenTheStartFails_endsStoppedWithTaskFailedToStart() {
    }

    @Override
    @Test
    @Disabled(NO_CONTAINERS + "; on ECS logs go to the log driver's destination, not through the ECS API")
    void logs_whenTheContainerWrote_returnAtMostTheLastLines() {
    }

    @Override
    @Test
    @Disabled(NO_CONTAINERS + "; on ECS logs go to the log driver's destination, not through the ECS API")
    void followLogs_whenTheContainerWrites_deliversNewLinesUntilClosed() {
    }

    @Override
    @Test
    @Disabled(NO_CONTAINERS)
    void onTaskChange_whenAnEssentialContainerExits_signalsTheCluster() {
    }
}
