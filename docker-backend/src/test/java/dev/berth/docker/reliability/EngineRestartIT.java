package dev.berth.docker.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.TestImages;
import dev.berth.docker.internal.DockerClients;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engine stopped and restarted under a running service, on a private {@code dockerd} ({@link PrivateEngine}):
 * while it is down, Berth's circuit breaker opens and calls fail fast with a {@link BackendUnavailableException}
 * naming the engine; once it is back, the service converges to its desired count again.
 */
@RequiresDockerEngine
class EngineRestartIT {

    private static final int REPLICAS = 2;
    /** A call the open breaker refuses; one that still tries the engine sleeps its retry backoff, 0.3 s at least. */
    private static final Duration FAST_FAIL = Duration.ofMillis(250);

    private final String session = EngineTestBase.newSession("dockerd");

    @Test
    void engineStoppedAndRestarted_breakerOpens_callsFailFastNamingTheEngine_serviceConvergesAfterwards() {
        try (PrivateEngine engine = PrivateEngine.start(session.substring(session.length() - 8), TestImages.BUSYBOX)) {
            DockerBackendConfig config = FaultBerths.config(DockerBackendConfig.builder()
                    .dockerHost(engine.socket()).build(), session);
            DockerBackend backend = DockerBackend.create(config);
            try (Berth berth = FaultBerths.open(backend, null)) {
                RegisteredTaskDefinition v1 = berth.taskDefinitions().register(FaultBerths.sleeper("fault-dockerd",
                        "v1"));
                Service web = berth.clusters().create(session).services().create(ServiceSpec.builder("web",
                        v1.ref()).desiredCount(REPLICAS).build());
                FaultBerths.awaitTrue("2 tasks running before the engine stops", Duration.ofMinutes(1),
                        () -> FaultBerths.settled(web, v1.arn(), REPLICAS));
                Set<String> before = web.tasks().stream().map(Task::taskId).collect(Collectors.toSet());

                engine.stop();
                BackendUnavailableException refused = awaitFastFailure(backend, session);
                System.out.println("EngineRestartIT: with the engine down, a call failed fast: "
                        + refused.getMessage());
                assertThat(refused.getMessage()).contains(engine.socket().toString()).contains("circuit breaker");
                assertThat(refused.isRetryable()).isTrue();

                Instant restarted = Instant.now();
                engine.startDaemon();
                FaultBerths.awaitTrue("2 tasks running again after the engine's restart", Duration.ofMinutes(2),
                        () -> quietly(() -> FaultBerths.settled(web, v1.arn(), REPLICAS)));
                Set<String> after = web.tasks().stream().filter(FaultBerths::running).map(Task::taskId)
                        .collect(Collectors.toSet());
                System.out.printf("EngineRestartIT: converged %d s after the engine returned; %d tasks replaced%n",
                        Duration.between(restarted, Instant.now()).toSeconds(), after.size());
                assertThat(after).as("the stopped engine stopped the old tasks; new ones replaced them")
                        .hasSize(REPLICAS).doesNotContainAnyElementsOf(before);
            } finally {
                try (DockerClients clients = DockerClients.open(config)) {
                    FaultBerths.removeSession(clients, session);
                } catch (RuntimeException e) {
                    System.err.println("EngineRestartIT: removing the session's containers failed: " + e);
                }
            }
        }
    }

    /** Calls the engine until a call is refused by the open breaker quickly, and returns that refusal. */
    private static BackendUnavailableException awaitFastFailure(DockerBackend backend, String cluster) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline)) {
            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> backend.tasks(cluster));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(thrown).as("a call while the engine is down").isInstanceOf(BackendUnavailableException.class);
            if (took.compareTo(FAST_FAIL) < 0 && thrown.getMessage().contains("circuit breaker")) {
                return (BackendUnavailableException) thrown;
            }
        }
        throw new AssertionError("no call was refused fast by an open circuit breaker within a minute");
    }

    private static boolean quietly(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (BackendUnavailableException e) {
            return false;
        }
    }
}
