package dev.berth.docker.internal;

import com.github.dockerjava.api.model.Network;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.NetworkMode;
import dev.berth.model.TaskDefinition;
import java.util.List;
import java.util.Map;

/** Creates and removes the per-task bridge networks, and decides which tasks get one. */
public final class NetworkManager {

    private final DockerClients clients;

    NetworkManager(DockerClients clients) {
        this.clients = clients;
    }

    /**
     * @param taskId the task's ID
     * @return the name of the task's network, {@code berth-<task>}
     */
    static String networkName(String taskId) {
        return "berth-" + taskId;
    }

    /**
     * Whether a task gets a bridge network of its own. An awsvpc task always does (its own network namespace, as
     * its own ENI gives it on ECS); a bridge task only when it has more than one container, which then reach each
     * other by name and link alias. A single-container bridge task runs on the engine's default bridge, as ECS runs
     * bridge tasks on {@code docker0}: that saves a network create and remove per task, and the engine's address
     * pools (about 30 bridge networks by default) no longer cap how many tasks run.
     *
     * @param definition the task definition
     * @return whether {@link #create} is needed before its containers are created
     */
    public static boolean needsOwnNetwork(TaskDefinition definition) {
        return definition.networkMode() == NetworkMode.AWSVPC
                || definition.networkMode() == NetworkMode.BRIDGE && definition.containerDefinitions().size() > 1;
    }

    /**
     * @param taskId the task
     * @param labels the task's labels
     * @return the created network's name
     * @throws dev.berth.exception.ConflictException if a network of that name exists
     */
    String create(String taskId, Map<String, String> labels) {
        String name = networkName(taskId);
        clients.run("create network " + name, () -> clients.calls().createNetworkCmd().withName(name)
                .withDriver("bridge").withCheckDuplicate(true).withLabels(labels).exec());
        return name;
    }

    /**
     * Removes every network labelled with the task; a network already gone is fine.
     *
     * @param taskId the task
     */
    void removeAll(String taskId) {
        List<Network> networks = clients.call("list networks of task " + taskId, () -> clients.calls()
                .listNetworksCmd().withFilter("label", List.of(Labels.filter(Labels.TASK, taskId))).exec());
        for (Network n : networks) {
            try {
                clients.run("remove network " + n.getName(), () -> clients.calls().removeNetworkCmd(n.getId())
                        .exec());
            } catch (ResourceNotFoundException gone) {
                // removed by someone else meanwhile: the goal is reached
            }
        }
    }
}
