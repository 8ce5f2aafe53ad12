package dev.berth.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.Protocol;
import dev.berth.task.ContainerState;
import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.NetworkBinding;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Container;

/**
 * ECS's task shape to Berth's. moto's tasks have only the first container, no stopCode, no timestamps, no health and no
 * network bindings (moto/ecs/models.py), so these cases are built by hand as real ECS reports them.
 */
class TaskMapperTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant SEEN = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void stoppedTask_mapsStatusesStopCodeExitCodesAndBindings() {
        var ecs = software.amazon.awssdk.services.ecs.model.Task.builder()
                .taskArn("arn:aws:ecs:eu-west-1:1:task/c/abc").containerInstanceArn("arn:ci/1")
                .group("service:web").startedBy("ecs-svc/1").lastStatus("STOPPED").desiredStatus("STOPPED")
                .healthStatus("UNHEALTHY").createdAt(CREATED).startedAt(CREATED.plusSeconds(5))
                .stoppedAt(CREATED.plusSeconds(60)).stopCode("EssentialContainerExited")
                .stoppedReason("Essential container in task exited")
                .containers(Container.builder().name("app").lastStatus("STOPPED").exitCode(3).healthStatus("UNHEALTHY")
                                .reason("boom").networkBindings(b -> b.containerPort(8080).hostPort(49153)
                                        .protocol("tcp").bindIP("0.0.0.0")).build(),
                        Container.builder().name("side").lastStatus("STOPPED").exitCode(137).build())
                .build();

        Task task = TaskMapper.toBerth(ecs, "t-1", "c", "arn:berth:td/web:1", SEEN, Optional.empty());

        assertThat(task.taskId()).isEqualTo("t-1");
        assertThat(task.containerInstanceId()).isEqualTo("arn:ci/1");
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(task.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(task.healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(task.createdAt()).isEqualTo(CREATED);
        assertThat(task.startedAt()).contains(CREATED.plusSeconds(5));
        assertThat(task.stopCode()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(task.containers()).extracting(ContainerState::name, c -> c.exitCode().getAsInt())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("app", 3),
                        org.assertj.core.groups.Tuple.tuple("side", 137));
        assertThat(task.containers().get(0).networkBindings())
                .containsExactly(new NetworkBinding(8080, 49153, Protocol.TCP, "0.0.0.0"));
    }

    @Test
    void userInitiatedStop_reportsTheStopCodeBerthAskedFor() {
        // Every StopTask is UserInitiated in ECS; Berth's scheduler stops are ServiceSchedulerInitiated in Berth.
        var ecs = software.amazon.awssdk.services.ecs.model.Task.builder().taskArn("a").lastStatus("STOPPING")
                .desiredStatus("STOPPED").stopCode("UserInitiated").build();

        assertThat(TaskMapper.toBerth(ecs, "t", "c", "td", SEEN, Optional.of(StopCode.SERVICE_SCHEDULER_INITIATED))
                .stopCode()).contains(StopCode.SERVICE_SCHEDULER_INITIATED);
        assertThat(TaskMapper.toBerth(ecs, "t", "c", "td", SEEN, Optional.empty()).stopCode())
                .contains(StopCode.USER_INITIATED);
    }

    @Test
    void runningTask_withoutTimestamps_isCreatedWhenFirstSeen() {
        var ecs = software.amazon.awssdk.services.ecs.model.Task.builder().taskArn("a").lastStatus("PROVISIONING")
                .desiredStatus("RUNNING").build();

        Task task = TaskMapper.toBerth(ecs, "t", "c", "td", SEEN, Optional.of(StopCode.USER_INITIATED));

        assertThat(task.createdAt()).isEqualTo(SEEN);
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.PROVISIONING);
        assertThat(task.stopCode()).as("no stop was requested of a task still wanted").isEmpty();
        assertThat(task.containerInstanceId()).isEqualTo(TaskMapper.NO_INSTANCE);
    }

    @Test
    void stopCodesWithoutBerthMeaning_areLeftToTheReason() {
        var ecs = software.amazon.awssdk.services.ecs.model.Task.builder().taskArn("a").lastStatus("DELETED")
                .desiredStatus("STOPPED").stopCode("SpotInterruption").stoppedReason("Spot capacity reclaimed").build();

        Task task = TaskMapper.toBerth(ecs, "t", "c", "td", SEEN, Optional.empty());

        assertThat(task.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(task.stopCode()).isEmpty();
        assertThat(task.stoppedReason()).contains("Spot capacity reclaimed");
    }
}
