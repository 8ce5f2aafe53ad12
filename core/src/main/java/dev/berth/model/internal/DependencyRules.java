package dev.berth.model.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.DependencyCondition;
import java.util.Optional;

/**
 * ECS's rules for a container's {@code dependsOn}
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html): the target exists and is
 * another container, COMPLETE and SUCCESS targets are not essential, HEALTHY targets have a health check, and (Berth's
 * addition) no cycles.
 */
final class DependencyRules {

    private DependencyRules() {
    }

    static void check(ValidationContext context, int index, Problems problems) {
        String path = ValidationContext.containerPath(index) + ".dependsOn";
        ContainerDefinition container = context.taskDefinition().containerDefinitions().get(index);
        for (int i = 0; i < container.dependsOn().size(); i++) {
            checkDependency(context, container, container.dependsOn().get(i), Problems.element(path, i), problems);
        }
        for (DependencyCycles.Cycle cycle : context.cyclesAt(index)) {
            problems.add(Problems.element(path, cycle.dependency()), Rule.DEPENDENCY_CYCLE, cycle.text(),
                    cycle.text());
        }
    }

    private static void checkDependency(ValidationContext context, ContainerDefinition container,
                                        ContainerDependency dependency, String path, Problems problems) {
        String targetName = dependency.containerName();
        Optional<Integer> target = context.indexOf(targetName);
        if (target.isEmpty()) {
            problems.add(path + ".containerName", Rule.DEPENDENCY_UNKNOWN, targetName, targetName);
            return;
        }
        if (targetName.equals(container.name())) {
            problems.add(path + ".containerName", Rule.DEPENDENCY_ON_ITSELF, targetName);
            return;
        }
        ContainerDefinition targetContainer = context.taskDefinition().containerDefinitions().get(target.get());
        DependencyCondition condition = dependency.condition();
        boolean needsExit = condition == DependencyCondition.COMPLETE || condition == DependencyCondition.SUCCESS;
        if (needsExit && targetContainer.essential()) {
            problems.add(path + ".condition", Rule.DEPENDENCY_ON_ESSENTIAL, condition);
        }
        if (condition == DependencyCondition.HEALTHY && targetContainer.healthCheck().isEmpty()) {
            problems.add(path + ".condition", Rule.DEPENDENCY_HEALTHY_WITHOUT_CHECK, condition, targetName);
        }
    }
}
