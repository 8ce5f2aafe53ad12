package dev.berth.scheduler;

import dev.berth.model.PlacementStrategy;
import dev.berth.model.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Chooses which tasks to stop when a service shrinks (ECS follows the service's placement strategies,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html), one at a time, so each
 * choice sees the ones before it. The service's strategies apply in order, later ones breaking ties:
 * {@code spread(attribute:X)} stops in the value with the most of the service's tasks, {@code spread(instanceId)} on
 * the instance with the most, {@code binpack(R)} the task whose removal leaves its instance with the most free R,
 * {@code random} any. Remaining ties are broken by a draw from the seed. With no strategies, ECS's service default
 * applies: the availability zone with the most tasks, then the instance there with the most.
 */
public final class ScaleInSelector {

    private ScaleInSelector() {
    }

    /**
     * @param tasks the service's tasks
     * @param instances the instances they run on (others are ignored)
     * @param strategies the service's placement strategies; empty for ECS's default
     * @param count how many tasks to stop, at most {@code tasks.size()}
     * @param seed breaks ties; the same inputs and seed give the same result
     * @return the tasks to stop, in the order chosen
     * @throws IllegalArgumentException if {@code count} is out of range or a task's instance is missing
     */
    public static List<RunningTask> select(Collection<RunningTask> tasks, Collection<InstanceState> instances,
                                           List<PlacementStrategy> strategies, int count, long seed) {
        if (count < 0 || count > tasks.size()) {
            throw new IllegalArgumentException("can stop 0 to " + tasks.size() + " tasks, asked for " + count);
        }
        Map<String, InstanceState> byId = instances.stream()
                .collect(Collectors.toMap(InstanceState::id, Function.identity(), (a, b) -> a));
        for (RunningTask task : tasks) {
            if (!byId.containsKey(task.instanceId())) {
                throw new IllegalArgumentException("task " + task.taskId() + " runs on unknown instance "
                        + task.instanceId());
            }
        }
        List<PlacementStrategy> effective = strategies.isEmpty() ? PlacementStrategy.serviceDefaults() : strategies;
        List<RunningTask> left = new ArrayList<>(tasks);
        left.sort(Comparator.comparing(RunningTask::taskId));
        Map<String, int[]> freed = new HashMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        List<RunningTask> victims = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RunningTask victim = pick(left, byId, freed, effective, random);
            left.remove(victim);
            int[] extra = freed.computeIfAbsent(victim.instanceId(), id -> new int[2]);
            extra[0] += victim.reservation().cpu();
            extra[1] += victim.reservation().memoryMiB();
            victims.add(victim);
        }
        return victims;
    }

    private static RunningTask pick(List<RunningTask> left, Map<String, InstanceState> instances,
                                    Map<String, int[]> freed, List<PlacementStrategy> strategies,
                                    SplittableRandom random) {
        Map<String, Long> perInstance = left.stream()
                .collect(Collectors.groupingBy(RunningTask::instanceId, Collectors.counting()));
        Map<String, Map<Optional<String>, Long>> perValue = new HashMap<>();
        for (PlacementStrategy strategy : strategies) {
            strategy.spreadAttribute().ifPresent(attribute -> perValue.put(attribute, left.stream().collect(
                    Collectors.groupingBy(t -> instances.get(t.instanceId()).attribute(attribute),
                            Collectors.counting()))));
        }
        RunningTask best = null;
        long[] bestKey = null;
        for (RunningTask task : left) {
            long[] key = new long[strategies.size() + 1];
            for (int s = 0; s < strategies.size(); s++) {
                key[s] = victimKey(strategies.get(s), task, instances, freed, perInstance, perValue, random);
            }
            key[strategies.size()] = random.nextLong();
            if (best == null || compare(key, bestKey) < 0) {
                best = task;
                bestKey = key;
            }
        }
        return best;
    }

    /** Lower keys are stopped first. */
    private static long victimKey(PlacementStrategy strategy, RunningTask task, Map<String, InstanceState> instances,
                                  Map<String, int[]> freed, Map<String, Long> perInstance,
                                  Map<String, Map<Optional<String>, Long>> perValue, SplittableRandom random) {
        if (strategy.type() == PlacementStrategy.Type.RANDOM) {
            return random.nextLong();
        }
        Optional<Resource> binpack = strategy.binpackResource();
        if (binpack.isPresent()) {
            Resource resource = binpack.get();
            int[] extra = freed.getOrDefault(task.instanceId(), new int[2]);
            long free = instances.get(task.instanceId()).remaining(resource) + task.reservation().amount(resource)
                    + extra[resource == Resource.CPU ? 0 : 1];
            return -free;
        }
        Optional<String> attribute = strategy.spreadAttribute();
        if (attribute.isPresent()) {
            return -perValue.get(attribute.get()).get(instances.get(task.instanceId()).attribute(attribute.get()));
        }
        return -perInstance.get(task.instanceId());
    }

    private static int compare(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Long.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
