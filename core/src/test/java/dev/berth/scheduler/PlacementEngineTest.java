package dev.berth.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.QuerySyntaxException;
import dev.berth.model.HostPorts;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.InstanceRejection;
import dev.berth.model.InstanceStatus;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementFailure;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RejectionReason;
import dev.berth.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlacementEngineTest {

    private static final TaskReservation SMALL = TaskReservation.of(256, 512);

    private static InstanceState.Builder instance(String id, String zone) {
        return InstanceState.builder(id, 2048, 4096).availabilityZone(zone);
    }

    private static List<String> placedOn(PlacementResult result) {
        return result.placements().stream().map(TaskPlacement::instanceId).collect(Collectors.toList());
    }

    @Test
    void binpackMemory_fillsTheFullestInstanceThatFitsFirst() {
        List<InstanceState> fleet = List.of(
                instance("a", "z1").remaining(2048, 4000).build(),
                instance("b", "z1").remaining(2048, 600).build(),
                instance("c", "z1").remaining(2048, 400).build());
        PlacementRequest request = PlacementRequest.builder(SMALL, "service:web").count(3)
                .strategy(PlacementStrategy.binpack(Resource.MEMORY)).build();

        PlacementResult result = PlacementEngine.placeOnce(request, fleet, 1);

        assertThat(placedOn(result)).containsExactly("b", "a", "a");
    }

    @Test
    void fits_comparesWithWhatIsLeftAfterReservations_andContainsKnowsTheFleet() {
        PlacementEngine engine = PlacementEngine.of(List.of(instance("a", "z1").remaining(512, 1024).build()));

        assertThat(engine.contains("a")).isTrue();
        assertThat(engine.contains("b")).isFalse();
        assertThat(engine.fits("a", TaskReservation.of(512, 1024))).isTrue();
        engine.reserve("a", SMALL, "service:web");
        assertThat(engine.fits("a", TaskReservation.of(512, 1024))).isFalse();
        assertThat(engine.fits("a", SMALL)).isTrue();
        assertThatThrownBy(() -> engine.fits("b", SMALL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serviceDefaults_spreadOverZonesThenInstances() {
        List<InstanceState> fleet = List.of(instance("a1", "z1").build(), instance("a2", "z1").build(),
                instance("b1", "z2").build());
        PlacementRequest request = PlacementRequest.builder(SMALL, "service:web").count(4)
                .strategies(PlacementStrategy.serviceDefaults()).build();

        PlacementResult result = PlacementEngine.placeOnce(request, fleet, 7);

        Map<String, Long> perInstance = result.placements().stream()
                .collect(Collectors.groupingBy(TaskPlacement::instanceId, Collectors.counting()));
        assertThat(perInstance).containsEntry("b1", 2L).containsEntry("a1", 1L).containsEntry("a2", 1L);
    }

    @Test
    void spread_countsTasksAlreadyRunningInTheGroup() {
        List<InstanceState> fleet = List.of(instance("a", "z1").tasksInGroup("service:web", 2).build(),
                instance("b", "z2").build());
        PlacementRequest request = PlacementRequest.builder(SMALL, "service:web").count(2)
                .strategy(PlacementStrategy.spreadByAttribute(InstanceAttributes.AVAILABILITY_ZONE)).build();

        assertThat(placedOn(PlacementEngine.placeOnce(request, fleet, 3))).containsExactly("b", "b");
    }

    @Test
    void staticHostPorts_conflictPerProtocolOnly_andDynamicPortsNeverDo() {
        List<InstanceState> fleet = List.of(instance("a", "z1").reservedPorts(FleetArbitraries.tcp(80)).build());
        PlacementRequest udp80 = PlacementRequest.builder(new TaskReservation(1, 1,
                HostPorts.of(dev.berth.model.Protocol.UDP, 80)), "g").build();
        PlacementRequest tcp80 = PlacementRequest.builder(new TaskReservation(1, 1, FleetArbitraries.tcp(80)), "g")
                .build();

        PlacementEngine engine = PlacementEngine.of(fleet);
        assertThat(engine.place(udp80, 1).isComplete()).isTrue();
        PlacementResult result = engine.place(tcp80, 1);

        assertThat(result.failure()).hasValueSatisfying(f -> {
            assertThat(f.instancesByReason()).containsOnlyKeys(RejectionReason.RESOURCE_PORTS);
            assertThat(f.ecsMessage("web")).isEqualTo("service (web) was unable to place a task because no"
                    + " container instance met all of its requirements. The closest matching container-instance a"
                    + " is already using a port required by your task.");
        });
    }

    @Test
    void placedTasks_reserveTheirPortsForLaterTasksOfTheSameCall() {
        List<InstanceState> fleet = List.of(instance("a", "z1").build(), instance("b", "z1").build());
        PlacementRequest request = PlacementRequest.builder(new TaskReservation(1, 1, FleetArbitraries.tcp(8080)),
                "service:web").count(3).build();

        PlacementResult result = PlacementEngine.placeOnce(request, fleet, 5);

        assertThat(placedOn(result)).containsExactlyInAnyOrder("a", "b");
        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f.unplacedCount()).isEqualTo(1));
    }

    @Test
    void failure_explainsEveryInstance_andCountsReasons() {
        List<InstanceState> fleet = List.of(
                instance("cpu", "z1").remaining(100, 4096).build(),
                instance("mem", "z1").remaining(2048, 100).build(),
                instance("both", "z1").remaining(0, 0).build(),
                instance("drain", "z1").status(InstanceStatus.DRAINING).build(),
                instance("agent", "z1").agentConnected(false).build(),
                instance("zone", "z2").build());
        PlacementRequest request = PlacementRequest.builder(SMALL, "service:web").count(2)
                .memberOf("attribute:ecs.availability-zone == z2").build();
        PlacementRequest fitsNowhere = PlacementRequest.builder(TaskReservation.of(256, 8192), "service:web")
                .memberOf("attribute:ecs.availability-zone == z2").build();

        PlacementResult result = PlacementEngine.placeOnce(fitsNowhere, fleet, 1);
        PlacementResult partly = PlacementEngine.placeOnce(request, fleet, 1);

        PlacementFailure failure = result.failure().orElseThrow();
        assertThat(failure.instances()).extracting(InstanceRejection::instanceId)
                .containsExactly("agent", "both", "cpu", "drain", "mem", "zone");
        assertThat(failure.instancesByReason()).containsExactly(
                Map.entry(RejectionReason.RESOURCE_MEMORY, 4), Map.entry(RejectionReason.ATTRIBUTE, 3),
                Map.entry(RejectionReason.RESOURCE_CPU, 2), Map.entry(RejectionReason.DRAINING, 1),
                Map.entry(RejectionReason.AGENT, 1));
        assertThat(failure.explanation()).isEqualTo("1 task of group service:web could not be placed: none of the"
                + " 6 container instances meets all requirements. Blocking (instances): RESOURCE:MEMORY 4,"
                + " ATTRIBUTE 3 [memberOf(attribute:ecs.availability-zone == z2) 3], RESOURCE:CPU 2, DRAINING 1,"
                + " AGENT 1.");
        assertThat(failure.ecsMessage("web")).endsWith("The closest matching container-instance agent encountered"
                + " error \"AGENT\".");
        assertThat(placedOn(partly)).containsExactly("zone", "zone");
    }

    @Test
    void emptyCluster_saysSo() {
        PlacementResult result = PlacementEngine.placeOnce(PlacementRequest.builder(SMALL, "g").build(), List.of(), 1);

        assertThat(result.failure().orElseThrow().ecsMessage("web")).endsWith(
                "Reason: No Container Instances were found in your cluster.");
        assertThat(result.failure().orElseThrow().explanation()).endsWith("the cluster has no container instances.");
    }

    @Test
    void distinctInstance_and_taskGroupConstraints_seeTasksPlacedEarlierInTheCall() {
        List<InstanceState> fleet = List.of(instance("a", "z1").build(), instance("b", "z1").build());
        PlacementRequest distinct = PlacementRequest.builder(SMALL, "service:web").count(3)
                .constraint(PlacementConstraint.distinctInstance()).build();
        PlacementRequest onlyEmpty = PlacementRequest.builder(SMALL, "service:web").count(3)
                .memberOf("runningTasksCount == 0").build();

        PlacementFailure failure = PlacementEngine.placeOnce(distinct, fleet, 1).failure().orElseThrow();

        assertThat(failure.instancesByReason()).containsOnlyKeys(RejectionReason.DISTINCT_INSTANCE);
        assertThat(PlacementEngine.placeOnce(onlyEmpty, fleet, 1).placements()).hasSize(2);
    }

    @Test
    void placements_areKeptForTheEnginesLaterPlacements() {
        PlacementEngine engine = PlacementEngine.of(List.of(instance("a", "z1").remaining(256, 512).build()));
        PlacementRequest request = PlacementRequest.builder(SMALL, "service:web").build();

        assertThat(placedOn(engine.place(request, 1))).containsExactly("a");
        assertThat(engine.place(request, 2).isComplete()).isFalse();
        assertThat(engine.instances()).singleElement().satisfies(a -> {
            assertThat(a.tasksByGroup()).containsEntry("service:web", 1);
            assertThat(a.remainingMemoryMiB()).isZero();
        });
    }

    @Test
    void sameSeed_sameChoice_differentSeeds_spreadTheChoice() {
        List<InstanceState> fleet = List.of(instance("a", "z1").build(), instance("b", "z1").build(),
                instance("c", "z1").build(), instance("d", "z1").build());
        PlacementRequest request = PlacementRequest.builder(SMALL, "family:batch")
                .strategies(PlacementStrategy.runTaskDefaults()).build();

        assertThat(PlacementEngine.placeOnce(request, fleet, 42)).isEqualTo(PlacementEngine.placeOnce(request, fleet, 42));
        assertThat(java.util.stream.LongStream.range(0, 200)
                .mapToObj(seed -> PlacementEngine.placeOnce(request, fleet, seed).placements().get(0).instanceId())
                .collect(Collectors.toSet())).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void tiesAfterTheLastStrategy_goToDifferentInstancesForDifferentGroups() {
        List<InstanceState> fleet = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> instance("i-" + i, "z" + i % 3).build()).collect(Collectors.toList());

        long distinctFirstChoices = java.util.stream.IntStream.range(0, 10)
                .mapToObj(s -> PlacementRequest.builder(SMALL, "service:s" + s)
                        .strategies(PlacementStrategy.serviceDefaults()).build())
                .map(request -> PlacementEngine.placeOnce(request, fleet, 1).placements().get(0).instanceId())
                .distinct().count();

        assertThat(distinctFirstChoices).isGreaterThan(5);
    }

    @Test
    void requests_enforceEcsLimits_andReportBadExpressionsWithTheirPosition() {
        PlacementRequest.Builder tooMany = PlacementRequest.builder(SMALL, "g");
        for (int i = 0; i < 11; i++) {
            tooMany.memberOf("attribute:a" + i + " exists");
        }
        for (int i = 0; i < 6; i++) {
            tooMany.strategy(PlacementStrategy.random());
        }

        assertThatThrownBy(tooMany::build).isInstanceOfSatisfying(InvalidSpecException.class, e ->
                assertThat(e.problems()).extracting(p -> p.rule())
                        .containsExactly("placementStrategy.limit", "placementConstraints.limit"));
        assertThatThrownBy(() -> PlacementRequest.builder(SMALL, "g").memberOf("attribute:a ==").build())
                .isInstanceOfSatisfying(QuerySyntaxException.class, e -> assertThat(e.position()).isEqualTo(14));
        assertThatThrownBy(() -> PlacementStrategy.spread("cpu")).isInstanceOf(IllegalArgumentException.class);
    }
}
