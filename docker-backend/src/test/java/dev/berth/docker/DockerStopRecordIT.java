package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.TaskDefinitions;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import dev.berth.model.ArnScope;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.DesiredStatus;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Why Berth stopped a task survives the process: a new backend on the same engine reports the stop code and reason
 * the earlier one stopped the task with (kept on the engine as the task's stop record), and forgetting the task
 * removes that record with the containers.
 */
class DockerStopRecordIT extends EngineTestBase {

    @Test
    void taskStoppedByOneBackend_isReportedWithItsCodeAndReason_byTheNext_andForgetRemovesTheRecord() {
        DockerBackendConfig labelled = config.toBuilder().label(SESSION_LABEL, session).build();
        RegisteredTaskDefinition definition = TaskDefinitions.inMemory(Clock.systemUTC(), ArnScope.local())
                .register(TaskDefinition.builder("stopped-by-berth")
                        .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                                .stopTimeout(Duration.ofSeconds(2)).command("sleep", "300"))
                        .build());
        String taskId = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (DockerBackend first = DockerBackend.create(labelled)) {
            first.startTask(new StartTaskRequest(cluster, taskId, first.containerInstances(cluster).get(0).id(),
                    definition, "family:stopped-by-berth", "", List.of()));
            awaitTask(first, taskId, t -> t.lastStatus() == TaskStatus.RUNNING);
            first.stopTask(cluster, taskId, StopCode.USER_INITIATED, "maintenance window");
            awaitTask(first, taskId, t -> t.lastStatus() == TaskStatus.STOPPED);
        }

        try (DockerBackend next = DockerBackend.create(labelled); DockerClients clients = DockerClients.open(config)) {
            Task stopped = awaitTask(next, taskId, t -> true);

            assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
            assertThat(stopped.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
            assertThat(stopped.stopCode()).contains(StopCode.USER_INITIATED);
            assertThat(stopped.stoppedReason()).contains("maintenance window");
            assertThat(volumesWith(clients, Labels.filter(Labels.TASK, taskId))).hasSize(1);

            next.forgetTask(cluster, taskId);

            assertThat(next.tasks(cluster)).noneMatch(t -> t.taskId().equals(taskId));
            // The containers and the record go on a worker thread after forgetTask returns.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!volumesWith(clients, Labels.filter(Labels.TASK, taskId)).isEmpty()
                    && Instant.now().isBefore(deadline)) {
                sleep(Duration.ofMillis(200));
            }
            assertThat(volumesWith(clients, Labels.filter(Labels.TASK, taskId))).isEmpty();
        }
    }

    private Task awaitTask(DockerBackend backend, String taskId, Predicate<Task> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Optional<Task> last = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            last = backend.tasks(cluster).stream().filter(t -> t.taskId().equals(taskId)).findFirst();
            if (last.isPresent() && condition.test(last.get())) {
                return last.get();
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("task " + taskId + " did not reach the condition within 30 s; last: " + last);
    }
}
