package dev.berth.docker;

import static org.assertj.core.api.Assertions.fail;

import dev.berth.docker.internal.DockerClients;
import dev.berth.model.ArnScope;
import dev.berth.model.HealthCheck;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.api.TaskDefinitions;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.tck.ComputeBackendContract;
import dev.berth.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;

/**
 * The backend contract on the real engine: real containers of the busybox test image, real time. The long-running
 * definition serves HTTP in the background and writes {@code tick} every second. Test task definitions stop within
 * 2 s (busybox as PID 1 ignores SIGTERM, so the stopTimeout is what a stop takes).
 */
@RequiresDockerEngine
class DockerBackendContractIT extends ComputeBackendContract {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
    private static final String SESSION = EngineTestBase.newSession("contract");
    private static final TaskDefinitions DEFINITIONS = TaskDefinitions.inMemory(Clock.systemUTC(), ArnScope.local());

    @Override
    protected ComputeBackend createBackend() {
        // pull policy NEVER: the unstartable definition's image fails at once instead of trying the internet
        return DockerBackend.create(DockerBackendConfig.fromEnvironment().toBuilder()
                .pollInterval(Duration.ofMillis(200))
                .pullPolicy(ImagePullPolicy.NEVER)
                .label(EngineTestBase.SESSION_LABEL, SESSION)
                .build());
    }

    @Override
    protected String cluster() {
        return "contract-" + SESSION;
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
            EngineTestBase.sleep(Duration.ofMillis(200));
        }
    }

    @AfterAll
    static void removeWhatIsLeft() {
        try (DockerClients clients = DockerClients.open(DockerBackendConfig.fromEnvironment())) {
            EngineTestBase.removeAll(clients, Map.of(EngineTestBase.SESSION_LABEL, SESSION));
        }
    }
}
