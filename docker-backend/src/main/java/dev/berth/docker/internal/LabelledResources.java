package dev.berth.docker.internal;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.berth.docker.DockerCleanup.Kind;
import dev.berth.docker.DockerCleanup.Resource;
import dev.berth.exception.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine calls behind {@link dev.berth.docker.DockerCleanup}: list and remove what carries a label. */
public final class LabelledResources {

    private static final Logger LOG = LoggerFactory.getLogger(LabelledResources.class);

    private LabelledResources() {
    }

    /**
     * @param clients the engine's clients
     * @param filter a label filter in Docker's syntax: {@code key} or {@code key=value}
     * @return the containers, then the networks, then the volumes that match: the order they can be removed in
     * @throws dev.berth.exception.BackendUnavailableException if the engine cannot be reached
     */
    public static List<Resource> find(DockerClients clients, String filter) {
        List<Resource> found = new ArrayList<>();
        List<Container> containers = clients.call("list containers labelled " + filter, () -> clients.calls()
                .listContainersCmd().withShowAll(true).withLabelFilter(List.of(filter)).exec());
        for (Container c : containers) {
            String[] names = c.getNames();
            String name = names != null && names.length > 0 ? names[0].replaceFirst("^/", "") : c.getId();
            found.add(new Resource(Kind.CONTAINER, c.getId(), name, labelsOrNone(c.getLabels())));
        }
        List<Network> networks = clients.call("list networks labelled " + filter, () -> clients.calls()
                .listNetworksCmd().withFilter("label", List.of(filter)).exec());
        for (Network n : networks) {
            found.add(new Resource(Kind.NETWORK, n.getId(), n.getName(), labelsOrNone(n.getLabels())));
        }
        List<InspectVolumeResponse> volumes = clients.call("list volumes labelled " + filter, () -> clients.calls()
                .listVolumesCmd().withFilter("label", List.of(filter)).exec().getVolumes());
        for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            found.add(new Resource(Kind.VOLUME, v.getName(), v.getName(), labelsOrNone(v.getLabels())));
        }
        return found;
    }

    /**
     * Removes a container (forced, with its anonymous volumes), a network or a volume. One another remover took first
     * counts as removed.
     *
     * @param clients the engine's clients
     * @param resource what to remove
     * @throws dev.berth.exception.BackendUnavailableException if the engine cannot be reached
     */
    public static void remove(DockerClients clients, Resource resource) {
        try {
            clients.run("remove " + resource.kind().name().toLowerCase(Locale.ROOT) + " " + resource.name(), () -> {
                switch (resource.kind()) {
                    case CONTAINER -> clients.calls().removeContainerCmd(resource.id()).withForce(true)
                            .withRemoveVolumes(true).exec();
                    case NETWORK -> clients.calls().removeNetworkCmd(resource.id()).exec();
                    case VOLUME -> clients.calls().removeVolumeCmd(resource.id()).exec();
                }
            });
        } catch (ResourceNotFoundException e) {
            LOG.debug("already removed: {}", e.getMessage());
        }
    }

    private static Map<String, String> labelsOrNone(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }
}
