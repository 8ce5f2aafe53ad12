package dev.berth.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.HostPorts;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.TaskDefinition;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskReservationTest {

    @Test
    void withoutTaskLevelSizes_sumsContainerCpuAndReservationElseMemory() {
        TaskDefinition definition = TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox").cpu(256).memoryMiB(512).memoryReservationMiB(128)
                        .portMapping(80, 8080).portMapping(PortMapping.of(53, 53).withProtocol(Protocol.UDP))
                        .portMapping(9000))
                .container(c -> c.name("side").image("busybox").cpu(128).memoryMiB(64))
                .build();

        TaskReservation reservation = TaskReservation.of(definition);

        assertThat(reservation.cpu()).isEqualTo(384);
        assertThat(reservation.memoryMiB()).isEqualTo(192);
        assertThat(reservation.hostPorts()).isEqualTo(new HostPorts(Set.of(8080), Set.of(53)));
    }

    @Test
    void taskLevelSizes_win_andHostModeReservesContainerPorts() {
        TaskDefinition definition = TaskDefinition.builder("web").cpu(512).memoryMiB(1024)
                .networkMode(NetworkMode.HOST)
                .container(c -> c.name("app").image("busybox").cpu(128).memoryMiB(256).portMapping(8080))
                .build();

        TaskReservation reservation = TaskReservation.of(definition);

        assertThat(reservation).isEqualTo(new TaskReservation(512, 1024, HostPorts.of(Protocol.TCP, 8080)));
    }

    @Test
    void awsvpcTasks_reserveNoHostPorts() {
        TaskDefinition definition = TaskDefinition.builder("web").networkMode(NetworkMode.AWSVPC)
                .container(c -> c.name("app").image("busybox").memoryMiB(256).portMapping(8080))
                .build();

        assertThat(TaskReservation.of(definition).hostPorts().isEmpty()).isTrue();
    }
}
