package dev.berth.docker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import dev.berth.task.Task;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine performs a call, and its answer never reaches Berth: the {@link EngineFaultProxy} closes the connection
 * once the engine answered. Berth's retry of the call must neither create a second container nor leave one behind:
 * a create retried finds its own container by name, a start retried finds it started, a stop signal retried finds
 * the container stopped, a stop record retried finds the record.
 */
@RequiresDockerEngine
class LostAnswerIT {

    /** The call whose answer is lost, and what the service does around it. */
    enum LostCall {
        /** The first container create of a service of 3. */
        CREATE("POST /containers/create", 3, 3),
        /** The first container start of a service of 3. */
        START("POST /containers/{id}/start", 3, 3),
        /** The stop record of the first task a scale from 3 to 1 stops. */
        STOP_RECORD("POST /volumes/create", 3, 1),
        /** The first stop signal of a scale from 3 to 1. */
        STOP_SIGNAL("POST /containers/{id}/kill", 3, 1);

        final String kind;
        final int first;
        final int then;

        LostCall(String kind, int first, int then) {
            this.kind = kind;
            this.first = first;
            this.then = then;
        }
    }

    @ParameterizedTest
    @EnumSource(LostCall.class)
    void answerLost_theRetryNeitherDuplicatesNorLeavesAContainerBehind(LostCall lost) {
        String session = EngineTestBase.newSession("lost");
        DockerBackendConfig direct = FaultBerths.config(session);
        try (DockerClients clients = DockerClients.open(direct);
             ContainerLedger ledger = new ContainerLedger(clients, session, Integer.MAX_VALUE);
             EngineFaultProxy proxy = EngineFaultProxy.start(session.substring(session.length() - 8),
                     Path.of(direct.dockerHost().getPath()))) {
            try {
                DockerBackendConfig viaProxy = FaultBerths.config(DockerBackendConfig.builder()
                        .dockerHost(URI.create(proxy.endpoint().toString())).build(), session);
                proxy.dropAnswer(call -> call.kind().equals(lost.kind));
                try (Berth berth = FaultBerths.open(viaProxy, null)) {
                    Service web = KillPointScenario.createService(berth, session, lost.first);
                    KillPointScenario.await(web, "v1", lost.first);
                    if (lost.then != lost.first) {
                        web.scale(lost.then);
                        KillPointScenario.await(web, "v1", lost.then);
                        FaultBerths.awaitTrue("the stopped tasks' containers exited", Duration.ofSeconds(30),
                                () -> running(clients, session) == lost.then);
                    }
                    Set<String> reported = berth.clusters().get(session).orElseThrow().tasks().list().stream()
                            .map(Task::taskId).collect(Collectors.toSet());
                    long unreported = EngineTestBase.containersWith(clients,
                            Map.of(EngineTestBase.SESSION_LABEL, session)).stream()
                            .filter(c -> !reported.contains(c.getLabels().get(Labels.TASK))).count();
                    System.out.printf("LostAnswerIT %s: answers dropped %s; %d containers created for %d tasks,"
                                    + " duplicates %d, running %d, left behind %d%n", lost, proxy.dropped(),
                            ledger.containersSeen(), lost.first, ledger.duplicates().size(),
                            running(clients, session), unreported);
                    assertThat(proxy.dropped()).as("answers dropped").hasSize(1);
                    assertThat(ledger.duplicates()).as("containers created twice").isEmpty();
                    assertThat(ledger.containersSeen()).as("containers created").isEqualTo(lost.first);
                    assertThat(running(clients, session)).as("containers running").isEqualTo(lost.then);
                    assertThat(unreported).as("containers of no task Berth reports").isZero();
                }
            } finally {
                FaultBerths.removeSession(clients, session);
            }
        }
    }

    private static long running(DockerClients clients, String session) {
        return EngineTestBase.containersWith(clients, Map.of(EngineTestBase.SESSION_LABEL, session)).stream()
                .filter(c -> "running".equals(c.getState())).count();
    }
}
