package dev.berth.docker.internal;

import com.github.dockerjava.api.model.Network;
import dev.berth.exception.ResourceNotFoundException;
import java.util.List;
import java.util.Map;

/** Creates and removes the per-task bridge networks. */
final class NetworkManager {

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
