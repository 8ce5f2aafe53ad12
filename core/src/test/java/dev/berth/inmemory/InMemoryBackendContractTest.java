package dev.berth.inmemory;

import static org.assertj.core.api.Assertions.fail;

import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.tck.ComputeBackendContract;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import dev.berth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The backend contract on the in-memory backend, with non-zero delays so that the contract cannot pass by
 * assuming that things happen at once. Time passes in steps of one simulated second.
 */
class InMemoryBackendContractTest extends ComputeBackendContract {

    private static final Duration STEP = Duration.ofSeconds(1);

    private final MutableClock clock = MutableClock.at(Definitions.T0);
    private InMemoryBackend backend;

    @Override
    protected ComputeBackend createBackend() {
        backend = InMemoryBackend.create(clock);
        backend.addInstance(cluster(), InMemoryBackend.instance("i-1").cpu(2048).memoryMiB(4096));
        backend.addInstance(otherCluster(), InMemoryBackend.instance("i-2"));
        backend.startDelay(Duration.ofSeconds(2));
        backend.healthyDelay(Duration.ofSeconds(10));
        backend.stopDelay(Duration.ofSeconds(3));
        backend.failStarts(request -> request.taskDefinition().family().equals("unstartable"));
        return backend;
    }

    @Override
    protected boolean offersChangeFeed() {
        return true;
    }

    @Override
    protected String cluster() {
        return "contract";
    }

    @Override
    protected RegisteredTaskDefinition longRunningTaskDefinition() {
        return Definitions.web();
    }

    @Override
    protected void letContainerWrite(Task running, String containerName) {
        backend.appendLog(cluster(), running.taskId(), containerName, "line at " + clock.instant());
    }

    @Override
    protected RegisteredTaskDefinition exitingTaskDefinition(int exitCode) {
        return Definitions.of("exits-" + exitCode);
    }

    @Override
    protected void letEssentialContainerExit(Task started, int exitCode) {
        await("task " + started.taskId() + " RUNNING", () -> backend.tasks(cluster()).stream()
                .anyMatch(t -> t.taskId().equals(started.taskId()) && t.lastStatus() == TaskStatus.RUNNING),
                timeout());
        backend.exitContainer(cluster(), started.taskId(), "app", exitCode);
    }

    @Override
    protected RegisteredTaskDefinition healthCheckedTaskDefinition() {
        return Definitions.checkedWeb();
    }

    @Override
    protected RegisteredTaskDefinition unstartableTaskDefinition() {
        return Definitions.of("unstartable");
    }

    @Override
    protected void await(String description, BooleanSupplier condition, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (!clock.instant().isBefore(deadline)) {
                fail("Timed out after " + timeout + " of simulated time waiting for " + description);
            }
            clock.advance(STEP);
        }
    }
}
