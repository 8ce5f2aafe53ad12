package dev.berth.swarm;

import static org.assertj.core.api.Assertions.fail;

import dev.berth.api.TaskDefinitions;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.TestImages;
import dev.berth.model.ArnScope;
import dev.berth.model.HealthCheck;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.tck.ComputeBackendContract;
import dev.berth.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;

/**
 * The backend contract on the real three-node swarm ({@link SwarmTestBed}): real containers of the busybox test
 * image on the nodes, real time. Every case of the contract runs; none is excluded. The long-running definition
 * serves HTTP in the background and writes {@code tick} every second; its dynamic port is published in host mode on
 * the task's node. The exiting definition has a non-essential sidecar, so it is a task of two containers (two Swarm
 * services on one node, on an overlay network of their own) that Berth stops when the essential one exits. Test
 * task definitions stop within 2 s (busybox as PID 1 ignores SIGTERM, so the stopTimeout is what a stop takes).
 */
@RequiresSwarm
class SwarmBackendContractIT extends ComputeBackendContract {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
    private static final String SESSION = EngineTestBase.newSession("swarm-contract");
    private static final TaskDefinitions DEFINITIONS = TaskDefinitions.inMemory(Clock.systemUTC(), ArnScope.local());

    @Override
    protected ComputeBackend createBackend() {
        return SwarmBackend.create(SwarmBackendConfig.builder()
                .manager(SwarmTestBed.get().managerConfig(SESSION))
                .changePollInterval(Duration.ofMillis(500))
                .build());
    }

    @Override
    protected String cluster() {
        return "contract";
    }

    @Override
    protected RegisteredTaskDefinition longRunningTaskDefinition() {
        return DEFINITIONS.register(TaskDefinition.builder("contract-web")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).stopTimeout(STOP_TIMEOUT)
                        .command("sh", "-c", "httpd -p 8080; while true; do echo tick; sleep 1; done")
                        .portMapping(8080))
                .build());
    }

    @Override
    protected void letContainerWrite(Task running, String containerName) {
        // the container writes a line every second by itself
    }

    @Override
    protected RegisteredTaskDefinition exitingTaskDefinition(int exitCode) {
        return DEFINITIONS.register(TaskDefinition.builder("contract-exits")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).stopTimeout(STOP_TIMEOUT)
                        .command("sh", "-c", "sleep 1; exit " + exitCode))
                .container(c -> c.name("sidecar").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .stopTimeout(STOP_TIMEOUT).command("sleep", "300"))
                .build());
    }

    @Override
    protected void letEssentialContainerExit(Task started, int exitCode) {
        // the container exits by itself
    }

    @Override
    protected RegisteredTaskDefinition healthCheckedTaskDefinition() {
        return DEFINITIONS.register(TaskDefinition.builder("contract-checked")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).stopTimeout(STOP_TIMEOUT)
                        .command("sleep", "300")
                        .healthCheck(HealthCheck.shell("true").withInterval(Duration.ofSeconds(5))))
                .build());
    }

    @Override
    protected RegisteredTaskDefinition unstartableTaskDefinition() {
        return DEFINITIONS.register(TaskDefinition.builder("contract-unstartable")
                .container(c -> c.name("app").image(TestImages.MISSING).memoryMiB(16))
                .build());
    }

    @Override
    protected void await(String description, BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("Timed out after " + timeout + " waiting for " + description);
            }
            SwarmTestBed.pause(Duration.ofMillis(200));
        }
    }

    @AfterAll
    static void removeWhatIsLeft() {
        SwarmTestBed.get().removeAll(SESSION);
    }
}
