package dev.berth.service;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A name and port that tasks of the namespace use to reach a Service Connect service, as ECS's
 * {@code clientAliases[]} entry.
 *
 * @param port the port clients connect to; the proxy in front of the service listens on it and forwards to the
 *     container port that the service's {@code portName} names
 * @param dnsName the name clients resolve; empty = ECS's default, {@code discoveryName.namespace}
 */
public record ServiceConnectClientAlias(int port, Optional<String> dnsName) {

    /** ECS's rule: up to 127 lowercase letters, digits, underscores, hyphens and periods, not starting with '-'. */
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9_.][a-z0-9_.-]{0,126}");

    /**
     * Checks ECS's rules for the port and the name.
     *
     * @throws IllegalArgumentException if the port is outside 1..65535 or the name breaks ECS's rule
     * @throws NullPointerException if a component is null
     */
    public ServiceConnectClientAlias {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("clientAliases[].port must be within 1..65535, was " + port);
        }
        Objects.requireNonNull(dnsName, "dnsName");
        dnsName.ifPresent(name -> {
            if (!DNS_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("clientAliases[].dnsName must be up to 127 lowercase letters,"
                        + " digits, underscores (_), hyphens (-) and periods (.), not starting with a hyphen, was '"
                        + name + "'");
            }
        });
    }

    /**
     * @param port the port clients connect to
     * @param dnsName the name clients resolve, e.g. {@code api}
     * @return the alias
     */
    public static ServiceConnectClientAlias of(int port, String dnsName) {
        return new ServiceConnectClientAlias(port, Optional.of(dnsName));
    }

    /**
     * @param discoveryName the service's discovery name
     * @param namespace the namespace's name
     * @return the name clients resolve: {@code dnsName}, else {@code discoveryName.namespace}
     */
    public String effectiveDnsName(String discoveryName, String namespace) {
        return dnsName.orElse(discoveryName + "." + namespace);
    }
}
