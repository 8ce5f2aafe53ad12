package dev.berth.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.InstanceAttributes;
import dev.berth.model.InstanceRejection;
import dev.berth.model.InstanceStatus;
import dev.berth.model.PlacementFailure;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.Protocol;
import dev.berth.model.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** The placement engine's invariants over generated fleets and requests. */
class PlacementProperties {

    @Provide
    Arbitrary<List<InstanceState>> fleets() {
        return FleetArbitraries.fleets();
    }

    @Provide
    Arbitrary<PlacementRequest> requests() {
        return FleetArbitraries.requests();
    }

    @Property(tries = 500)
    void engine_choosesExactlyWhatAFullScanChooses(@ForAll("fleets") List<InstanceState> fleet,
                                                   @ForAll("requests") PlacementRequest request,
                                                   @ForAll long seed) {
        PlacementResult result = PlacementEngine.placeOnce(request, fleet, seed);

        List<String> expected = new ReferencePlacer(fleet).place(request, seed);
        Statistics.label("outcome").collect(result.isComplete() ? "all placed"
                : result.placements().isEmpty() ? "none placed" : "some placed");
        assertThat(instanceIds(result)).isEqualTo(expected);
        assertThat(result.isComplete()).isEqualTo(expected.size() == request.count());
    }

    @Property(tries = 300)
    void placements_neverOverCommitCpuMemoryOrStaticPorts(@ForAll("fleets") List<InstanceState> fleet,
                                                          @ForAll("requests") PlacementRequest request,
                                                          @ForAll long seed) {
        PlacementResult result = PlacementEngine.placeOnce(request, fleet, seed);

        Map<String, InstanceState> before = byId(fleet);
        Map<String, List<TaskPlacement>> perInstance = result.placements().stream()
                .collect(Collectors.groupingBy(TaskPlacement::instanceId));
        perInstance.forEach((id, placed) -> {
            InstanceState s = before.get(id);
            assertThat(placed.stream().mapToInt(p -> p.reservation().cpu()).sum()).isLessThanOrEqualTo(s.remainingCpu());
            assertThat(placed.stream().mapToInt(p -> p.reservation().memoryMiB()).sum())
                    .isLessThanOrEqualTo(s.remainingMemoryMiB());
            for (Protocol protocol : Protocol.values()) {
                Set<Integer> used = new HashSet<>(s.reservedPorts().ports(protocol));
                for (TaskPlacement p : placed) {
                    for (int port : p.reservation().hostPorts().ports(protocol)) {
                        assertThat(used.add(port)).as("port %s/%s on %s taken twice", port, protocol, id).isTrue();
                    }
                }
            }
        });
    }

    @Property(tries = 300)
    void everyPlacement_satisfiesEveryConstraintAtTheTimeItIsMade(@ForAll("fleets") List<InstanceState> fleet,
                                                                 @ForAll("requests") PlacementRequest request,
                                                                 @ForAll long seed) {
        PlacementResult result = PlacementEngine.placeOnce(request, fleet, seed);

        Map<String, InstanceState> state = byId(fleet);
        for (TaskPlacement placement : result.placements()) {
            InstanceState target = state.get(placement.instanceId());
            assertThat(target.status()).isEqualTo(InstanceStatus.ACTIVE);
            assertThat(target.agentConnected()).isTrue();
            assertThat(request.memberOf()).allMatch(q -> q.matches(target));
            if (request.distinctInstance()) {
                assertThat(target.tasksByGroup()).doesNotContainKey(request.group());
            }
            state.put(target.id(), ReferencePlacer.afterPlacing(target, placement.reservation(), placement.group()));
        }
    }

    @Property(tries = 200)
    void distinctInstance_neverPutsTwoTasksOfTheGroupTogether(@ForAll("fleets") List<InstanceState> fleet,
                                                             @ForAll("requests") PlacementRequest request,
                                                             @ForAll long seed) {
        PlacementRequest distinct = PlacementRequest.builder(request.reservation(), request.group())
                .count(request.count()).strategies(request.strategies())
                .constraint(dev.berth.model.PlacementConstraint.distinctInstance()).build();

        PlacementResult result = PlacementEngine.placeOnce(distinct, fleet, seed);

        Set<String> hosts = new HashSet<>();
        Map<String, InstanceState> before = byId(fleet);
        for (TaskPlacement placement : result.placements()) {
            assertThat(hosts.add(placement.instanceId())).isTrue();
            assertThat(before.get(placement.instanceId()).tasksByGroup()).doesNotContainKey(request.group());
        }
    }

    @Property(tries = 200)
    void spread_keepsZonesWithinOneTask(@ForAll @IntRange(min = 1, max = 30) int instanceCount,
                                        @ForAll @IntRange(min = 1, max = 40) int tasks,
                                        @ForAll @IntRange(min = 1, max = 3) int zones,
                                        @ForAll long seed) {
        List<InstanceState> fleet = new ArrayList<>();
        for (int i = 0; i < instanceCount; i++) {
            fleet.add(InstanceState.builder("i-" + i, 100_000, 100_000)
                    .availabilityZone(FleetArbitraries.ZONES.get(i % zones)).build());
        }
        PlacementRequest request = PlacementRequest.builder(TaskReservation.of(10, 10), "service:web").count(tasks)
                .strategy(PlacementStrategy.spreadByAttribute(InstanceAttributes.AVAILABILITY_ZONE)).build();

        PlacementResult result = PlacementEngine.placeOnce(request, fleet, seed);

        Map<String, InstanceState> byId = byId(fleet);
        Map<String, Long> perZone = result.placements().stream().collect(Collectors.groupingBy(
                p -> byId.get(p.instanceId()).attribute(InstanceAttributes.AVAILABILITY_ZONE).orElseThrow(),
                Collectors.counting()));
        int zonesInFleet = Math.min(zones, instanceCount);
        List<Long> counts = new ArrayList<>(perZone.values());
        while (counts.size() < zonesInFleet) {
            counts.add(0L);
        }
        assertThat(Collections.max(counts) - Collections.min(counts)).isLessThanOrEqualTo(1);
    }

