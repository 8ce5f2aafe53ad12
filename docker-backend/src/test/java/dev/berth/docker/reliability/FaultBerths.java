package dev.berth.docker.reliability;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.TestImages;
import dev.berth.docker.internal.DockerClients;
import dev.berth.model.TaskDefinition;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.RolloutState;
import dev.berth.task.DesiredStatus;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The Berths, definitions and waits the fault-injection tests share, in the test JVM and in child JVMs. */
final class FaultBerths {

    /** Short timings: tasks count as healthy after 2 s running, resync every 5 s. */
    static final ReconcilerSettings FAST = new ReconcilerSettings(Duration.ofSeconds(2),
            Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMinutes(1));

    private FaultBerths() {
    }

    /** @return the engine of the environment, every container and network labelled with {@code session} */
    static DockerBackendConfig config(String session) {
        return config(DockerBackendConfig.fromEnvironment(), session);
    }

    /** @return {@code engine} with fast polling, every container and network labelled with {@code session} */
    static DockerBackendConfig config(DockerBackendConfig engine, String session) {
        return engine.toBuilder().pollInterval(Duration.ofMillis(200))
                .label(EngineTestBase.SESSION_LABEL, session).build();
    }

    /** @return a Berth with {@link #FAST} timings on {@code config}'s engine, over {@code state} if not null */
    static Berth open(DockerBackendConfig config, Path state) {
        return open(DockerBackend.create(config), state);
    }

    /** @return a Berth with {@link #FAST} timings on {@code backend}, over {@code state} if not null */
    static Berth open(DockerBackend backend, Path state) {
        Berth.Builder builder = Berth.builder(backend).reconcilerSettings(FAST)
                .waiterPollInterval(Duration.ofMillis(250));
        try {
            return (state == null ? builder : builder.stateDirectory(state)).build();
        } catch (RuntimeException e) {
            backend.close(); // a Berth that failed to open does not own its backend
            throw e;
        }
    }

    /**
     * A busybox task that stops within a second of SIGTERM (its shell traps it between sleeps), so that rolls
     * take seconds.
     *
     * @param version written into the environment, so that each version is a distinct revision
     */
    static TaskDefinition sleeper(String family, String version) {
        return TaskDefinition.builder(family)
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(3)).environment("VERSION", version)
                        .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"))
                .build();
    }

    /** @return whether the task is RUNNING and meant to stay so */
    static boolean running(Task task) {
        return task.lastStatus() == TaskStatus.RUNNING && task.desiredStatus() == DesiredStatus.RUNNING;
    }

    /** @return whether the service runs {@code count} tasks of {@code arn} and its only deployment completed */
    static boolean settled(Service service, String arn, int count) {
        var deployments = service.describe().deployments();
        return deployments.size() == 1 && deployments.get(0).deployment().rolloutState() == RolloutState.COMPLETED
                && service.tasks().stream().filter(FaultBerths::running)
                        .filter(t -> t.taskDefinitionArn().equals(arn)).count() == count
                && service.tasks().stream().filter(Task::isLive).count() == count;
    }

    /** Removes every container, network and stop record labelled with {@code session}, and nothing else. */
    static void removeSession(DockerClients clients, String session) {
        EngineTestBase.removeAll(clients, Map.of(EngineTestBase.SESSION_LABEL, session));
    }

    /** Polls {@code condition} every 250 ms until it holds, failing after {@code timeout}. */
    static void awaitTrue(String description, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + description);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
