package dev.berth.docker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.berth.api.Berth;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17's Docker case: a rolling deployment of 3 tasks at 100/150 whose process is killed right after the engine
 * created the first new task's container, before it started it. The container stays in Docker's {@code created}
 * state; a new process must treat that start as failed (TaskFailedToStart, a stop record every later process
 * honours), replace the task and finish the roll. Before the fix the roll never completed: every pass planned
 * nothing and recorded nothing.
 */
@RequiresDockerEngine
class AbandonedStartIT {

    /** The issue watched 45 s; the roll without the orphan completed in 12 s. */
    private static final Duration ROLL_COMPLETES_WITHIN = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @Test
    void killedBetweenCreateAndStart_aNewProcessFailsTheStart_finishesTheRoll_laterProcessesAgree_forgetRemovesIt() {
        String session = EngineTestBase.newSession("orphan");
        DockerBackendConfig direct = FaultBerths.config(session);
        Path state = dir.resolve("state");
        KillPointScenario roll = KillPointScenario.ROLLING_DEPLOYMENT;
        try (DockerClients clients = DockerClients.open(direct);
             EngineFaultProxy proxy = EngineFaultProxy.start(session.substring(session.length() - 8),
                     Path.of(direct.dockerHost().getPath()))) {
            try {
                try (Berth berth = FaultBerths.open(direct, state)) {
                    roll.prepare(berth, session);
                }
                proxy.freezeAfterWrite(1);
                try (ChildJvm child = ChildJvm.start(KillPointChild.class, dir.resolve("killed.log"), state.toString(),
                        session, proxy.endpoint().toString(), roll.name(), session)) {
                    assertThat(proxy.awaitFrozen(Duration.ofMinutes(2))).as("the roll's first change; output:\n%s",
                            child.output()).isTrue();
                    child.kill();
                }
                assertThat(proxy.writes()).extracting(EngineFaultProxy.Call::kind)
                        .containsExactly("POST /containers/create");
                List<Container> orphans = EngineTestBase.containersWith(clients,
                        Map.of(EngineTestBase.SESSION_LABEL, session)).stream()
                        .filter(c -> "created".equals(c.getState())).toList();
                assertThat(orphans).as("containers created and never started").hasSize(1);
                String orphan = orphans.get(0).getLabels().get(Labels.TASK);

                Instant opened = Instant.now();
                try (Berth berth = FaultBerths.open(direct, state)) {
                    FaultBerths.awaitTrue("the roll to v2 in a new process", ROLL_COMPLETES_WITHIN,
                            () -> roll.converged(berth, session));
                    System.out.printf("AbandonedStartIT: the new process finished the roll in %d ms%n",
                            Duration.between(opened, Instant.now()).toMillis());
                }
                DockerBackend later = DockerBackend.create(direct);
                try (Berth berth = FaultBerths.open(later, state)) {
                    Task seen = later.tasks(session).stream().filter(t -> t.taskId().equals(orphan)).findFirst()
                            .orElseThrow(() -> new AssertionError("the abandoned task " + orphan + " is not reported"));
                    assertThat(seen.lastStatus()).isEqualTo(TaskStatus.STOPPED);
                    assertThat(seen.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
                    assertThat(seen.stoppedReason().orElseThrow()).contains("abandoned while starting");
                    assertThat(seen.startedAt()).isEmpty();

                    later.forgetTask(session, orphan);
                    // the removal runs on a worker of the backend: the task leaves the listing at once
                    assertThat(later.tasks(session)).extracting(Task::taskId).doesNotContain(orphan);
                    FaultBerths.awaitTrue("the abandoned task's container and stop record removed",
                            Duration.ofSeconds(30), () -> EngineTestBase.containersWith(clients,
                                    Map.of(Labels.TASK, orphan)).isEmpty() && noStopRecord(clients, orphan));
                }
            } finally {
                FaultBerths.removeSession(clients, session);
            }
        }
    }

    private static boolean noStopRecord(DockerClients clients, String task) {
        var volumes = clients.calls().listVolumesCmd().withFilter("label", List.of(Labels.TASK + "=" + task)).exec()
                .getVolumes();
        return volumes == null || volumes.isEmpty();
    }
}
