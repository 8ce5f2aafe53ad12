package dev.berth.docker.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.TaskDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The containers' depth in the {@code dependsOn} graph: 0 for a container without dependencies, else one more than
 * its deepest dependency. Starting goes shallowest first (each container still waits for its own conditions);
 * stopping goes deepest first, the reverse of ECS's start order.
 */
public final class DependencyOrder {

    private final Map<String, Integer> levels;
    private final List<ContainerDefinition> startOrder;

    private DependencyOrder(Map<String, Integer> levels, List<ContainerDefinition> startOrder) {
        this.levels = levels;
        this.startOrder = startOrder;
    }

    /**
     * @param definition a task definition
     * @return its dependency order
     * @throws IllegalArgumentException if a dependency names no container of the task or the graph has a cycle
     *     (a validated task definition has neither)
     */
    public static DependencyOrder of(TaskDefinition definition) {
        Map<String, ContainerDefinition> byName = new HashMap<>();
        definition.containerDefinitions().forEach(c -> byName.put(c.name(), c));
        Map<String, Integer> levels = new HashMap<>();
        for (ContainerDefinition c : definition.containerDefinitions()) {
            level(c, byName, levels, new HashSet<>());
        }
        List<ContainerDefinition> order = new ArrayList<>(definition.containerDefinitions());
        order.sort(Comparator.comparingInt(c -> levels.get(c.name())));
        return new DependencyOrder(Map.copyOf(levels), List.copyOf(order));
    }

    private static int level(ContainerDefinition c, Map<String, ContainerDefinition> byName,
                             Map<String, Integer> levels, Set<String> visiting) {
        Integer known = levels.get(c.name());
        if (known != null) {
            return known;
        }
        if (!visiting.add(c.name())) {
            throw new IllegalArgumentException("dependsOn has a cycle through container '" + c.name() + "'");
        }
        int level = 0;
        for (ContainerDependency d : c.dependsOn()) {
            ContainerDefinition target = byName.get(d.containerName());
            if (target == null) {
                throw new IllegalArgumentException("container '" + c.name() + "' depends on unknown container '"
                        + d.containerName() + "'");
            }
            level = Math.max(level, level(target, byName, levels, visiting) + 1);
        }
        visiting.remove(c.name());
        levels.put(c.name(), level);
        return level;
    }

    /**
     * @param containerName a container of the task
     * @return its depth, 0 for a container without dependencies
     * @throws IllegalArgumentException if the task has no such container
     */
    public int level(String containerName) {
        Integer level = levels.get(containerName);
        if (level == null) {
            throw new IllegalArgumentException("no container '" + containerName + "' in the task");
        }
        return level;
    }

    /** @return the containers, shallowest first, in definition order within a depth */
    public List<ContainerDefinition> startOrder() {
        return startOrder;
    }
}
