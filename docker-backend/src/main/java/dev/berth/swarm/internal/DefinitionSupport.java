package dev.berth.swarm.internal;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.TaskDefinition;
import dev.berth.scheduler.RequiredAttribute;
import dev.berth.spi.TaskDefinitionFeatures;
import java.util.ArrayList;
import java.util.List;

/**
 * What of a task definition Swarm cannot run as ECS would, refused before anything is created, each with the reason:
 * <ul>
 *   <li>{@code restartPolicy} (enabled): ECS restarts a container in place, its file system kept, and only after it
 *       ran {@code restartAttemptPeriod}; Swarm restarts a task as a new container, at once;</li>
 *   <li>{@code pidMode} and {@code ipcMode}: Swarm services cannot share the host's or a task's PID or IPC
 *       namespace;</li>
 *   <li>for a Swarm-managed service: more than one container, since Swarm runs one container per task and cannot
 *       keep a service's containers together (client-scheduled mode can: Berth places each task's containers on one
 *       node);</li>
 *   <li>the fields the Swarm backend does not carry into a service spec yet (volumes and mounts, Linux parameters,
 *       FireLens, {@code privileged}, DNS and host entries, ...): refused by name rather than dropped, so that a task
 *       never runs differently from what its definition says. The Docker backend runs them.</li>
 * </ul>
 * {@code runtimePlatform} is honoured: Berth's placement checks it in client-scheduled mode, and
 * {@link #platformConstraints} gives Swarm the same requirement where Swarm places.
 */
public final class DefinitionSupport {

    private DefinitionSupport() {
    }

    /**
     * @param definition a task definition
     * @param asManagedService whether it is to run as a Swarm-managed service
     * @throws InvalidSpecException naming each field Swarm cannot carry, and why
     */
    public static void check(TaskDefinition definition, boolean asManagedService) {
        List<SpecProblem> problems = new ArrayList<>();
        List<ContainerDefinition> containers = definition.containerDefinitions();
        if (asManagedService && containers.size() > 1) {
            problems.add(new SpecProblem("containerDefinitions", "swarm.service.containers",
                    Integer.toString(containers.size()), "Swarm runs one container per task and cannot keep a"
                    + " service's containers together: a Swarm-managed service takes a definition of one container;"
                    + " use SwarmBackendConfig.Mode.CLIENT_SCHEDULED, where Berth runs each task's containers on one"
                    + " node"));
        }
        definition.pidMode().ifPresent(m -> problems.add(new SpecProblem("pidMode", "swarm.pidMode", m,
                "Swarm services cannot share a PID namespace; remove pidMode")));
        definition.ipcMode().ifPresent(m -> problems.add(new SpecProblem("ipcMode", "swarm.ipcMode", m,
                "Swarm services cannot share an IPC namespace; remove ipcMode")));
        for (int i = 0; i < containers.size(); i++) {
            ContainerDefinition c = containers.get(i);
            if (c.restartPolicy().filter(p -> p.enabled()).isPresent()) {
                problems.add(new SpecProblem("containerDefinitions[" + i + "].restartPolicy", "swarm.restartPolicy",
                        "enabled", "Swarm restarts a container as a new one (its file system lost) and cannot"
                        + " require a minimum run time; ECS restarts it in place. Remove the restartPolicy"));
            }
        }
        TaskDefinitionFeatures.inUse(definition).forEach(path -> problems.add(notCarried(path)));
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("task definition " + definition.family() + " on Docker Swarm", problems);
        }
    }

    /**
     * @param definition a task definition
     * @return its {@code runtimePlatform} as constraints Swarm places by ({@code node.platform.arch},
     *     {@code node.platform.os}); empty without one
     */
    public static List<PlacementConstraint> platformConstraints(TaskDefinition definition) {
        return RequiredAttribute.of(definition).stream()
                .filter(a -> a.name().equals(InstanceAttributes.CPU_ARCHITECTURE)
                        || a.name().equals(InstanceAttributes.OS_TYPE))
                .map(a -> PlacementConstraint.memberOf("attribute:" + a.name() + " == " + a.value().orElseThrow()))
                .toList();
    }

    private static SpecProblem notCarried(String path) {
        return new SpecProblem(path, "swarm.notCarried", "", "the Swarm backend does not carry '" + path
                + "' into a Swarm service yet; remove it, or run the definition on the Docker backend, which does");
    }
}