    @Property(tries = 300)
    void binpack_neverChoosesMoreRemainingThanAnotherFeasibleInstance(
            @ForAll("fleets") List<InstanceState> fleet, @ForAll("requests") PlacementRequest request,
            @ForAll boolean byCpu, @ForAll long seed) {
        Resource resource = byCpu ? Resource.CPU : Resource.MEMORY;
        PlacementRequest binpack = PlacementRequest.builder(request.reservation(), request.group())
                .count(request.count()).constraints(request.constraints())
                .strategy(PlacementStrategy.binpack(resource)).build();

        PlacementResult result = PlacementEngine.placeOnce(binpack, fleet, seed);

        Map<String, InstanceState> state = byId(fleet);
        for (TaskPlacement placement : result.placements()) {
            InstanceState chosen = state.get(placement.instanceId());
            assertThat(state.values()).filteredOn(s -> ReferencePlacer.feasible(binpack, s))
                    .allMatch(s -> s.remaining(resource) >= chosen.remaining(resource));
            state.put(chosen.id(), ReferencePlacer.afterPlacing(chosen, placement.reservation(), placement.group()));
        }
    }

    @Property(tries = 200)
    void sameSeed_givesSameResult_whateverTheInputOrder(@ForAll("fleets") List<InstanceState> fleet,
                                                        @ForAll("requests") PlacementRequest request,
                                                        @ForAll long seed, @ForAll Random shuffler) {
        List<InstanceState> shuffled = new ArrayList<>(fleet);
        Collections.shuffle(shuffled, shuffler);

        PlacementResult first = PlacementEngine.placeOnce(request, fleet, seed);
        PlacementResult second = PlacementEngine.placeOnce(request, shuffled, seed);

        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 300)
    void unplaceable_onlyWhenNoInstanceFits_andThenWithAReasonPerInstance(
            @ForAll("fleets") List<InstanceState> fleet, @ForAll("requests") PlacementRequest request,
            @ForAll long seed) {
        PlacementEngine engine = PlacementEngine.of(fleet);
        PlacementResult result = engine.place(request, seed);

        if (result.failure().isEmpty()) {
            assertThat(result.placements()).hasSize(request.count());
            return;
        }
        PlacementFailure failure = result.failure().get();
        assertThat(result.placements().size() + failure.unplacedCount()).isEqualTo(request.count());
        List<InstanceState> after = engine.instances();
        assertThat(after).noneMatch(s -> ReferencePlacer.feasible(request, s));
        assertThat(failure.instances()).extracting(InstanceRejection::instanceId)
                .containsExactlyElementsOf(after.stream().map(InstanceState::id).collect(Collectors.toList()));
        assertThat(failure.instances()).allMatch(i -> !i.rejections().isEmpty());
        assertThat(failure.explanation()).isNotBlank();
        assertThat(failure.ecsMessage("web")).startsWith("service (web) was unable to place a task");
    }

    @Property(tries = 200)
    void drainingInactiveAndDisconnectedInstances_getNothing(@ForAll("fleets") List<InstanceState> fleet,
                                                            @ForAll("requests") PlacementRequest request,
                                                            @ForAll long seed) {
        PlacementResult result = PlacementEngine.placeOnce(request, fleet, seed);

        Map<String, InstanceState> byId = byId(fleet);
        assertThat(result.placements()).allMatch(p -> byId.get(p.instanceId()).status() == InstanceStatus.ACTIVE
                && byId.get(p.instanceId()).agentConnected());
    }

    @Property(tries = 200)
    void keptIndexes_matchFreshOnes_afterEarlierPlacementsAndReleases(
            @ForAll("fleets") List<InstanceState> fleet, @ForAll("requests") PlacementRequest first,
            @ForAll("requests") PlacementRequest second, @ForAll("requests") PlacementRequest probe,
            @ForAll boolean releaseFirst, @ForAll long seed) {
        PlacementEngine engine = PlacementEngine.of(fleet);
        engine.place(probe, seed);  // builds the probe's index, which must then follow every placement and release
        PlacementResult firstPlaced = engine.place(first, seed);
        engine.place(second, seed + 1);
        if (releaseFirst) {
            for (TaskPlacement placement : firstPlaced.placements()) {
                engine.release(placement.instanceId(), placement.reservation(), placement.group());
            }
        }

        List<InstanceState> snapshot = engine.instances();
        PlacementResult kept = engine.place(probe, seed);
        PlacementResult fresh = PlacementEngine.placeOnce(probe, snapshot, seed);

        assertThat(instanceIds(kept)).isEqualTo(instanceIds(fresh));
    }

    private static List<String> instanceIds(PlacementResult result) {
        return result.placements().stream().map(TaskPlacement::instanceId).collect(Collectors.toList());
    }

    private static Map<String, InstanceState> byId(List<InstanceState> fleet) {
        Map<String, InstanceState> map = new HashMap<>();
        fleet.forEach(s -> map.put(s.id(), s));
        return map;
    }
}
