package dev.berth.docker.internal;

import com.github.dockerjava.api.model.Container;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ContainerDefinition;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * ECS's {@code versionConsistency} on the engine. On ECS a service deployment resolves each container's image tag to
 * a digest once, at its first task, and every later task of that deployment runs that digest, even after the tag
 * has moved; {@code versionConsistency: disabled} resolves the tag at every task instead
 * (the API reference's {@code ContainerDefinition.versionConsistency},
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html).
 * Here the first task of a deployment runs the image the tag names on the engine (after the pull policy has made it
 * present) and pins the engine's image ID, which later tasks of the deployment run. The latest pins live in this
 * object and, since a container carries its service, deployment and container name on its labels and the engine
 * keeps its image ID, older ones and those of an earlier process are found again from the deployment's containers.
 * Standalone tasks, images given by digest and {@code disabled} containers are not pinned. That a pinned image is
 * still present is asked of the engine at most once per {@link PresentImages#FRESHNESS}, not once per task.
 */
final class ImagePins {

    /** How many pins are remembered; older ones are found again on the engine, from the deployment's containers. */
    private static final int REMEMBERED = 1024;

    private final DockerClients clients;
    private final RecentlyFound present;
    private final Map<String, String> pins = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    /**
     * @param clients the engine's clients
     * @param clock the time by which a pinned image found present is asked for again
     */
    ImagePins(DockerClients clients, Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.present = new RecentlyFound(clock, PresentImages.FRESHNESS);
    }

    /**
     * @param request a task
     * @param container one of its containers
     * @return whether the container's image is pinned per deployment
     */
    static boolean applies(EngineTask request, ContainerDefinition container) {
        return request.deployment().isPresent() && container.image().digest().isEmpty()
                && container.versionConsistency() == ContainerDefinition.VersionConsistency.ENABLED;
    }

    /**
     * @param request a task of a service deployment
     * @param container one of its containers, {@link #applies} to it
     * @return the image ID an earlier task of the deployment pinned for the container, if any
     */
    Optional<String> pinned(EngineTask request, ContainerDefinition container) {
        String key = key(request, container);
        String known = pins.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.CLUSTER, request.cluster());
        labels.put(Labels.SERVICE, request.service().orElseThrow());
        labels.put(Labels.DEPLOYMENT, request.deployment().orElseThrow());
        labels.put(Labels.CONTAINER, container.name());
        List<Container> earlier = clients.call("list containers of deployment " + request.deployment().get(),
                () -> clients.calls().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
        Optional<String> found = earlier.stream().map(Container::getImageId).filter(Objects::nonNull).findFirst();
        return found.map(id -> {
            String previous = pins.putIfAbsent(key, id);
            return previous == null ? id : previous;
        });
    }

    /**
     * Pins, for the task's deployment, the image the container's tag names on the engine now (a second task that
     * pinned first wins).
     *
     * @param request a task of a service deployment
     * @param container one of its containers, {@link #applies} to it, its image present on the engine
     * @return the pinned image ID
     * @throws ResourceNotFoundException if the engine no longer has the image
     */
    String pin(EngineTask request, ContainerDefinition container) {
        String reference = container.image().toString();
        String id = clients.call("inspect image " + reference,
                () -> clients.calls().inspectImageCmd(reference).exec().getId());
        String previous = pins.putIfAbsent(key(request, container), id);
        return previous == null ? id : previous;
    }

    /**
     * @param imageId a pinned image ID
     * @return whether the engine still has it (asked again once the last answer is older than the freshness)
     */
    boolean present(String imageId) {
        if (present.isFresh(imageId)) {
            return true;
        }
        try {
            clients.run("inspect image " + imageId, () -> clients.calls().inspectImageCmd(imageId).exec());
            present.found(imageId);
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** @param imageId a pinned image ID the engine reported missing: the next start asks the engine again */
    void forget(String imageId) {
        present.forget(imageId);
    }

    /** Deployment IDs are numbered per service (every service's first is ecs-svc/1), so the service is part of it. */
    private static String key(EngineTask request, ContainerDefinition container) {
        return String.join("/", request.cluster(), request.service().orElseThrow(), request.deployment().orElseThrow(),
                container.name());
    }
}
