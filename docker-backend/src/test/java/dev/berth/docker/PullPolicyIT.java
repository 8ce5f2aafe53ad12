package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.internal.TaskObservation;
import dev.berth.model.TaskDefinition;
import dev.berth.task.StopCode;
import dev.berth.task.TaskStatus;
import org.junit.jupiter.api.Test;

/** Pull policy NEVER on the real engine: present images run, a missing one fails the start and says why. */
class PullPolicyIT extends EngineTestBase {

    @Override
    protected DockerBackendConfig configure(DockerBackendConfig discovered) {
        return super.configure(discovered).toBuilder().pullPolicy(ImagePullPolicy.NEVER).build();
    }

    @Test
    void start_missingImageWithPolicyNever_stopsWithTaskFailedToStartAndAClearReason() {
        TaskDefinition td = TaskDefinition.builder("missing-image")
                .container(c -> c.name("app").image(TestImages.MISSING).memoryMiB(16))
                .build();

        TaskObservation task = engine.start(request(td));

        assertThat(task.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(task.stopCode()).contains(StopCode.TASK_FAILED_TO_START);
        assertThat(task.stoppedReason().orElseThrow()).isEqualTo("CannotPullContainerError: Image '"
                + TestImages.MISSING + "' is not present on the Docker engine and the pull policy is NEVER: build or"
                + " pull it on the engine first, or use IF_NOT_PRESENT");
        assertThat(engine.observe(task.taskId())).isEmpty();
    }

    @Test
    void start_presentImageWithPolicyNever_runs() {
        TaskDefinition td = TaskDefinition.builder("present-image")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300"))
                .build();

        TaskObservation task = engine.start(request(td));

        assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
    }
}
