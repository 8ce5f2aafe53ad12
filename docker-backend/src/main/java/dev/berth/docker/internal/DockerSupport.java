package dev.berth.docker.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.ResourceRequirement;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What of a task definition a Docker engine cannot do, named by field. Placement already keeps most of it away from
 * the engine (an engine has no {@code ecs.capability.*} attribute for App Mesh, FSx, S3 Files, Elastic Inference,
 * gMSA or fault injection, so such a task is not placed there); what remains, or reaches the engine another way,
 * fails the task's start with this reason instead of running without it.
 */
final class DockerSupport {

    private DockerSupport() {
    }

    /**
     * @param definition the task definition
     * @return why the engine cannot run it, naming each field; empty when it can
     */
    static Optional<String> unsupported(TaskDefinition definition) {
        List<String> reasons = new ArrayList<>();
        for (Volume volume : definition.volumes()) {
            switch (volume.kind()) {
                case FSX_WINDOWS_FILE_SERVER, S3_FILES, CONFIGURED_AT_LAUNCH -> reasons.add("volumes '" + volume.name()
                        + "': a " + volume.kind() + " volume has no Docker engine equivalent");
                default -> {
                    // provided by TaskVolumes
                }
            }
        }
        definition.proxyConfiguration().ifPresent(p -> reasons.add("proxyConfiguration: App Mesh's traffic"
                + " redirection needs ECS's awsvpc network interface"));
        if (!definition.inferenceAccelerators().isEmpty()) {
            reasons.add("inferenceAccelerators: the engine has no Elastic Inference accelerators");
        }
        if (definition.enableFaultInjection()) {
            reasons.add("enableFaultInjection: the engine has no task metadata endpoint to inject faults through");
        }
        for (ContainerDefinition c : definition.containerDefinitions()) {
            String container = "containerDefinitions '" + c.name() + "' ";
            c.resourceRequirements().stream().filter(r -> r.type() != ResourceRequirement.Type.GPU)
                    .forEach(r -> reasons.add(container + "resourceRequirements " + r.type().ecsName()
                            + ": the engine has none"));
            if (!c.credentialSpecs().isEmpty()) {
                reasons.add(container + "credentialSpecs: gMSA needs a domain-joined ECS container instance");
            }
            c.linuxParameters().filter(p -> p.maxSwapMiB().isPresent() && c.memoryMiB().isEmpty())
                    .ifPresent(p -> reasons.add(container + "linuxParameters.maxSwap: Docker sets swap as the"
                            + " container's memory plus maxSwap, and the container has no memory (hard limit)"));
        }
        return reasons.isEmpty() ? Optional.empty()
                : Optional.of("the Docker backend cannot run " + String.join("; ", reasons));
    }
}
