package dev.berth.docker.internal;

import com.github.dockerjava.api.model.Network;
import dev.berth.exception.ResourceNotFoundException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what an earlier process left on the engine when it was killed between two engine calls and that no task
 * observation would ever show: a task's own network created before any of its containers. It looks once per cluster
 * and process, at the cluster's first observation, and touches only networks of tasks created before this process
 * opened the engine (a start of this process may be between its network and its first container).
 */
final class Leftovers {

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private final DockerClients clients;
    private final Map<String, String> scope;
    private final Set<String> clustersSwept = ConcurrentHashMap.newKeySet();

    /**
     * @param clients the engine's clients
     * @param scope the backend's own labels: only networks that carry them are touched
     */
    Leftovers(DockerClients clients, Map<String, String> scope) {
        this.clients = clients;
        this.scope = Map.copyOf(scope);
    }

    /**
     * Removes, once per process, the task networks of the cluster whose task has no container on the engine and was
     * created before {@code openedAt}.
     *
     * @param cluster the cluster
     * @param listedTasks the ids of every task the engine lists in the cluster
     * @param openedAt when this process's engine handle opened
     */
    void sweepOnce(String cluster, Set<String> listedTasks, Instant openedAt) {
        if (!clustersSwept.add(cluster)) {
            return;
        }
        List<String> filters = new ArrayList<>();
        scope.forEach((k, v) -> filters.add(Labels.filter(k, v)));
        filters.add(Labels.filter(Labels.CLUSTER, cluster));
        filters.add(Labels.TASK);
        List<Network> networks = clients.call("list the task networks of cluster " + cluster,
                () -> clients.calls().listNetworksCmd().withFilter("label", filters).exec());
        for (Network n : networks) {
            Map<String, String> labels = n.getLabels() == null ? Map.of() : n.getLabels();
            if (!listedTasks.contains(labels.getOrDefault(Labels.TASK, "")) && createdBefore(labels, openedAt)) {
                LOG.debug("removing network={} of task={}: an earlier process left it without containers",
                        n.getName(), labels.get(Labels.TASK));
                try {
                    clients.run("remove network " + n.getName(), () -> clients.calls().removeNetworkCmd(n.getId())
                            .exec());
                } catch (ResourceNotFoundException gone) {
                    // removed meanwhile: the goal is reached
                }
            }
        }
    }

    /**
     * @param labels a task's labels
     * @param instant a moment
     * @return whether the labels' {@link Labels#CREATED_AT} is before {@code instant}; false without one
     */
    static boolean createdBefore(Map<String, String> labels, Instant instant) {
        try {
            return Instant.parse(labels.getOrDefault(Labels.CREATED_AT, "")).isBefore(instant);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
