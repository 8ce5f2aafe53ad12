package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.TaskObservation;
import dev.berth.docker.internal.EngineTask;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code versionConsistency} on the real engine: the tasks of one service deployment run the image its tag named at
 * the deployment's first task, even after the tag moved; a new deployment, or a container with
 * {@code versionConsistency: disabled}, runs what the tag names now.
 */
class DockerVersionConsistencyIT extends EngineTestBase {

    private static final Duration START = Duration.ofSeconds(60);

    private DockerClients clients;
    private String repository;
    private String tagged;
    private String first;

    @BeforeEach
    void tagAnImage() {
        clients = DockerClients.open(config);
        repository = "berth-test/version-pin-" + UUID.randomUUID().toString().substring(0, 8);
        tagged = repository + ":live";
        first = clients.calls().inspectImageCmd(TestImages.BUSYBOX).exec().getId();
        clients.calls().tagImageCmd(TestImages.BUSYBOX, repository, "live").exec();
    }

    @AfterEach
    void removeTheImages() {
        try {
            removeAll(clients, Map.of(SESSION_LABEL, session));
            // By reference, never by ID: before the tag moves it names the shared busybox image, which only loses
            // this tag; after, it names the committed image, which goes.
            clients.calls().removeImageCmd(tagged).exec();
        } finally {
            clients.close();
        }
    }

    /** Moves the tag to a new image (busybox with one more label) and @return that image's ID. */
    private String moveTheTag() {
        String scratch = clients.calls().createContainerCmd(TestImages.BUSYBOX)
                .withLabels(Map.of(SESSION_LABEL, session)).exec().getId();
        try {
            return clients.calls().commitCmd(scratch).withRepository(repository).withTag("live")
                    .withLabels(Map.of("dev.berth.test.version", UUID.randomUUID().toString())).exec();
        } finally {
            clients.calls().removeContainerCmd(scratch).withForce(true).exec();
        }
    }

    private EngineTask serviceTask(TaskDefinition definition, String deployment) {
        return serviceTask("pinned", definition, deployment);
    }

    private EngineTask serviceTask(String service, TaskDefinition definition, String deployment) {
        String taskId = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new EngineTask(taskId, cluster, definition, definition.family() + ":1", "service:" + service,
                deployment, Instant.now(), List.of(), Map.of(SESSION_LABEL, session));
    }

    /** Starts the task, waits for its container to run and @return the image ID it runs. */
    private String imageRunBy(EngineTask request) {
        engine.start(request);
        TaskObservation running = await(request.taskId(), START, t -> t.container("app")
                .filter(c -> c.status() == TaskStatus.RUNNING).isPresent());
        assertThat(running.taskId()).isEqualTo(request.taskId());
        List<Container> containers = containersWith(clients, Map.of("dev.berth.task", request.taskId()));
        assertThat(containers).hasSize(1);
        return containers.get(0).getImageId();
    }

    private TaskDefinition definition(ContainerDefinition.VersionConsistency consistency) {
        return TaskDefinition.builder("pinned").container(c -> c.name("app").image(tagged).memoryMiB(16)
                .versionConsistency(consistency).command("sleep", "300")).build();
    }

    @Test
    void enabled_theDeploymentsLaterTasksRunItsFirstImage_aNewDeploymentRunsTheMovedTag() {
        TaskDefinition pinned = definition(ContainerDefinition.VersionConsistency.ENABLED);

        assertThat(imageRunBy(serviceTask(pinned, "ecs-svc/1111"))).isEqualTo(first);
        String moved = moveTheTag();
        assertThat(moved).isNotEqualTo(first);

        assertThat(imageRunBy(serviceTask(pinned, "ecs-svc/1111"))).as("same deployment").isEqualTo(first);
        assertThat(imageRunBy(serviceTask(pinned, "ecs-svc/2222"))).as("next deployment").isEqualTo(moved);
    }

    @Test
    void disabled_everyTaskRunsWhatTheTagNamesNow() {
        TaskDefinition unpinned = definition(ContainerDefinition.VersionConsistency.DISABLED);

        assertThat(imageRunBy(serviceTask(unpinned, "ecs-svc/3333"))).isEqualTo(first);
        String moved = moveTheTag();

        assertThat(imageRunBy(serviceTask(unpinned, "ecs-svc/3333"))).isEqualTo(moved);
    }

    @Test
    void enabled_aPinBelongsToItsService_notToAnotherWithTheSameDeploymentIdAndContainerName() {
        TaskDefinition pinned = definition(ContainerDefinition.VersionConsistency.ENABLED);
        String moved = moveTheTag();
        TaskDefinition other = TaskDefinition.builder("other").container(c -> c.name("app")
                .image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "300")).build();

        // Deployment IDs are numbered per service: both services' first deployment is ecs-svc/1.
        assertThat(imageRunBy(serviceTask("pinned", pinned, "ecs-svc/1"))).isEqualTo(moved);
        assertThat(imageRunBy(serviceTask("other", other, "ecs-svc/1"))).as("the other service's own image")
                .isEqualTo(first);
    }
}
