package dev.berth.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One port of a service that other tasks of the namespace reach by name, as ECS's Service Connect
 * {@code services[]} entry.
 *
 * @param portName the {@code name} of a port mapping of the task definition: the container port served
 * @param discoveryName the service's name in the namespace; empty = {@code portName}
 * @param clientAliases the name and port clients use; ECS takes exactly one
 * @param ingressPortOverride the port ECS's proxy inside the task listens on; accepted for ECS and unused by
 *     Berth's local proxy, which sits outside the tasks
 */
public record ServiceConnectService(String portName, Optional<String> discoveryName,
                                    List<ServiceConnectClientAlias> clientAliases, OptionalInt ingressPortOverride) {

    /** ECS's rule for port-mapping and discovery names: up to 64 of a-z 0-9 _ -, not starting with '-'. */
    static final Pattern NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,63}");

    /**
     * Checks ECS's rules.
     *
     * @throws IllegalArgumentException if a name breaks ECS's rule, there is not exactly one client alias, or the
     *     ingress port is outside 1..65535
     * @throws NullPointerException if a component is null
     */
    public ServiceConnectService {
        Objects.requireNonNull(portName, "portName");
        Objects.requireNonNull(discoveryName, "discoveryName");
        clientAliases = List.copyOf(clientAliases);
        Objects.requireNonNull(ingressPortOverride, "ingressPortOverride");
        if (portName.isBlank()) {
            throw new IllegalArgumentException("services[].portName must name a port mapping of the task definition");
        }
        discoveryName.ifPresent(name -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("services[].discoveryName must be up to 64 lowercase letters,"
                        + " digits, underscores (_) and hyphens (-), not starting with a hyphen, was '" + name + "'");
            }
        });
        if (clientAliases.size() != 1) {
            throw new IllegalArgumentException("services[].clientAliases must hold exactly one alias (a port, and"
                    + " optionally a dnsName), as ECS allows one; had " + clientAliases.size());
        }
        ingressPortOverride.ifPresent(port -> {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("services[].ingressPortOverride must be within 1..65535, was "
                        + port);
            }
        });
    }

    /**
     * @param portName the port mapping's name
     * @param alias the name and port clients use
     * @return a service without discovery name (it is {@code portName}) or ingress override
     */
    public static ServiceConnectService of(String portName, ServiceConnectClientAlias alias) {
        return new ServiceConnectService(portName, Optional.empty(), List.of(alias), OptionalInt.empty());
    }

    /** @return the discovery name, else ECS's default: the port mapping's name */
    public String effectiveDiscoveryName() {
        return discoveryName.orElse(portName);
    }

    /** @return the one client alias */
    public ServiceConnectClientAlias clientAlias() {
        return clientAliases.get(0);
    }

    /**
     * @param namespace the namespace the service is in
     * @return the name clients resolve in that namespace
     */
    public String dnsName(String namespace) {
        return clientAlias().effectiveDnsName(effectiveDiscoveryName(), namespace);
    }
}
