package dev.berth.docker;

import java.util.Map;
import java.util.Objects;

/**
 * A Docker engine seen as an ECS container instance: what {@code docker info} reports, in ECS's units.
 *
 * @param engineId the engine's ID ({@code docker info} {@code ID})
 * @param name the engine host's name
 * @param cpuUnits registered CPU: the engine's CPUs × 1,024 units
 * @param memoryMiB registered memory in MiB
 * @param engineVersion the engine's version, e.g. {@code 20.10.24}
 * @param apiVersion the highest API version the engine speaks, e.g. {@code 1.41}
 * @param attributes ECS-style attributes: {@code ecs.os-type} ({@code linux}, {@code windows}),
 *     {@code ecs.cpu-architecture} ({@code x86_64}, {@code arm64}), {@code ecs.os-family} where known, and the
 *     engine's version as {@code dev.berth.docker-version}
 */
public record EngineInstance(String engineId, String name, int cpuUnits, long memoryMiB, String engineVersion,
                             String apiVersion, Map<String, String> attributes) {

    /** ECS's attribute for the operating system type. */
    public static final String OS_TYPE = "ecs.os-type";
    /** ECS's attribute for the CPU architecture. */
    public static final String CPU_ARCHITECTURE = "ecs.cpu-architecture";

    /**
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code cpuUnits} or {@code memoryMiB} is negative
     */
    public EngineInstance {
        Objects.requireNonNull(engineId, "engineId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(apiVersion, "apiVersion");
        attributes = Map.copyOf(attributes);
        if (cpuUnits < 0 || memoryMiB < 0) {
            throw new IllegalArgumentException("resources must not be negative: cpu " + cpuUnits + ", memory "
                    + memoryMiB);
        }
    }

    /** @return the {@code ecs.os-type} attribute, e.g. {@code linux} */
    public String osType() {
        return attributes.getOrDefault(OS_TYPE, "");
    }

    /** @return the {@code ecs.cpu-architecture} attribute, e.g. {@code x86_64} */
    public String cpuArchitecture() {
        return attributes.getOrDefault(CPU_ARCHITECTURE, "");
    }
}
