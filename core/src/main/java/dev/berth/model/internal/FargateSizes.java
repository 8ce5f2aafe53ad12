package dev.berth.model.internal;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The task sizes Fargate offers
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html): for each task cpu value,
 * the task memory values in MiB allowed with it.
 */
final class FargateSizes {

    private static final Map<Integer, Set<Integer>> MEMORY_BY_CPU = Map.of(
            256, Set.of(512, 1024, 2048),
            512, steps(1024, 4096, 1024),
            1024, steps(2048, 8192, 1024),
            2048, steps(4096, 16384, 1024),
            4096, steps(8192, 30720, 1024),
            8192, steps(16384, 61440, 4096),
            16384, steps(32768, 122880, 8192));

    private FargateSizes() {
    }

    /** @return whether Fargate has a size with this task cpu */
    static boolean isCpu(int cpu) {
        return MEMORY_BY_CPU.containsKey(cpu);
    }

    /** @return whether Fargate has a size with this task cpu and memory */
    static boolean isSize(int cpu, int memoryMiB) {
        return MEMORY_BY_CPU.getOrDefault(cpu, Set.of()).contains(memoryMiB);
    }

    private static Set<Integer> steps(int min, int max, int step) {
        return IntStream.iterate(min, m -> m <= max, m -> m + step).boxed().collect(Collectors.toUnmodifiableSet());
    }
}
