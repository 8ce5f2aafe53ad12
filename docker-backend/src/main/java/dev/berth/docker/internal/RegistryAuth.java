package dev.berth.docker.internal;

import com.github.dockerjava.api.model.AuthConfig;
import dev.berth.model.ImageRef;
import dev.berth.registry.RegistryCredentials;
import dev.berth.registry.RegistryCredentialsLookup;
import java.util.Optional;

/**
 * docker-java's {@link AuthConfig} for an image reference, from the credentials a {@link RegistryCredentialsLookup}
 * gives for the reference's registry host: what the engine needs to push or pull with the registry's login.
 */
public final class RegistryAuth {

    private RegistryAuth() {
    }

    /**
     * @param image an image reference; one without a registry part names Docker Hub
     * @param lookup credentials by registry host
     * @return the engine's login for the image's registry, or empty for an anonymous pull
     */
    public static Optional<AuthConfig> forImage(ImageRef image, RegistryCredentialsLookup lookup) {
        String host = image.registry().orElse("docker.io");
        return lookup.credentialsFor(host).map(c -> authConfig(host, c));
    }

    /**
     * @param registryHost the registry's host and port, e.g. {@code 127.0.0.1:5000}
     * @param credentials its user name and password
     * @return the engine's login for that registry
     */
    public static AuthConfig authConfig(String registryHost, RegistryCredentials credentials) {
        return new AuthConfig().withRegistryAddress(registryHost).withUsername(credentials.username())
                .withPassword(credentials.password());
    }
}
