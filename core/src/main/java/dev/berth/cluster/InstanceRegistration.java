package dev.berth.cluster;

import dev.berth.model.InstanceStatus;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a cluster says about one of its container instances: its status and the custom attributes put on it.
 *
 * @param instanceId the instance
 * @param status ACTIVE, or DRAINING: no new tasks, service tasks replaced elsewhere
 * @param customAttributes attributes users put on it, at most 10
 */
public record InstanceRegistration(String instanceId, InstanceStatus status, Map<String, String> customAttributes) {

    /** ECS's limit of custom attributes per resource. */
    public static final int MAX_CUSTOM_ATTRIBUTES = 10;

    /**
     * @throws IllegalArgumentException if there are more than 10 custom attributes
     */
    public InstanceRegistration {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(status, "status");
        customAttributes = Collections.unmodifiableMap(new TreeMap<>(customAttributes));
        if (customAttributes.size() > MAX_CUSTOM_ATTRIBUTES) {
            throw new IllegalArgumentException(instanceId + " would have " + customAttributes.size()
                    + " custom attributes; ECS allows at most " + MAX_CUSTOM_ATTRIBUTES);
        }
    }

    /**
     * @param instanceId the instance's id
     * @return the registration of an instance that has just joined: ACTIVE, no custom attributes
     */
    public static InstanceRegistration active(String instanceId) {
        return new InstanceRegistration(instanceId, InstanceStatus.ACTIVE, Map.of());
    }

    /**
     * @param newStatus the new status
     * @return a copy with another status
     */
    public InstanceRegistration withStatus(InstanceStatus newStatus) {
        return new InstanceRegistration(instanceId, newStatus, customAttributes);
    }

    /**
     * @param attributes custom attributes to add
     * @return a copy with {@code attributes} added (replacing same-named ones)
     */
    public InstanceRegistration withAttributes(Map<String, String> attributes) {
        Map<String, String> all = new TreeMap<>(customAttributes);
        all.putAll(attributes);
        return new InstanceRegistration(instanceId, status, all);
    }

    /**
     * @param names custom attributes to remove; names the instance does not have are ignored
     * @return a copy without them
     */
    public InstanceRegistration withoutAttributes(Collection<String> names) {
        Map<String, String> left = new TreeMap<>(customAttributes);
        left.keySet().removeAll(Set.copyOf(names));
        return new InstanceRegistration(instanceId, status, left);
    }
}
