package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.exception.BerthException;
import dev.berth.exception.ResourceNotFoundException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Changes a Swarm service's spec under Swarm's optimistic locking: read it, change a copy, write it with the version
 * read; when another writer came first (Swarm's "update out of sequence"), read and change again.
 */
public final class ServiceUpdates {

    private static final int ATTEMPTS = 5;

    private ServiceUpdates() {
    }

    /**
     * @param api the manager
     * @param id the service's id
     * @param change makes the new spec from a copy of the current one
     * @param registryAuth the login for the image, if any
     * @return whether the service existed and was changed
     */
    public static boolean update(SwarmApi api, String id, UnaryOperator<ObjectNode> change,
                                 Optional<String> registryAuth) {
        for (int attempt = 1; ; attempt++) {
            Optional<SwarmService> current = api.service(id);
            if (current.isEmpty()) {
                return false;
            }
            try {
                api.updateService(id, current.get().version(), change.apply(current.get().spec().deepCopy()),
                        registryAuth);
                return true;
            } catch (ResourceNotFoundException gone) {
                return false;
            } catch (BerthException e) {
                if (attempt >= ATTEMPTS || !String.valueOf(e.getMessage()).contains("out of sequence")) {
                    throw e;
                }
            }
        }
    }
}
