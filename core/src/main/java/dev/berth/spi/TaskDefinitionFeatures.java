package dev.berth.spi;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional host and storage features a task definition uses, by field path: volumes and mounts, Linux
 * parameters, FireLens, DNS and host entries, privileges and the like. A backend that does not carry one of them
 * to its peer refuses the definition naming the path, rather than running it differently from what it says. The
 * Docker backend carries them all.
 */
public final class TaskDefinitionFeatures {

    private TaskDefinitionFeatures() {
    }

    /**
     * @param definition a task definition
     * @return the paths of the features it uses, e.g. {@code volumes}, {@code containerDefinitions[0].mountPoints},
     *     in the definition's order
     */
    public static List<String> inUse(TaskDefinition definition) {
        List<String> paths = new ArrayList<>();
        Map<String, Boolean> task = new LinkedHashMap<>();
        task.put("volumes", !definition.volumes().isEmpty());
        task.put("proxyConfiguration", definition.proxyConfiguration().isPresent());
        task.put("inferenceAccelerators", !definition.inferenceAccelerators().isEmpty());
        task.put("enableFaultInjection", definition.enableFaultInjection());
        addPresent(task, "", paths);
        List<ContainerDefinition> containers = definition.containerDefinitions();
        for (int i = 0; i < containers.size(); i++) {
            addPresent(containerFeatures(containers.get(i)), "containerDefinitions[" + i + "].", paths);
        }
        return List.copyOf(paths);
    }

    private static Map<String, Boolean> containerFeatures(ContainerDefinition c) {
        Map<String, Boolean> fields = new LinkedHashMap<>();
        fields.put("repositoryCredentials", c.repositoryCredentials().isPresent());
        fields.put("environmentFiles", !c.environmentFiles().isEmpty());
        fields.put("mountPoints", !c.mountPoints().isEmpty());
        fields.put("volumesFrom", !c.volumesFrom().isEmpty());
        fields.put("linuxParameters", c.linuxParameters().isPresent());
        fields.put("hostname", c.hostname().isPresent());
        fields.put("disableNetworking", c.disableNetworking());
        fields.put("privileged", c.privileged());
        fields.put("readonlyRootFilesystem", c.readonlyRootFilesystem());
        fields.put("dnsServers", !c.dnsServers().isEmpty());
        fields.put("dnsSearchDomains", !c.dnsSearchDomains().isEmpty());
        fields.put("extraHosts", !c.extraHosts().isEmpty());
        fields.put("dockerSecurityOptions", !c.dockerSecurityOptions().isEmpty());
        fields.put("interactive", c.interactive());
        fields.put("pseudoTerminal", c.pseudoTerminal());
        fields.put("systemControls", !c.systemControls().isEmpty());
        fields.put("resourceRequirements", !c.resourceRequirements().isEmpty());
        fields.put("firelensConfiguration", c.firelensConfiguration().isPresent());
        fields.put("credentialSpecs", !c.credentialSpecs().isEmpty());
        fields.put("portMappings.containerPortRange",
                c.portMappings().stream().anyMatch(m -> m.containerPortRange().isPresent()));
        return fields;
    }

    private static void addPresent(Map<String, Boolean> fields, String prefix, List<String> paths) {
        fields.forEach((field, present) -> {
            if (present) {
                paths.add(prefix + field);
            }
        });
    }
}
