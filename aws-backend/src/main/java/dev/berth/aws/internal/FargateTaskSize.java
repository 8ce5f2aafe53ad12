package dev.berth.aws.internal;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.Compatibility;
import dev.berth.model.NetworkMode;
import dev.berth.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Checks, before any call, that a definition can run on Fargate (ecs-semantics 1.8): FARGATE among its
 * requiresCompatibilities, {@code awsvpc}, and a task-level cpu/memory pair Fargate offers. ECS would refuse the call
 * with a less precise message; this names the field and the sizes allowed.
 */
public final class FargateTaskSize {

    private static final Map<Integer, List<Integer>> MEMORY_BY_CPU = new TreeMap<>(Map.of(
            256, List.of(512, 1024, 2048),
            512, steps(1024, 4096, 1024),
            1024, steps(2048, 8192, 1024),
            2048, steps(4096, 16384, 1024),
            4096, steps(8192, 30720, 1024),
            8192, steps(16384, 61440, 4096),
            16384, steps(32768, 122880, 8192)));

    private FargateTaskSize() {
    }

    /**
     * @param definition what is to run on Fargate
     * @throws InvalidSpecException naming each field that keeps it from Fargate
     */
    public static void requireRunnable(TaskDefinition definition) {
        List<SpecProblem> problems = new ArrayList<>();
        if (!definition.requiresCompatibilities().contains(Compatibility.FARGATE)) {
            problems.add(new SpecProblem("requiresCompatibilities", "fargate.compatibility",
                    definition.requiresCompatibilities().toString(),
                    "add FARGATE to requiresCompatibilities so that ECS validates the definition for Fargate"));
        }
        if (definition.networkMode() != NetworkMode.AWSVPC) {
            problems.add(new SpecProblem("networkMode", "fargate.networkMode", definition.networkMode().ecsName(),
                    "Fargate tasks use networkMode awsvpc"));
        }
        if (definition.cpu().isEmpty()) {
            problems.add(new SpecProblem("cpu", "fargate.cpu", "",
                    "Fargate requires that 'cpu' be defined at the task level; one of " + MEMORY_BY_CPU.keySet()));
        } else if (!MEMORY_BY_CPU.containsKey(definition.cpu().getAsInt())) {
            problems.add(new SpecProblem("cpu", "fargate.cpu", String.valueOf(definition.cpu().getAsInt()),
                    "Fargate offers task cpu " + MEMORY_BY_CPU.keySet()));
        }
        if (definition.memoryMiB().isEmpty()) {
            problems.add(new SpecProblem("memory", "fargate.memory", "",
                    "Fargate requires that 'memory' be defined at the task level"));
        } else if (definition.cpu().isPresent() && MEMORY_BY_CPU.containsKey(definition.cpu().getAsInt())) {
            int cpu = definition.cpu().getAsInt();
            int memory = definition.memoryMiB().getAsInt();
            List<Integer> allowed = MEMORY_BY_CPU.get(cpu);
            if (!allowed.contains(memory)) {
                problems.add(new SpecProblem("memory", "fargate.memory", String.valueOf(memory),
                        "No Fargate configuration exists for given values: " + cpu + " CPU, " + memory
                                + " memory. With " + cpu + " CPU Fargate offers " + describe(allowed) + " MiB"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("task definition '" + definition.family() + "' for Fargate", problems);
        }
    }

    private static String describe(List<Integer> allowed) {
        if (allowed.size() <= 3) {
            return allowed.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return allowed.get(0) + " to " + allowed.get(allowed.size() - 1) + " in steps of "
                + (allowed.get(1) - allowed.get(0));
    }

    private static List<Integer> steps(int min, int max, int step) {
        return IntStream.iterate(min, m -> m <= max, m -> m + step).boxed().toList();
    }
}
