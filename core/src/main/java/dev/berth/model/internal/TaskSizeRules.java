package dev.berth.model.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.TaskDefinition;
import java.util.List;
import java.util.OptionalInt;

/**
 * Rules for the task-level {@code cpu} and {@code memory}
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html): Fargate's sizes when
 * FARGATE is required, otherwise ECS's EC2 range; and the containers' reservations must fit into the task.
 */
final class TaskSizeRules {

    private static final int MIN_CPU = 128;
    private static final int MAX_CPU = 196_608;
    private static final int MIN_MEMORY_MIB = 6;

    private TaskSizeRules() {
    }

    static void check(ValidationContext context, Problems problems) {
        TaskDefinition td = context.taskDefinition();
        checkCpu(context, td.cpu(), td.memoryMiB(), problems);
        checkMemory(context, td.cpu(), td.memoryMiB(), problems);
    }

    private static void checkCpu(ValidationContext context, OptionalInt cpu, OptionalInt memory, Problems problems) {
        if (context.fargate()) {
            if (cpu.isEmpty()) {
                problems.add("cpu", Rule.FARGATE_CPU_REQUIRED, "");
            } else if (!FargateSizes.isCpu(cpu.getAsInt())) {
                problems.add("cpu", Rule.FARGATE_SIZE, cpu.getAsInt(), cpu.getAsInt(), text(memory));
            }
        } else if (cpu.isPresent() && (cpu.getAsInt() < MIN_CPU || cpu.getAsInt() > MAX_CPU)) {
            problems.add("cpu", Rule.CPU_RANGE, cpu.getAsInt());
        }
        List<ContainerDefinition> containers = context.taskDefinition().containerDefinitions();
        long containerCpu = containers.stream().mapToLong(c -> Math.max(0, c.cpu())).sum();
        if (cpu.isPresent() && containerCpu > cpu.getAsInt()) {
            problems.add("cpu", Rule.CPU_BELOW_CONTAINER_SUM, cpu.getAsInt(), containerCpu);
        }
    }

    private static void checkMemory(ValidationContext context, OptionalInt cpu, OptionalInt memory,
                                    Problems problems) {
        if (context.fargate()) {
            if (memory.isEmpty()) {
                problems.add("memory", Rule.FARGATE_MEMORY_REQUIRED, "");
            } else if (cpu.isPresent() && FargateSizes.isCpu(cpu.getAsInt())
                    && !FargateSizes.isSize(cpu.getAsInt(), memory.getAsInt())) {
                problems.add("memory", Rule.FARGATE_SIZE, memory.getAsInt(), cpu.getAsInt(), memory.getAsInt());
            }
        } else if (memory.isPresent() && memory.getAsInt() < MIN_MEMORY_MIB) {
            problems.add("memory", Rule.MEMORY_TASK_MINIMUM, memory.getAsInt());
        }
        checkContainerMemorySum(context, memory, problems);
    }

    /**
     * The sum of the containers' hard limits must fit into the task memory. When one container alone is over,
     * that container's own problem says so and the sum is not reported again.
     */
    private static void checkContainerMemorySum(ValidationContext context, OptionalInt memory, Problems problems) {
        if (memory.isEmpty()) {
            return;
        }
        int taskMemory = memory.getAsInt();
        List<ContainerDefinition> containers = context.taskDefinition().containerDefinitions();
        boolean oneIsOver = containers.stream().anyMatch(c -> c.memoryMiB().orElse(0) > taskMemory);
        long sum = containers.stream().mapToLong(c -> Math.max(0, c.memoryMiB().orElse(0))).sum();
        if (!oneIsOver && sum > taskMemory) {
            problems.add("memory", Rule.MEMORY_BELOW_CONTAINER_SUM, taskMemory, sum);
        }
    }

    private static String text(OptionalInt value) {
        return value.isPresent() ? String.valueOf(value.getAsInt()) : "no";
    }
}
