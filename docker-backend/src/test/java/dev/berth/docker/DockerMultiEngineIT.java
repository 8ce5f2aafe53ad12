package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Service;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.Labels;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.scheduler.InstanceState;
import dev.berth.service.ReconcilerSettings;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.ContainerInstance;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One backend over two engines: the local engine listed twice under two instance ids and zones. Each is its own
 * container instance, tasks start on the instance the scheduler chose (spread across the zones), and observation
 * merges both without listing a task twice.
 */
@RequiresDockerEngine
class DockerMultiEngineIT {

    private static final ReconcilerSettings FAST = new ReconcilerSettings(Duration.ofSeconds(1),
            Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMinutes(1));

    private final String session = "multi-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerBackendConfig local;
    private DockerBackend backend;
    private Berth berth;
    private Cluster cluster;

    @BeforeEach
    void setUp() {
        local = DockerBackendConfig.fromEnvironment().toBuilder()
                .pollInterval(Duration.ofMillis(200))
                .label(EngineTestBase.SESSION_LABEL, session)
                .build();
        backend = DockerBackend.create(List.of(
                local.toBuilder().instanceId("engine-a").availabilityZone("zone-a").build(),
                local.toBuilder().instanceId("engine-b").availabilityZone("zone-b").build()));
        berth = Berth.builder(backend).reconcilerSettings(FAST).build();
        cluster = berth.clusters().create(session);
    }

    @AfterEach
    void tearDown() {
        berth.close();
        try (DockerClients clients = DockerClients.open(local)) {
            EngineTestBase.removeAll(clients, Map.of(EngineTestBase.SESSION_LABEL, session));
        }
    }

    @Test
    void twoEngines_areTwoInstances_withTheirOwnIdsAndZones() {
        List<ContainerInstance> instances = backend.containerInstances(session);

        assertThat(instances).extracting(ContainerInstance::id).containsExactly("engine-a", "engine-b");
        assertThat(instances).extracting(i -> i.attributes().get(InstanceAttributes.AVAILABILITY_ZONE))
                .containsExactly("zone-a", "zone-b");
        assertThat(instances).allSatisfy(i -> {
            assertThat(i.agentConnected()).isTrue();
            assertThat(i.cpu()).isPositive();
        });
    }

    @Test
    void service_spreadsAcrossTheEngines_andEachTaskRunsWhereTheSchedulerPutIt() {
        berth.taskDefinitions().register(TaskDefinition.builder("spread")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .stopTimeout(Duration.ofSeconds(2)).command("sleep", "300"))
                .build());
        Service spread = cluster.services().create(ServiceSpec.builder("spread", TaskDefinitionRef.latest("spread"))
                .desiredCount(4).build());

        spread.awaitSteady(Duration.ofSeconds(90));

        List<Task> running = backend.tasks(session).stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING)
                .toList();
        assertThat(running).hasSize(4);
        assertThat(running).extracting(Task::taskId).doesNotHaveDuplicates();
        assertThat(running).extracting(Task::containerInstanceId)
                .containsOnly("engine-a", "engine-b").contains("engine-a", "engine-b");
        try (DockerClients clients = DockerClients.open(local)) {
            for (Task task : running) {
                assertThat(EngineTestBase.containersWith(clients, Map.of(Labels.TASK, task.taskId())))
                        .singleElement().satisfies(c -> assertThat(c.getLabels())
                                .containsEntry(Labels.INSTANCE, task.containerInstanceId()));
            }
        }

        spread.scale(0);
        spread.awaitSteady(Duration.ofSeconds(60));
        assertThat(backend.tasks(session)).noneMatch(t -> t.lastStatus() == TaskStatus.RUNNING);
    }
}
