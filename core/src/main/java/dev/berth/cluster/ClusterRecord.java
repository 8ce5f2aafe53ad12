package dev.berth.cluster;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A cluster as Berth stores it.
 *
 * @param name up to 255 letters, digits, underscores and hyphens
 * @param status ACTIVE until deleted
 * @param instances registrations of its container instances, by id
 * @param createdAt when it was created
 * @param serviceConnectNamespace the namespace of its services' Service Connect configurations that name none
 *     (ECS's {@code serviceConnectDefaults}); empty = the cluster's own name, on the local backends
 */
public record ClusterRecord(String name, ClusterStatus status, Map<String, InstanceRegistration> instances,
                            Instant createdAt, Optional<String> serviceConnectNamespace) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    /**
     * @throws IllegalArgumentException if the name breaks ECS's rule
     */
    public ClusterRecord {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "cluster name must be 1-255 letters, digits, underscores and hyphens, was '" + name + "'");
        }
        Objects.requireNonNull(status, "status");
        instances = Collections.unmodifiableMap(new TreeMap<>(instances));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(serviceConnectNamespace, "serviceConnectNamespace");
    }

    /**
     * A cluster without a Service Connect default namespace of its own.
     *
     * @param name up to 255 letters, digits, underscores and hyphens
     * @param status ACTIVE until deleted
     * @param instances registrations of its container instances, by id
     * @param createdAt when it was created
     */
    public ClusterRecord(String name, ClusterStatus status, Map<String, InstanceRegistration> instances,
                         Instant createdAt) {
        this(name, status, instances, createdAt, Optional.empty());
    }

    /** @return the namespace of Service Connect configurations that name none: the set one, else the cluster's name */
    public String defaultNamespace() {
        return serviceConnectNamespace.orElse(name);
    }

    /**
     * @param namespace the default namespace of its services' Service Connect configurations
     * @return a copy with that default
     */
    public ClusterRecord withServiceConnectNamespace(String namespace) {
        return new ClusterRecord(name, status, instances, createdAt, Optional.of(namespace));
    }

    /**
     * @param name the cluster's name
     * @param now when it is created
     * @return a new ACTIVE cluster without instance registrations
     */
    public static ClusterRecord create(String name, Instant now) {
        return new ClusterRecord(name, ClusterStatus.ACTIVE, Map.of(), now);
    }

    /**
     * @param instanceId the instance's id
     * @return the registration of an instance; an instance never registered explicitly counts as ACTIVE
     */
    public InstanceRegistration registration(String instanceId) {
        return Optional.ofNullable(instances.get(instanceId)).orElseGet(() -> InstanceRegistration.active(instanceId));
    }

    /**
     * @param registration the instance's new registration
     * @return a copy with the registration stored
     */
    public ClusterRecord with(InstanceRegistration registration) {
        Map<String, InstanceRegistration> all = new TreeMap<>(instances);
        all.put(registration.instanceId(), registration);
        return new ClusterRecord(name, status, all, createdAt, serviceConnectNamespace);
    }

    /**
     * @param newStatus the new status
     * @return a copy with another status
     */
    public ClusterRecord withStatus(ClusterStatus newStatus) {
        return new ClusterRecord(name, newStatus, instances, createdAt, serviceConnectNamespace);
    }
}
