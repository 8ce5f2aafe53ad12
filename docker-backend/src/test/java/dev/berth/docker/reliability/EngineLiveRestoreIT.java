package dev.berth.docker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.TestImages;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.ServiceSpec;
import dev.berth.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine restarted with {@code live-restore}, on a private {@code dockerd} ({@link PrivateEngine}): its
 * containers keep running while it is down. Berth re-adopts the tasks that survived without restarting anything (the
 * same containers, started at the same time, never restarted), in the process that lived through the restart and in
 * a new one; a task whose container died while the engine was down is replaced.
 */
@RequiresDockerEngine
class EngineLiveRestoreIT {

    /** Its own directory, network namespace and address pool, apart from other private engines on this machine. */
    private static final PrivateEngine.Options LIVE_RESTORE = new PrivateEngine.Options("/tmp/berth-crash-lr-",
            "berthc-", "10.217.0.0/16", true);
    private static final int REPLICAS = 3;

    private final String session = EngineTestBase.newSession("liverestore");

    @TempDir
    Path dir;

    @Test
    void engineRestartedWithLiveRestore_survivorsReadoptedUnrestarted_aTaskThatDiedMeanwhileIsReplaced() {
        try (PrivateEngine engine = PrivateEngine.start(session.substring(session.length() - 8), LIVE_RESTORE,
                TestImages.BUSYBOX)) {
            DockerBackendConfig config = FaultBerths.config(DockerBackendConfig.builder()
                    .dockerHost(engine.socket()).build(), session);
            Path state = dir.resolve("state");
            try (DockerClients clients = DockerClients.open(config)) {
                try {
                    Map<String, InspectContainerResponse> before;
                    String died;
                    try (Berth berth = FaultBerths.open(config, state)) {
                        RegisteredTaskDefinition v1 = berth.taskDefinitions().register(FaultBerths.sleeper(
                                "live-restore", "v1"));
                        Service web = berth.clusters().create(session).services().create(ServiceSpec.builder("web",
                                v1.ref()).desiredCount(REPLICAS).build());
                        FaultBerths.awaitTrue(REPLICAS + " tasks running", Duration.ofMinutes(1),
                                () -> FaultBerths.settled(web, v1.arn(), REPLICAS));
                        before = containersByTask(clients);
                        died = before.keySet().iterator().next();

                        engine.stop();
                        for (InspectContainerResponse c : before.values()) {
                            assertThat(ProcessHandle.of(c.getState().getPidLong()).map(ProcessHandle::isAlive))
                                    .as("the process of container %s while the engine is down", c.getName())
                                    .contains(true);
                        }
                        ProcessHandle.of(before.get(died).getState().getPidLong())
                                .ifPresent(ProcessHandle::destroyForcibly);
                        Instant restarted = Instant.now();
                        engine.startDaemon();
                        FaultBerths.awaitTrue(REPLICAS + " tasks running after the restart", Duration.ofMinutes(2),
                                () -> quietly(() -> FaultBerths.settled(web, v1.arn(), REPLICAS)));
                        Set<String> running = web.tasks().stream().filter(FaultBerths::running).map(Task::taskId)
                                .collect(Collectors.toSet());
                        System.out.printf("EngineLiveRestoreIT: converged %d s after the engine returned; task %s"
                                        + " replaced, %d re-adopted%n", Duration.between(restarted, Instant.now())
                                        .toSeconds(), died, REPLICAS - 1);
                        assertThat(running).as("the task that died meanwhile is replaced").doesNotContain(died)
                                .containsAll(survivors(before, died));
                        assertUnrestarted(clients, before, died);
                    }
                    try (Berth berth = FaultBerths.open(config, state)) {
                        Service web = berth.clusters().get(session).orElseThrow().services().get("web")
                                .orElseThrow();
                        FaultBerths.sleep(Duration.ofSeconds(5)); // a few passes of the new process
                        assertThat(web.tasks().stream().filter(FaultBerths::running).map(Task::taskId))
                                .as("a new process re-adopts the survivors").containsAll(survivors(before, died));
                        assertUnrestarted(clients, before, died);
                    }
                } finally {
                    FaultBerths.removeSession(clients, session);
                }
            }
        }
    }

    private static Set<String> survivors(Map<String, InspectContainerResponse> before, String died) {
        return before.keySet().stream().filter(t -> !t.equals(died)).collect(Collectors.toSet());
    }

    /** The survivors' containers are the same ones, started at the same moment and never restarted. */
    private void assertUnrestarted(DockerClients clients, Map<String, InspectContainerResponse> before,
                                          String died) {
        Map<String, InspectContainerResponse> now = containersByTask(clients);
        for (String task : survivors(before, died)) {
            InspectContainerResponse was = before.get(task);
            InspectContainerResponse is = now.get(task);
            assertThat(is).as("container of task %s", task).isNotNull();
            assertThat(is.getId()).as("container of task %s", task).isEqualTo(was.getId());
            assertThat(is.getState().getStartedAt()).as("start of task %s", task)
                    .isEqualTo(was.getState().getStartedAt());
            assertThat(is.getRestartCount()).as("restarts of task %s", task).isZero();
            assertThat(is.getState().getRunning()).as("task %s running", task).isTrue();
        }
    }

    /** @return the session's running containers, by task */
    private Map<String, InspectContainerResponse> containersByTask(DockerClients clients) {
        Map<String, InspectContainerResponse> byTask = new HashMap<>();
        List<com.github.dockerjava.api.model.Container> listed = clients.calls().listContainersCmd()
                .withLabelFilter(Map.of(EngineTestBase.SESSION_LABEL, session)).exec();
        for (com.github.dockerjava.api.model.Container c : listed) {
            byTask.put(c.getLabels().get(Labels.TASK), clients.calls().inspectContainerCmd(c.getId()).exec());
        }
        return byTask;
    }

    private static boolean quietly(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException engineStillComingBack) {
            return false;
        }
    }
}
