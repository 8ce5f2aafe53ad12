package dev.berth.docker.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.TaskDefinition;
import java.util.List;
import java.util.Optional;

/**
 * A task's {@code pidMode} and {@code ipcMode} as Docker modes. {@code host} is the host's namespace for every
 * container and {@code none} (IPC) a private one without shared memory. {@code task} shares one namespace among the
 * task's containers: ECS keeps it in a pause container of its own; here it is the namespace of the task's first
 * essential container in start order (an essential container lives as long as the task), which the others join
 * ({@code container:<name>}). Containers that start before it (those it depends on, such as init containers) run
 * in namespaces of their own.
 */
final class TaskNamespaces {

    private final Optional<String> pidMode;
    private final Optional<String> ipcMode;
    private final Optional<String> holder;
    private final List<String> beforeHolder;

    private TaskNamespaces(Optional<String> pidMode, Optional<String> ipcMode, Optional<String> holder,
                           List<String> beforeHolder) {
        this.pidMode = pidMode;
        this.ipcMode = ipcMode;
        this.holder = holder;
        this.beforeHolder = beforeHolder;
    }

    /**
     * @param definition the task definition
     * @param order its containers' start order
     * @return the namespaces of its containers
     */
    static TaskNamespaces of(TaskDefinition definition, DependencyOrder order) {
        List<ContainerDefinition> startOrder = order.startOrder();
        int holderIndex = 0;
        for (int i = 0; i < startOrder.size(); i++) {
            if (startOrder.get(i).essential()) {
                holderIndex = i;
                break;
            }
        }
        String holder = startOrder.get(holderIndex).name();
        List<String> before = startOrder.subList(0, holderIndex).stream().map(ContainerDefinition::name).toList();
        return new TaskNamespaces(definition.pidMode(), definition.ipcMode(), Optional.of(holder), before);
    }

    /**
     * @param taskId the task
     * @param containerName one of its containers
     * @return the container's Docker PID mode; empty for a namespace of its own
     */
    Optional<String> pidModeOf(String taskId, String containerName) {
        return pidMode.flatMap(mode -> mode.equals("host") ? Optional.of("host") : joined(taskId, containerName));
    }

    /**
     * @param taskId the task
     * @param containerName one of its containers
     * @return the container's Docker IPC mode; empty for Docker's default
     */
    Optional<String> ipcModeOf(String taskId, String containerName) {
        return ipcMode.flatMap(mode -> switch (mode) {
            case "host" -> Optional.of("host");
            case "none" -> Optional.of("none");
            default -> holder.filter(containerName::equals).isPresent() ? Optional.of("shareable")
                    : joined(taskId, containerName);
        });
    }

    private Optional<String> joined(String taskId, String containerName) {
        if (holder.filter(containerName::equals).isPresent() || beforeHolder.contains(containerName)) {
            return Optional.empty();
        }
        return holder.map(h -> "container:" + ContainerSpecMapper.dockerName(taskId, h));
    }
}
