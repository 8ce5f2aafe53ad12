package dev.berth.model.internal;

import dev.berth.model.ContainerDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds cycles in the {@code dependsOn} graph of a task definition, which ECS does not document but which could
 * never start. Dependencies on unknown containers or on the container itself are left to their own rules.
 *
 * <p>One cycle is reported per group of containers that depend on each other (strongly connected component):
 * the shortest cycle through the group's first container.
 */
final class DependencyCycles {

    /**
     * A cycle of dependencies.
     *
     * @param container index of the group's first container, where the cycle is reported
     * @param dependency index in that container's {@code dependsOn} of the first edge of the cycle
     * @param names the container names along the cycle, first and last equal
     */
    record Cycle(int container, int dependency, List<String> names) {
        String text() {
            return String.join(" -> ", names);
        }
    }

    private final List<ContainerDefinition> containers;
    private final List<List<Integer>> edges = new ArrayList<>();

    private DependencyCycles(List<ContainerDefinition> containers, Map<String, Integer> indexByName) {
        this.containers = containers;
        for (int i = 0; i < containers.size(); i++) {
            List<Integer> targets = new ArrayList<>();
            for (var dependency : containers.get(i).dependsOn()) {
                Integer target = indexByName.get(dependency.containerName());
                targets.add(target == null || target == i ? -1 : target);
            }
            edges.add(targets);
        }
    }

    /**
     * @param containers the containers of a task definition
     * @param indexByName index of the first container of each name
     * @return one cycle per group of mutually dependent containers, in container order
     */
    static List<Cycle> find(List<ContainerDefinition> containers, Map<String, Integer> indexByName) {
        return new DependencyCycles(containers, indexByName).find();
    }

    private List<Cycle> find() {
        int n = containers.size();
        List<BitSet> reachable = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            reachable.add(reachableFrom(i));
        }
        BitSet reported = new BitSet(n);
        List<Cycle> cycles = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (reported.get(start) || !reachable.get(start).get(start)) {
                continue;
            }
            BitSet group = new BitSet(n);
            for (int other = 0; other < n; other++) {
                if (reachable.get(start).get(other) && reachable.get(other).get(start)) {
                    group.set(other);
                }
            }
            reported.or(group);
            shortestCycleThrough(start, group).ifPresent(cycles::add);
        }
        return cycles;
    }

    private BitSet reachableFrom(int start) {
        BitSet seen = new BitSet();
        Deque<Integer> pending = new ArrayDeque<>(List.of(start));
        while (!pending.isEmpty()) {
            for (int target : edges.get(pending.pop())) {
                if (target >= 0 && !seen.get(target)) {
                    seen.set(target);
                    pending.push(target);
                }
            }
        }
        return seen;
    }

    /** Breadth-first search from {@code start} back to itself inside {@code group}. */
    private Optional<Cycle> shortestCycleThrough(int start, BitSet group) {
        int[] previous = new int[containers.size()];
        Arrays.fill(previous, -1);
        Deque<Integer> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            int current = queue.poll();
            for (int target : edges.get(current)) {
                if (target == start) {
                    return Optional.of(cycleEndingAt(start, current, previous));
                }
                if (target >= 0 && target != start && group.get(target) && previous[target] < 0) {
                    previous[target] = current;
                    queue.add(target);
                }
            }
        }
        return Optional.empty();
    }

    private Cycle cycleEndingAt(int start, int last, int[] previous) {
        List<Integer> path = new ArrayList<>();
        for (int node = last; node != start; node = previous[node]) {
            path.add(0, node);
        }
        path.add(0, start);
        path.add(start);
        int dependency = edges.get(start).indexOf(path.get(1));
        List<String> names = path.stream().map(i -> containers.get(i).name()).toList();
        return new Cycle(start, dependency, names);
    }
}
