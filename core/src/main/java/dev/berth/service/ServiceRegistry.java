package dev.berth.service;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Cloud Map (service discovery) registry a service's tasks are registered in, as ECS's
 * {@code serviceRegistries[]} entry. ECS takes at most one per service.
 *
 * @param registryArn the Cloud Map service's ARN
 * @param containerName the container whose port is registered (bridge and host mode: required with
 *     {@code containerPort})
 * @param containerPort the container port registered
 * @param port the port of an SRV record (awsvpc mode, instead of a container and port)
 */
public record ServiceRegistry(String registryArn, Optional<String> containerName, OptionalInt containerPort,
                              OptionalInt port) {

    /**
     * Checks ECS's rules that need no task definition.
     *
     * @throws IllegalArgumentException if the ARN is blank, only one of container name and port is given, both a
     *     container port and a port are given, or a port is outside 1..65535
     * @throws NullPointerException if a component is null
     */
    public ServiceRegistry {
        Objects.requireNonNull(registryArn, "registryArn");
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(containerPort, "containerPort");
        Objects.requireNonNull(port, "port");
        if (registryArn.isBlank()) {
            throw new IllegalArgumentException("serviceRegistries[].registryArn must be the ARN of a Cloud Map"
                    + " service");
        }
        if (containerName.isPresent() != containerPort.isPresent()) {
            throw new IllegalArgumentException("serviceRegistries[] needs containerName and containerPort together");
        }
        if (containerPort.isPresent() && port.isPresent()) {
            throw new IllegalArgumentException("serviceRegistries[] takes either containerName and containerPort or"
                    + " port, not both");
        }
        requirePort(containerPort, "containerPort");
        requirePort(port, "port");
    }

    /**
     * @param registryArn the Cloud Map service's ARN
     * @param containerName the container whose port is registered
     * @param containerPort the container port
     * @return a registry entry for a container port (bridge and host mode)
     */
    public static ServiceRegistry of(String registryArn, String containerName, int containerPort) {
        return new ServiceRegistry(registryArn, Optional.of(containerName), OptionalInt.of(containerPort),
                OptionalInt.empty());
    }

    /**
     * @return the name of the Cloud Map service, the last part of its ARN ({@code service/<name-or-id>}): the name
     *     the local backends give the registry's tasks
     */
    public String serviceName() {
        int slash = registryArn.lastIndexOf('/');
        return slash < 0 ? registryArn : registryArn.substring(slash + 1);
    }

    private static void requirePort(OptionalInt value, String field) {
        if (value.isPresent() && (value.getAsInt() < 1 || value.getAsInt() > 65535)) {
            throw new IllegalArgumentException("serviceRegistries[]." + field + " must be within 1..65535, was "
                    + value.getAsInt());
        }
    }
}
