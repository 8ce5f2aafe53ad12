package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.task.DesiredStatus;
import dev.berth.task.HealthStatus;
import dev.berth.task.StopCode;
import dev.berth.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TaskStatesTest {

    private static final Map<String, String> LABELS = Map.of(Labels.TASK, "t1", Labels.CLUSTER, "dev",
            Labels.TASK_DEFINITION, "web:1", Labels.GROUP, "service:web", Labels.STARTED_BY, "ecs-svc/1",
            Labels.CREATED_AT, "2026-01-01T00:00:00Z");

    private static ContainerObservation c(String name, boolean essential, TaskStatus status,
                                          HealthStatus health, boolean checked) {
        return new ContainerObservation(name, name, essential, status, health, checked,
                status == TaskStatus.STOPPED ? OptionalInt.of(1) : OptionalInt.empty(), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty());
    }

    @Test
    void derive_allRunning_isRunningAndCarriesLabels() {
        TaskObservation t = TaskStates.derive(LABELS, List.of(c("a", true, TaskStatus.RUNNING,
                HealthStatus.UNKNOWN, false)));

        assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(t.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        assertThat(t.stopCode()).isEmpty();
        assertThat(t.group()).isEqualTo("service:web");
        assertThat(t.startedBy()).isEqualTo("ecs-svc/1");
        assertThat(t.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void derive_essentialExited_wantsStopWithEcsReason_nonEssentialExitDoesNot() {
        TaskObservation essential = TaskStates.derive(LABELS, List.of(
                c("a", true, TaskStatus.STOPPED, HealthStatus.UNKNOWN, false),
                c("b", false, TaskStatus.RUNNING, HealthStatus.UNKNOWN, false)));
        TaskObservation sidecar = TaskStates.derive(LABELS, List.of(
                c("a", true, TaskStatus.RUNNING, HealthStatus.UNKNOWN, false),
                c("b", false, TaskStatus.STOPPED, HealthStatus.UNKNOWN, false)));

        assertThat(essential.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
        assertThat(essential.essentialExitedWhileOthersRun()).isTrue();
        assertThat(essential.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(essential.stopCode()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(essential.stoppedReason()).contains("Essential container in task exited");
        assertThat(sidecar.desiredStatus()).isEqualTo(DesiredStatus.RUNNING);
        assertThat(sidecar.essentialExitedWhileOthersRun()).isFalse();
    }

    @Test
    void derive_health_foldsEssentialContainersWithChecks_unhealthyBeforeUnknownBeforeHealthy() {
        var healthy = c("a", true, TaskStatus.RUNNING, HealthStatus.HEALTHY, true);
        var unknown = c("b", true, TaskStatus.RUNNING, HealthStatus.UNKNOWN, true);
        var unhealthy = c("c", true, TaskStatus.RUNNING, HealthStatus.UNHEALTHY, true);
        var unhealthySidecar = c("d", false, TaskStatus.RUNNING, HealthStatus.UNHEALTHY, true);
        var unchecked = c("e", true, TaskStatus.RUNNING, HealthStatus.UNKNOWN, false);

        assertThat(health(healthy, unknown, unhealthy)).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(health(healthy, unknown)).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(health(healthy, unhealthySidecar, unchecked)).isEqualTo(HealthStatus.HEALTHY);
        assertThat(health(unchecked)).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void startedAt_isEmptyUntilEveryContainerStarted() {
        Instant t1 = Instant.parse("2026-01-01T00:00:01Z");
        Instant t2 = Instant.parse("2026-01-01T00:00:02Z");
        var started = new ContainerObservation("a", "a", true, TaskStatus.RUNNING, HealthStatus.UNKNOWN, false,
                OptionalInt.empty(), Optional.empty(), List.of(), Optional.of(t1), Optional.empty());
        var later = new ContainerObservation("b", "b", true, TaskStatus.RUNNING, HealthStatus.UNKNOWN, false,
                OptionalInt.empty(), Optional.empty(), List.of(), Optional.of(t2), Optional.empty());
        var created = c("c", true, TaskStatus.PENDING, HealthStatus.UNKNOWN, false);

        assertThat(TaskStates.derive(LABELS, List.of(started, later)).startedAt()).contains(t2);
        assertThat(TaskStates.derive(LABELS, List.of(started, created)).startedAt()).isEmpty();
    }

    private static HealthStatus health(ContainerObservation... containers) {
        return TaskStates.derive(LABELS, List.of(containers)).health();
    }
}
