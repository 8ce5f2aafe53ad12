package dev.berth.junit;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.internal.DockerClients;
import dev.berth.exception.BerthException;
import dev.berth.exception.ResourceNotFoundException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the extension's containers and networks from a Docker engine by their labels: one scope's after a test,
 * and the leftovers of earlier runs whose JVM is gone ({@link RunIdentity#isGoneRun}).
 */
final class DockerJanitor {

    private static final Logger LOG = LoggerFactory.getLogger(DockerJanitor.class);

    private DockerJanitor() {
    }

    /**
     * Force-removes every container, then every network, labelled {@code key=value}.
     *
     * @return how many containers were removed
     * @throws BerthException if the engine cannot be reached
     */
    static int removeLabelled(DockerBackendConfig config, String key, String value) {
        try (DockerClients clients = DockerClients.open(config)) {
            return removeLabelled(clients, key + "=" + value);
        }
    }

    /**
     * Removes what runs of other JVMs on this host left behind after their JVM ended (killed, or its shutdown hook
     * cut short). Containers of live JVMs, of other hosts, and of this run are left alone.
     *
     * @throws BerthException if the engine cannot be reached
     */
    static void sweepGoneRuns(DockerBackendConfig config, RunIdentity self) {
        try (DockerClients clients = DockerClients.open(config)) {
            List<Container> labelled = clients.call("list labelled containers", () -> clients.calls()
                    .listContainersCmd().withShowAll(true).withLabelFilter(List.of(RunIdentity.RUN)).exec());
            List<Network> networks = clients.call("list labelled networks", () -> clients.calls().listNetworksCmd()
                    .withFilter("label", List.of(RunIdentity.RUN)).exec());
            Set<String> goneRuns = labelled.stream().map(Container::getLabels)
                    .filter(labels -> labels != null && self.isGoneRun(labels))
                    .map(labels -> labels.get(RunIdentity.RUN)).collect(Collectors.toSet());
            networks.stream().map(Network::getLabels).filter(labels -> labels != null && self.isGoneRun(labels))
                    .map(labels -> labels.get(RunIdentity.RUN)).forEach(goneRuns::add);
            for (String run : goneRuns) {
                int removed = removeLabelled(clients, RunIdentity.RUN + "=" + run);
                LOG.info("removed {} containers left by ended test run={}", removed, run);
            }
        }
    }

    private static int removeLabelled(DockerClients clients, String labelFilter) {
        List<Container> containers = clients.call("list containers " + labelFilter, () -> clients.calls()
                .listContainersCmd().withShowAll(true).withLabelFilter(List.of(labelFilter)).exec());
        for (Container c : containers) {
            ignoringGone(() -> clients.run("remove container " + c.getId(), () -> clients.calls()
                    .removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec()));
        }
        List<Network> networks = clients.call("list networks " + labelFilter, () -> clients.calls()
                .listNetworksCmd().withFilter("label", List.of(labelFilter)).exec());
        for (Network n : networks) {
            ignoringGone(() -> clients.run("remove network " + n.getId(),
                    () -> clients.calls().removeNetworkCmd(n.getId()).exec()));
        }
        return containers.size();
    }

    /** Another remover (a parallel sweep, the backend's own clean-up) may have been first: that is success. */
    private static void ignoringGone(Runnable removal) {
        try {
            removal.run();
        } catch (ResourceNotFoundException e) {
            LOG.debug("already removed: {}", e.getMessage());
        }
    }
}
