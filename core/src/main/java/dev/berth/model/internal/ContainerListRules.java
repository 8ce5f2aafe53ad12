package dev.berth.model.internal;

import dev.berth.model.ContainerDefinition;
import java.util.List;

/** Rules for {@code containerDefinitions} as a whole (count, an essential container), then each container. */
final class ContainerListRules {

    private static final int MAX_CONTAINERS = 10;
    private static final String PATH = "containerDefinitions";

    private ContainerListRules() {
    }

    static void check(ValidationContext context, Problems problems) {
        List<ContainerDefinition> containers = context.taskDefinition().containerDefinitions();
        if (containers.isEmpty()) {
            problems.add(PATH, Rule.CONTAINERS_EMPTY, "");
            return;
        }
        if (containers.size() > MAX_CONTAINERS) {
            problems.add(PATH, Rule.CONTAINERS_TOO_MANY, containers.size(), containers.size());
        }
        if (containers.stream().noneMatch(ContainerDefinition::essential)) {
            problems.add(PATH, Rule.ESSENTIAL_MISSING, "");
        }
        PortMappingRules portMappingRules = new PortMappingRules(context.taskDefinition().networkMode());
        ContainerRules containerRules = new ContainerRules(context, portMappingRules, problems);
        for (int i = 0; i < containers.size(); i++) {
            containerRules.check(i);
        }
    }
}
