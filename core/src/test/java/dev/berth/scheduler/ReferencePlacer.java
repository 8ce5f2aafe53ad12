package dev.berth.scheduler;

import dev.berth.model.InstanceStatus;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.Resource;
import dev.berth.scheduler.internal.Slot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The test oracle: ECS placement written the obvious way, scanning every instance for every task and
 * rebuilding instance states as it goes. The engine must give exactly its answers.
 */
final class ReferencePlacer {

    private final Map<String, InstanceState> fleet = new LinkedHashMap<>();

    ReferencePlacer(List<InstanceState> instances) {
        instances.forEach(i -> fleet.put(i.id(), i));
    }

    /** @return the instance ids chosen, in order; fewer than the count when a task fit nowhere */
    List<String> place(PlacementRequest request, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < request.count(); i++) {
            long start = random.nextLong();
            Optional<InstanceState> best = fleet.values().stream().filter(s -> feasible(request, s))
                    .min((a, b) -> compare(request, a, b, start));
            if (best.isEmpty()) {
                break;
            }
            fleet.put(best.get().id(), afterPlacing(best.get(), request.reservation(), request.group()));
            chosen.add(best.get().id());
        }
        return chosen;
    }

    InstanceState instance(String id) {
        return fleet.get(id);
    }

    List<InstanceState> instances() {
        return List.copyOf(fleet.values());
    }

    static boolean feasible(PlacementRequest request, InstanceState s) {
        TaskReservation r = request.reservation();
        return s.status() == InstanceStatus.ACTIVE && s.agentConnected()
                && s.remainingCpu() >= r.cpu() && s.remainingMemoryMiB() >= r.memoryMiB()
                && !s.reservedPorts().overlaps(r.hostPorts())
                && request.memberOf().stream().allMatch(q -> q.matches(s))
                && (!request.distinctInstance() || !s.tasksByGroup().containsKey(request.group()));
    }

    static InstanceState afterPlacing(InstanceState s, TaskReservation r, String group) {
        return s.toBuilder()
                .remaining(s.remainingCpu() - r.cpu(), s.remainingMemoryMiB() - r.memoryMiB())
                .reservedPorts(s.reservedPorts().plus(r.hostPorts()))
                .runningTasksCount(s.runningTasksCount() + 1)
                .tasksInGroup(group, s.tasksByGroup().getOrDefault(group, 0) + 1)
                .build();
    }

    /** Strategies in order; {@code random} ends them, going up from the draw in the group's tie order. */
    private int compare(PlacementRequest request, InstanceState a, InstanceState b, long start) {
        for (PlacementStrategy strategy : request.strategies()) {
            if (strategy.type() == PlacementStrategy.Type.RANDOM) {
                return Long.compareUnsigned(tieOrder(a, request) - start, tieOrder(b, request) - start);
            }
            int c = Long.compare(key(strategy, request.group(), a), key(strategy, request.group(), b));
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(tieOrder(a, request), tieOrder(b, request));
    }

    /** The group's fixed pseudo-random permutation of instances, written out independently of the engine. */
    private static long tieOrder(InstanceState s, PlacementRequest request) {
        long h = Slot.rankOf(s.id()) ^ Slot.rankOf(request.group());
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    private long key(PlacementStrategy strategy, String group, InstanceState s) {
        Optional<Resource> binpack = strategy.binpackResource();
        if (binpack.isPresent()) {
            return s.remaining(binpack.get());
        }
        Optional<String> attribute = strategy.spreadAttribute();
        if (attribute.isPresent()) {
            Optional<String> value = s.attribute(attribute.get());
            return fleet.values().stream().filter(o -> o.attribute(attribute.get()).equals(value))
                    .mapToLong(o -> o.tasksByGroup().getOrDefault(group, 0)).sum();
        }
        return s.tasksByGroup().getOrDefault(group, 0);
    }
}
