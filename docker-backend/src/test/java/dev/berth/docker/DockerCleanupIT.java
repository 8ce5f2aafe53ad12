package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Berth;
import dev.berth.api.Tasks;
import dev.berth.docker.DockerCleanup.Kind;
import dev.berth.docker.DockerCleanup.Resource;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public clean-up by label on the real engine: what a test's own {@code @AfterEach} calls. */
class DockerCleanupIT extends ServiceTestBase {

    @Test
    void remove_takesEveryLabelledContainerNetworkAndStopRecord_andNothingElse() {
        String other = EngineTestBase.newSession("other");
        DockerBackendConfig otherConfig = config.toBuilder().label(EngineTestBase.SESSION_LABEL, other).build();
        try {
            removeOnlyTheLabelled(otherConfig, other);
        } finally {
            // The bystander's tasks keep running after its Berth closes: the other session's clean-up, as its test's.
            DockerCleanup.remove(config, EngineTestBase.SESSION_LABEL, other);
        }
    }

    private void removeOnlyTheLabelled(DockerBackendConfig otherConfig, String other) {
        Berth berth = open(berth(DockerBackend.create(config)));
        Berth bystander = open(berth(DockerBackend.create(otherConfig)));
        try {
            removeOnlyTheLabelled(berth, bystander, other);
        } finally {
            // Closed before its session's clean-up: a Berth still open would record the stop of the tasks that
            // clean-up removes, after it (NothingLeftBehindIT found such a stop record once).
            close(bystander);
        }
    }

    private void removeOnlyTheLabelled(Berth berth, Berth bystander, String other) {
        TaskDefinition pair = TaskDefinition.builder("pair")
                .container(c -> c.name("a").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300"))
                .container(c -> c.name("b").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300"))
                .build();
        berth.taskDefinitions().register(pair);
        bystander.taskDefinitions().register(pair);
        Tasks mine = berth.clusters().getOrCreate("cleanup-" + session).tasks();
        Tasks theirs = bystander.clusters().getOrCreate("cleanup-" + other).tasks();
        String running = runOne(mine);
        String stopped = runOne(mine);
        String bystanding = runOne(theirs);
        mine.awaitRunning(List.of(running, stopped), Duration.ofSeconds(60));
        theirs.awaitRunning(List.of(bystanding), Duration.ofSeconds(60));
        mine.stop(stopped, "to leave a stop record");
        mine.awaitStopped(List.of(stopped), Duration.ofSeconds(60));

        List<Resource> found = DockerCleanup.find(config, EngineTestBase.SESSION_LABEL, session);
        assertThat(found).extracting(Resource::kind)
                .containsExactlyInAnyOrder(Kind.CONTAINER, Kind.CONTAINER, Kind.CONTAINER, Kind.CONTAINER,
                        Kind.NETWORK, Kind.NETWORK, Kind.VOLUME);
        assertThat(found).allSatisfy(r -> assertThat(r.labels()).containsEntry(EngineTestBase.SESSION_LABEL, session));

        List<Resource> removed = DockerCleanup.remove(config, EngineTestBase.SESSION_LABEL, session);

        assertThat(removed).containsExactlyInAnyOrderElementsOf(found);
        assertThat(DockerCleanup.find(config, EngineTestBase.SESSION_LABEL, session)).isEmpty();
        assertThat(DockerCleanup.find(config, EngineTestBase.SESSION_LABEL)).extracting(r -> r.labels()
                .get(EngineTestBase.SESSION_LABEL)).contains(other).doesNotContain(session);
        assertThat(theirs.describe(bystanding).lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(DockerCleanup.remove(config, EngineTestBase.SESSION_LABEL, session)).isEmpty();
    }

    @Test
    void aKeyWithAValueInIt_isRejectedWithTheFix() {
        assertThatThrownBy(() -> DockerCleanup.find(config, "my.session=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without '='");
    }

    private static String runOne(Tasks tasks) {
        return tasks.run(RunTaskRequest.builder(TaskDefinitionRef.latest("pair")).build()).tasks().get(0).taskId();
    }
}
