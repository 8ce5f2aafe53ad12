package dev.berth.swarm.internal;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.TaskDefinition;
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
 *       node).</li>
 * </ul>
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
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("task definition " + definition.family() + " on Docker Swarm", problems);
        }
    }
}
