package dev.berth.swarm.internal;

import com.github.dockerjava.api.command.InspectImageResponse;
import dev.berth.docker.ImagePullPolicy;
import dev.berth.docker.internal.DockerClients;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ImageRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The image reference a Swarm service names. Swarm's nodes pull a tag at every task start (and fall back to a local
 * copy when the pull fails); a reference by digest or image id they take from their local images when they have it.
 * So that every node runs the same image, and so that the pull policy means what it says on the Docker backend:
 * <ul>
 *   <li>{@link ImagePullPolicy#ALWAYS}: the reference as written (the nodes pull the tag each time);</li>
 *   <li>{@link ImagePullPolicy#IF_NOT_PRESENT} and {@link ImagePullPolicy#NEVER}: when the manager's engine has
 *       the image, the reference pinned to its registry digest ({@code repo:tag@sha256:...}, which nodes without it
 *       pull), or, for an image that was built or loaded locally and never pushed, to its image id (which the nodes
 *       must have); otherwise the reference as written.</li>
 * </ul>
 */
public final class ImagePins {

    private final DockerClients manager;
    private final ImagePullPolicy policy;

    /**
     * @param manager the manager's engine, whose images are looked at
     * @param policy the pull policy
     */
    public ImagePins(DockerClients manager, ImagePullPolicy policy) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param image a container's image
     * @return the reference its Swarm service names
     */
    public String reference(ImageRef image) {
        if (policy == ImagePullPolicy.ALWAYS || image.digest().isPresent()) {
            return image.toString();
        }
        Optional<InspectImageResponse> local;
        try {
            local = Optional.of(manager.call("inspect image " + image,
                    () -> manager.calls().inspectImageCmd(image.toString()).exec()));
        } catch (ResourceNotFoundException missing) {
            local = Optional.empty();
        }
        return local.map(i -> pinned(image, i.getRepoDigests(), i.getId())).orElse(image.toString());
    }

    /**
     * @param image the reference as written
     * @param repoDigests the local image's {@code repo@sha256:...} entries
     * @param id the local image's id
     * @return the reference pinned to a digest of the same repository, else to the image id
     */
    static String pinned(ImageRef image, List<String> repoDigests, String id) {
        String repository = image.name();
        for (String entry : repoDigests == null ? List.<String>of() : repoDigests) {
            int at = entry.indexOf('@');
            if (at > 0 && (entry.substring(0, at).equals(repository)
                    || entry.substring(0, at).equals("docker.io/library/" + repository)
                    || entry.substring(0, at).equals("docker.io/" + repository))) {
                return image + entry.substring(at);
            }
        }
        return id;
    }
}
