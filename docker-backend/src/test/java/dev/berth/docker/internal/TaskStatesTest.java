package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TaskStatesTest {

    private static final Map<String, String> LABELS = Map.of(Labels.TASK, "t1", Labels.CLUSTER, "dev",
            Labels.TASK_DEFINITION, "web:1", Labels.SERVICE, "web");

    private static ContainerObservation c(String name, boolean essential, ContainerStatus status,
                                          HealthStatus health, boolean checked) {
        return new ContainerObservation(name, name, essential, status, health, checked,
                status == ContainerStatus.STOPPED ? OptionalInt.of(1) : OptionalInt.empty(), Optional.empty(),
                List.of(), Optional.empty());
    }

    @Test
    void derive_allRunning_isRunningAndCarriesLabels() {
        TaskObservation t = TaskStates.derive(LABELS, List.of(c("a", true, ContainerStatus.RUNNING,
                HealthStatus.UNKNOWN, false)));

        assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(t.desiredStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(t.stopCode()).isEmpty();
        assertThat(t.service()).contains("web");
        assertThat(t.deployment()).isEmpty();
    }

    @Test
    void derive_essentialExited_wantsStopWithEcsReason_nonEssentialExitDoesNot() {
        TaskObservation essential = TaskStates.derive(LABELS, List.of(
                c("a", true, ContainerStatus.STOPPED, HealthStatus.UNKNOWN, false),
                c("b", false, ContainerStatus.RUNNING, HealthStatus.UNKNOWN, false)));
        TaskObservation sidecar = TaskStates.derive(LABELS, List.of(
                c("a", true, ContainerStatus.RUNNING, HealthStatus.UNKNOWN, false),
                c("b", false, ContainerStatus.STOPPED, HealthStatus.UNKNOWN, false)));

        assertThat(essential.desiredStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(essential.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(essential.stopCode()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(essential.stoppedReason()).contains("Essential container in task exited");
        assertThat(sidecar.desiredStatus()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void health_foldsEssentialContainersWithChecks_unhealthyBeforeUnknownBeforeHealthy() {
        var healthy = c("a", true, ContainerStatus.RUNNING, HealthStatus.HEALTHY, true);
        var unknown = c("b", true, ContainerStatus.RUNNING, HealthStatus.UNKNOWN, true);
        var unhealthy = c("c", true, ContainerStatus.RUNNING, HealthStatus.UNHEALTHY, true);
        var unhealthySidecar = c("d", false, ContainerStatus.RUNNING, HealthStatus.UNHEALTHY, true);
        var unchecked = c("e", true, ContainerStatus.RUNNING, HealthStatus.UNKNOWN, false);

        assertThat(TaskStates.health(List.of(healthy, unknown, unhealthy))).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(TaskStates.health(List.of(healthy, unknown))).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(TaskStates.health(List.of(healthy, unhealthySidecar, unchecked))).isEqualTo(HealthStatus.HEALTHY);
        assertThat(TaskStates.health(List.of(unchecked))).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void stopCode_ecsName_isEcsSpelling() {
        assertThat(StopCode.TASK_FAILED_TO_START.ecsName()).isEqualTo("TaskFailedToStart");
        assertThat(StopCode.ESSENTIAL_CONTAINER_EXITED.ecsName()).isEqualTo("EssentialContainerExited");
    }
}
