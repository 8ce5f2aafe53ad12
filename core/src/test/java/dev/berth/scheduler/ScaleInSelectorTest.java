package dev.berth.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.InstanceAttributes;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.Resource;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScaleInSelectorTest {

    private static final TaskReservation SMALL = TaskReservation.of(256, 512);

    private static final List<InstanceState> FLEET = List.of(
            InstanceState.builder("a1", 2048, 4096).availabilityZone("z1").remaining(1024, 3000).build(),
            InstanceState.builder("a2", 2048, 4096).availabilityZone("z1").remaining(1024, 1000).build(),
            InstanceState.builder("b1", 2048, 4096).availabilityZone("z2").remaining(1024, 2000).build());

    private static final List<RunningTask> TASKS = List.of(
            new RunningTask("t1", "a1", SMALL), new RunningTask("t2", "a1", SMALL),
            new RunningTask("t3", "a2", SMALL), new RunningTask("t4", "b1", SMALL),
            new RunningTask("t5", "a1", SMALL));

    private static List<String> ids(List<RunningTask> tasks) {
        return tasks.stream().map(RunningTask::taskId).collect(Collectors.toList());
    }

    @Test
    void serviceDefault_stopsInTheBusiestZoneOnItsBusiestInstance() {
        List<RunningTask> victims = ScaleInSelector.select(TASKS, FLEET, List.of(), 3, 1);

        assertThat(victims.subList(0, 2)).extracting(RunningTask::instanceId).containsExactly("a1", "a1");
        assertThat(victims.get(2).instanceId()).isIn("a1", "a2");
    }

    @Test
    void binpack_stopsWhereRemovalLeavesTheMostFree() {
        List<RunningTask> victims = ScaleInSelector.select(TASKS, FLEET,
                List.of(PlacementStrategy.binpack(Resource.MEMORY)), 2, 1);

        assertThat(victims).extracting(RunningTask::instanceId).containsExactly("a1", "a1");
    }

    @Test
    void spreadByZone_keepsZonesBalanced_andIsDeterministicPerSeed() {
        List<PlacementStrategy> spread = List.of(PlacementStrategy.spreadByAttribute(InstanceAttributes.AVAILABILITY_ZONE));

        List<RunningTask> victims = ScaleInSelector.select(TASKS, FLEET, spread, 3, 9);

        assertThat(victims).extracting(RunningTask::instanceId).allMatch(id -> id.startsWith("a"));
        assertThat(ids(ScaleInSelector.select(TASKS, FLEET, spread, 3, 9))).isEqualTo(ids(victims));
        assertThat(ScaleInSelector.select(TASKS, FLEET, spread, 5, 9)).hasSize(5);
    }
}
