package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.docker.internal.RegistryAuth;
import dev.berth.model.ImageRef;
import dev.berth.registry.RegistryCredentialsLookup;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The login a Swarm service's nodes pull its image with: the {@code X-Registry-Auth} header of the service's create
 * or update, which the manager hands to the nodes with the task (as {@code docker service create
 * --with-registry-auth} does). Never logged.
 */
final class RegistryLogins {

    private RegistryLogins() {
    }

    /**
     * @param image the image
     * @param lookup logins by registry host
     * @return the header's value (base64url of the login's JSON), or empty for an anonymous pull
     */
    static Optional<String> header(ImageRef image, RegistryCredentialsLookup lookup) {
        return RegistryAuth.forImage(image, lookup).map(auth -> {
            ObjectNode json = SwarmApi.object()
                    .put("username", auth.getUsername())
                    .put("password", auth.getPassword())
                    .put("serveraddress", auth.getRegistryAddress());
            return Base64.getUrlEncoder().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
        });
    }
}
