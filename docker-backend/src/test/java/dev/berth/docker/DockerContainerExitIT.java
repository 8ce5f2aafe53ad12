package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Container;
import dev.berth.api.TaskDefinitions;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import dev.berth.model.ArnScope;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.RestartPolicy;
import dev.berth.model.TaskDefinition;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.ContainerState;
import dev.berth.task.DesiredStatus;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a container's exit does to its task, through the backend's SPI on the real engine: a non-essential exit
 * changes nothing else, an essential exit stops the task with ECS's code and reason, and {@code restartPolicy}
 * restarts a container in place only when its exit code is not ignored and it ran at least
 * {@code restartAttemptPeriod} (ECS's minimum, 60 s, so the restart test takes a little over a minute).
 */
class DockerContainerExitIT extends EngineTestBase {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
    /** A shell that waits for {@code /exit-code} to appear, then exits with the code written in it. */
    private static final String EXIT_ON_DEMAND =
            "trap 'exit 0' TERM; while [ ! -f /exit-code ]; do sleep 0.2; done; exit $(cat /exit-code)";

    private final TaskDefinitions definitions = TaskDefinitions.inMemory(Clock.systemUTC(), ArnScope.local());
    private DockerBackend backend;
    private DockerClients clients;

    @BeforeEach
    void createBackend() {
        backend = DockerBackend.create(config.toBuilder().label(SESSION_LABEL, session).build());
        clients = DockerClients.open(config);
    }

    @AfterEach
    void closeBackend() {
        backend.close();
        clients.close();
    }

    @Test
    void nonEssentialExit_leavesTheTaskRunning_whileAnEssentialExitStopsIt() {
        Task task = start(definitions.register(TaskDefinition.builder("exits")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).stopTimeout(STOP_TIMEOUT)
                        .command("sh", "-c", EXIT_ON_DEMAND))
                .container(c -> c.name("job").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .stopTimeout(STOP_TIMEOUT).command("sh", "-c", EXIT_ON_DEMAND))
                .build()));
        awaitTask(task.taskId(), t -> t.lastStatus() == TaskStatus.RUNNING);

        exitContainer(task.taskId(), "job", 7);
        Task afterJob = awaitTask(task.taskId(), t -> container(t, "job").lastStatus() == TaskStatus.STOPPED);
        sleep(Duration.ofSeconds(1));
        Task later = awaitTask(task.taskId(), t -> true);

        for (Task t : List.of(afterJob, later)) {
            assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(t.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
            assertThat(t.stopCode()).isEmpty();
            assertThat(container(t, "job").exitCode()).hasValue(7);
            assertThat(container(t, "app").lastStatus()).isEqualTo(TaskStatus.RUNNING);
        }

        exitContainer(task.taskId(), "app", 5);
        Task stopped = awaitTask(task.taskId(), t -> t.lastStatus() == TaskStatus.STOPPED);

        assertThat(stopped.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(stopped.stopCode()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(stopped.stoppedReason()).contains("Essential container in task exited");
        assertThat(container(stopped, "app").exitCode()).hasValue(5);
        assertThat(container(stopped, "job").exitCode()).hasValue(7);
    }

    @Test
    void restartPolicy_restartsInPlace_onlyAfterThePeriod_andNotForAnIgnoredCode() {
        Duration period = Duration.ofSeconds(60);
        // First run: mark the container's own file system, run past the period, exit 1. A restart in place finds the
        // mark and runs on.
        String crashOnceAfterThePeriod = "if [ -f /ran-once ]; then echo second run; exec sleep 300; fi;"
                + " touch /ran-once; echo first run; sleep " + (period.toSeconds() + 1) + "; exit 1";
        Task restarted = start(restartingDefinition("restarts", crashOnceAfterThePeriod,
                new RestartPolicy(true, List.of(), Optional.of(period))));
        Task ignored = start(restartingDefinition("ignored", crashOnceAfterThePeriod,
                new RestartPolicy(true, List.of(1), Optional.of(period))));
        Task tooEarly = start(restartingDefinition("too-early", "sleep 1; exit 1",
                new RestartPolicy(true, List.of(), Optional.of(period))));

        Task early = awaitTask(tooEarly.taskId(), t -> t.lastStatus() == TaskStatus.STOPPED);
        assertThat(early.stopCode()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(container(early, "app").exitCode()).hasValue(1);

        Task notRestarted = awaitTask(ignored.taskId(), Duration.ofSeconds(period.toSeconds() + 30),
                t -> t.lastStatus() == TaskStatus.STOPPED);
        assertThat(notRestarted.stopCode()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(container(notRestarted, "app").exitCode()).hasValue(1);

        String before = containerIds(restarted.taskId()).get(0);
        Task again = awaitTask(restarted.taskId(), Duration.ofSeconds(20),
                t -> backend.logs(cluster, t.taskId(), "app", 10).contains("second run"));
        assertThat(again.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(again.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        assertThat(again.stopCode()).isEmpty();
        assertThat(container(again, "app").lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(containerIds(restarted.taskId())).containsExactly(before);
        assertThat(backend.logs(cluster, restarted.taskId(), "app", 10)).containsSubsequence("first run", "second run");
    }

    private RegisteredTaskDefinition restartingDefinition(String family, String script, RestartPolicy policy) {
        return definitions.register(TaskDefinition.builder(family)
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).stopTimeout(STOP_TIMEOUT)
                        .restartPolicy(policy).command("sh", "-c", "trap 'exit 0' TERM; " + script))
                .build());
    }

    private Task start(RegisteredTaskDefinition definition) {
        String instanceId = backend.containerInstances(cluster).get(0).id();
        String taskId = "x" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return backend.startTask(new StartTaskRequest(cluster, taskId, instanceId, definition,
                "family:" + definition.definition().family(), "", List.of()));
    }

    /** Writes the exit code the container's {@link #EXIT_ON_DEMAND} loop waits for. */
    private void exitContainer(String taskId, String containerName, int exitCode) {
        String id = clients.calls().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.TASK, taskId, Labels.CONTAINER, containerName)).exec().get(0).getId();
        ExecCreateCmdResponse exec = clients.calls().execCreateCmd(id)
                .withCmd("sh", "-c", "echo " + exitCode + " > /exit-code").exec();
        try {
            clients.calls().execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<>())
                    .awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private List<String> containerIds(String taskId) {
        return clients.calls().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.TASK, taskId))
                .exec().stream().map(Container::getId).toList();
    }

    private Task awaitTask(String taskId, Predicate<Task> condition) {
        return awaitTask(taskId, Duration.ofSeconds(20), condition);
    }

    private Task awaitTask(String taskId, Duration timeout, Predicate<Task> condition) {
        Instant deadline = Instant.now().plus(timeout);
        Task last = null;
        while (Instant.now().isBefore(deadline)) {
            // every call also applies restart policies and essential exits, as the reconciler's passes do
            List<Task> tasks = backend.tasks(cluster);
            last = tasks.stream().filter(t -> t.taskId().equals(taskId)).findFirst().orElse(null);
            if (last != null && condition.test(last)) {
                return last;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("task " + taskId + " did not reach the condition within " + timeout + "; last: "
                + last);
    }

    private static ContainerState container(Task task, String name) {
        return task.containers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("task " + task.taskId() + " has no container " + name));
    }
}
