package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Berth;
import dev.berth.api.Tasks;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.DependencyCondition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What stays readable of a task that failed to start, through Berth's API on the real engine: the logs of the
 * containers that ran, until the task is forgotten (docs/backends.md), and a reason where a container never ran.
 */
class StoppedTaskLogsIT extends ServiceTestBase {

    @Test
    void failedStart_keepsTheLogsOfTheContainersThatRan_untilTheTaskIsForgotten() {
        DockerBackend backend = DockerBackend.create(config);
        Berth berth = open(berth(backend));
        berth.taskDefinitions().register(TaskDefinition.builder("content-then-app")
                .container(c -> c.name("content").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .command("sh", "-c", "echo fetching content; echo content server unreachable >&2; exit 3"))
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .dependsOn("content", DependencyCondition.SUCCESS).command("sleep", "300"))
                .build());
        Tasks tasks = berth.clusters().getOrCreate("logs-" + session).tasks();
        String taskId = tasks.run(RunTaskRequest.builder(TaskDefinitionRef.latest("content-then-app")).build())
                .tasks().get(0).taskId();

        tasks.awaitStopped(List.of(taskId), Duration.ofSeconds(60));
        Task stopped = tasks.describe(taskId);

        assertThat(stopped.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
        assertThat(stopped.failedToStart()).isTrue();
        assertThat(tasks.logs(taskId, "content", 20))
                .containsExactlyInAnyOrder("fetching content", "content server unreachable");
        assertThatThrownBy(() -> tasks.logs(taskId, "app", 20)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("the container never ran").hasMessageContaining("'content' exited with code 3");
        // Later observations report it as it stopped, not as its remaining containers look.
        assertThat(tasks.describe(taskId).stopCode()).contains(StopCode.TASK_FAILED_TO_START);

        backend.forgetTask("logs-" + session, taskId);

        assertThat(DockerCleanup.find(config, EngineTestBase.SESSION_LABEL, session)).isEmpty();
    }
}
