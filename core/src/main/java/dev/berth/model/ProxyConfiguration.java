package dev.berth.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An App Mesh proxy for the task ({@code proxyConfiguration}): the task's traffic is redirected through the named
 * container (an Envoy proxy) by rules on the task's network interface.
 *
 * @param type the proxy type; only {@code APPMESH}
 * @param containerName the proxy's container
 * @param properties the redirect settings ({@code IgnoredUID}, {@code ProxyIngressPort}, {@code AppPorts}, ...)
 */
public record ProxyConfiguration(Type type, String containerName, Map<String, String> properties) {

    /** Proxy types. */
    public enum Type {
        /** AWS App Mesh. */
        APPMESH
    }

    /**
     * Checks that every component is present and copies the collections.
     *
     * @throws NullPointerException if a component is null
     */
    public ProxyConfiguration {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(containerName, "containerName");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
