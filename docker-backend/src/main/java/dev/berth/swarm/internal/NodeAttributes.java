package dev.berth.swarm.internal;

import dev.berth.model.InstanceAttributes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Swarm node's attributes as a container instance, and the way back from an attribute to the node field or label
 * a Swarm placement constraint names. Both directions live here so that they cannot drift apart:
 * <ul>
 *   <li>ECS's built-ins: {@code ecs.os-type} is {@code node.platform.os}, {@code ecs.cpu-architecture} is
 *       {@code node.platform.arch} ({@code x86_64}, {@code arm64} for the engine's {@code aarch64}),
 *       {@code ecs.availability-zone} is the node label {@value #ZONE_LABEL};</li>
 *   <li>Swarm's node fields under their Swarm names: {@code node.id}, {@code node.hostname}, {@code node.role},
 *       {@code node.platform.os}, {@code node.platform.arch};</li>
 *   <li>every node label under its own name (so a custom attribute Berth puts on an instance is a node label),
 *       and every engine label as {@code engine.labels.<name>};</li>
 *   <li>the engine's version as {@code dev.berth.docker-version}, as the Docker backend reports it.</li>
 * </ul>
 * Labels whose names are not valid attribute names (1 to 128 letters, digits, {@code - _ / .}) are left out.
 */
public final class NodeAttributes {

    /** The node label that names a node's zone: {@code docker node update --label-add ecs.availability-zone=a}. */
    public static final String ZONE_LABEL = InstanceAttributes.AVAILABILITY_ZONE;
    /** Prefix of the attributes that are engine labels. */
    public static final String ENGINE_LABELS = "engine.labels.";
    /** Attributes that are Swarm node fields, under the names Swarm's constraints use. */
    static final String NODE_ID = "node.id";
    static final String NODE_HOSTNAME = "node.hostname";
    static final String NODE_ROLE = "node.role";
    static final String NODE_OS = "node.platform.os";
    static final String NODE_ARCH = "node.platform.arch";
    static final String DOCKER_VERSION = "dev.berth.docker-version";

    private NodeAttributes() {
    }

    /** @return the node's attributes, built-ins last so that a label cannot shadow them */
    public static Map<String, String> of(SwarmNode node) {
        Map<String, String> attributes = new LinkedHashMap<>();
        node.nodeLabels().forEach((k, v) -> putIfValid(attributes, k, v));
        node.engineLabels().forEach((k, v) -> putIfValid(attributes, ENGINE_LABELS + k, v));
        String os = node.os().toLowerCase(Locale.ROOT);
        attributes.put(InstanceAttributes.OS_TYPE, os);
        attributes.put(InstanceAttributes.CPU_ARCHITECTURE, ecsArchitecture(node.architecture()));
        if (os.equals("linux")) {
            attributes.put("ecs.os-family", "LINUX");
        }
        attributes.put(NODE_ID, node.id());
        attributes.put(NODE_HOSTNAME, node.hostname());
        attributes.put(NODE_ROLE, node.role());
        attributes.put(NODE_OS, node.os());
        attributes.put(NODE_ARCH, node.architecture());
        attributes.put(DOCKER_VERSION, node.engineVersion());
        return attributes;
    }

    /**
     * @param attribute an attribute's name
     * @return the field or label Swarm's constraints name for it, e.g. {@code node.labels.rack} for {@code rack};
     *     empty for an attribute Swarm cannot constrain (other {@code ecs.} built-ins, the engine version)
     */
    public static Optional<String> constraintKey(String attribute) {
        return switch (attribute) {
            case InstanceAttributes.OS_TYPE, NODE_OS -> Optional.of(NODE_OS);
            case InstanceAttributes.CPU_ARCHITECTURE, NODE_ARCH -> Optional.of(NODE_ARCH);
            case NODE_ID, NODE_HOSTNAME, NODE_ROLE -> Optional.of(attribute);
            case DOCKER_VERSION -> Optional.empty();
            default -> attribute.startsWith(ENGINE_LABELS) ? Optional.of(attribute)
                    : attribute.startsWith("ecs.") && !attribute.equals(ZONE_LABEL) ? Optional.empty()
                    : Optional.of("node.labels." + attribute);
        };
    }

    /**
     * @param attribute an attribute's name
     * @param value a value of it as Berth reports it
     * @return the value as Swarm compares it: ECS's {@code arm64} is the engine's {@code aarch64}
     */
    public static String constraintValue(String attribute, String value) {
        return attribute.equals(InstanceAttributes.CPU_ARCHITECTURE) && value.equals("arm64") ? "aarch64" : value;
    }

    /** @return ECS's spelling of an engine's architecture: {@code x86_64} or {@code arm64}, else the engine's */
    static String ecsArchitecture(String engineArchitecture) {
        String arch = engineArchitecture.toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    private static void putIfValid(Map<String, String> attributes, String name, String value) {
        if (InstanceAttributes.isValidName(name)) {
            attributes.put(name, value);
        }
    }
}
