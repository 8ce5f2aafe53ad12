package dev.berth.model.internal;

import dev.berth.model.Compatibility;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.TaskDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Facts about the whole task definition that rules for one field need. */
final class ValidationContext {

    private final TaskDefinition td;
    private final boolean fargate;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final List<DependencyCycles.Cycle> cycles;

    ValidationContext(TaskDefinition td) {
        this.td = td;
        this.fargate = td.requiresCompatibilities().contains(Compatibility.FARGATE);
        List<ContainerDefinition> containers = td.containerDefinitions();
        for (int i = 0; i < containers.size(); i++) {
            indexByName.putIfAbsent(containers.get(i).name(), i);
        }
        this.cycles = DependencyCycles.find(containers, indexByName);
    }

    TaskDefinition taskDefinition() {
        return td;
    }

    /** @return whether FARGATE is among the required compatibilities, alone or with others */
    boolean fargate() {
        return fargate;
    }

    /** @return the index of the first container with this name */
    Optional<Integer> indexOf(String containerName) {
        return Optional.ofNullable(indexByName.get(containerName));
    }

    /** @return the dependency cycles reported at container {@code index} */
    List<DependencyCycles.Cycle> cyclesAt(int index) {
        return cycles.stream().filter(c -> c.container() == index).toList();
    }

    /** @return the path of container {@code index}, e.g. {@code containerDefinitions[1]} */
    static String containerPath(int index) {
        return Problems.element("containerDefinitions", index);
    }
}
