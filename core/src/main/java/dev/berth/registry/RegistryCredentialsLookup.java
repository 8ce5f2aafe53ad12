package dev.berth.registry;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the credentials for the registry an image reference names, by the registry's host (and port): what a
 * compute backend uses to pull a task's images with the right login. Lookups are asked at each pull, so a provider
 * that renews short-lived tokens is asked again each time. Implementations must be thread-safe.
 *
 * <pre>{@code
 * Registry registry = Registry.create(OciRegistryBackend.create(registryConfig));
 * DockerBackend docker = DockerBackend.create(DockerBackendConfig.builder()
 *         .registryCredentials(Registry.credentialsLookup(registry))
 *         .build());
 * }</pre>
 */
@FunctionalInterface
public interface RegistryCredentialsLookup {

    /**
     * @param registryHost the registry part of an image reference, e.g. {@code 127.0.0.1:5000}
     * @return the credentials for that registry now, or empty for anonymous access
     */
    Optional<RegistryCredentials> credentialsFor(String registryHost);

    /** @return a lookup that knows no registry: every pull is anonymous */
    static RegistryCredentialsLookup none() {
        return host -> Optional.empty();
    }

    /**
     * @param providersByHost a provider per registry host; hosts compare case-insensitively
     * @return a lookup over those registries
     */
    static RegistryCredentialsLookup of(Map<String, RegistryCredentialsProvider> providersByHost) {
        Map<String, RegistryCredentialsProvider> byHost = providersByHost.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT),
                        e -> Objects.requireNonNull(e.getValue(), "provider")));
        return host -> Optional.ofNullable(byHost.get(host.toLowerCase(Locale.ROOT)))
                .flatMap(RegistryCredentialsProvider::credentials);
    }
}
