package dev.berth.registry;

import java.util.LinkedHashMap;
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
 *         .registryCredentials(RegistryCredentialsLookup.forRegistries(registry))
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

    /**
     * @param registries Berth registries, each answering for its {@link Registry#host()} with its
     *     {@link Registry#credentials()}
     * @return a lookup over those registries; other hosts are anonymous
     * @throws IllegalArgumentException if two registries have the same host
     */
    static RegistryCredentialsLookup forRegistries(Registry... registries) {
        Map<String, RegistryCredentialsProvider> byHost = new LinkedHashMap<>();
        for (Registry registry : registries) {
            String host = Objects.requireNonNull(registry, "registry").host();
            if (byHost.putIfAbsent(host.toLowerCase(Locale.ROOT), registry.credentials()) != null) {
                throw new IllegalArgumentException("two registries answer for host " + host
                        + ": give forRegistries each registry once");
            }
        }
        return of(byHost);
    }
}
