package dev.berth.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service's membership of a Service Connect namespace, as ECS's {@code serviceConnectConfiguration}: its tasks
 * resolve the names of the namespace's services, and (with {@code services}) its own ports are reached by name.
 * A service with no {@code services} is a client only.
 *
 * @param enabled whether the service takes part
 * @param namespace the namespace's name (or ARN on ECS); empty = the cluster's default namespace
 * @param services the ports it serves to the namespace
 */
public record ServiceConnectConfiguration(boolean enabled, Optional<String> namespace,
                                          List<ServiceConnectService> services) {

    /**
     * Checks that a disabled configuration names nothing.
     *
     * @throws IllegalArgumentException if a disabled configuration has services, or two services share a
     *     discovery name
     * @throws NullPointerException if a component is null
     */
    public ServiceConnectConfiguration {
        Objects.requireNonNull(namespace, "namespace");
        services = List.copyOf(services);
        namespace.ifPresent(n -> {
            if (n.isBlank()) {
                throw new IllegalArgumentException("serviceConnectConfiguration.namespace must not be blank; omit it"
                        + " to use the cluster's default namespace");
            }
        });
        if (!enabled && !services.isEmpty()) {
            throw new IllegalArgumentException("serviceConnectConfiguration has services but is not enabled; set"
                    + " enabled to true, or remove the services");
        }
        long distinct = services.stream().map(ServiceConnectService::effectiveDiscoveryName).distinct().count();
        if (distinct != services.size()) {
            throw new IllegalArgumentException("serviceConnectConfiguration.services repeat a discoveryName; each"
                    + " must be unique within the namespace");
        }
    }

    /** @return no Service Connect (ECS's default) */
    public static ServiceConnectConfiguration disabled() {
        return new ServiceConnectConfiguration(false, Optional.empty(), List.of());
    }

    /**
     * @param namespace the namespace's name; empty = the cluster's default namespace
     * @param services the ports served to the namespace; none for a client-only service
     * @return an enabled configuration
     */
    public static ServiceConnectConfiguration enabled(Optional<String> namespace, List<ServiceConnectService> services) {
        return new ServiceConnectConfiguration(true, namespace, services);
    }

    /**
     * @param clusterDefault the cluster's default namespace
     * @return the namespace the service's tasks are in
     */
    public String effectiveNamespace(String clusterDefault) {
        return namespace.orElse(clusterDefault);
    }
}
