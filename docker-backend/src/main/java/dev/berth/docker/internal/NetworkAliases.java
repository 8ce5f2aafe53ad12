package dev.berth.docker.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names under which each container is reached on the task's network: its own container name, plus every alias
 * another container gives it with a link {@code name:alias}. A link alias is visible to the whole task, which is
 * more than Docker's legacy links give but never less.
 */
public final class NetworkAliases {

    private NetworkAliases() {
    }

    /**
     * @param definition a task definition
     * @return the aliases of each container, by container name, each list starting with the container's name
     */
    public static Map<String, List<String>> of(TaskDefinition definition) {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        for (ContainerDefinition c : definition.containerDefinitions()) {
            aliases.put(c.name(), new ArrayList<>(List.of(c.name())));
        }
        for (ContainerDefinition c : definition.containerDefinitions()) {
            for (String link : c.links()) {
                int colon = link.indexOf(':');
                String target = colon < 0 ? link : link.substring(0, colon);
                String alias = colon < 0 ? link : link.substring(colon + 1);
                List<String> targetAliases = aliases.get(target);
                if (targetAliases != null && !targetAliases.contains(alias)) {
                    targetAliases.add(alias);
                }
            }
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        aliases.forEach((name, list) -> result.put(name, List.copyOf(list)));
        return Map.copyOf(result);
    }
}
