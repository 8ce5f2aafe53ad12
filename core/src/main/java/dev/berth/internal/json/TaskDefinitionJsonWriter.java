package dev.berth.internal.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.Compatibility;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.ProxyConfiguration;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Tag;
import dev.berth.model.TaskDefinition;
import java.util.List;
import java.util.Optional;

/**
 * Writes Berth's model as ECS task-definition JSON trees, in a fixed field order (that of ECS's CLI skeleton).
 * Empty lists, absent optional values and {@code false} switches are left out; {@code essential}, container
 * {@code cpu} and port {@code protocol} are always written; {@code hostPort} 0 (dynamic) is left out; task
 * {@code cpu} and {@code memory} are strings of units and MiB, as describe-task-definition shows them. Containers
 * and volumes are written by {@link ContainerJsonWriter} and {@link VolumeJsonWriter}.
 */
public final class TaskDefinitionJsonWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TaskDefinitionJsonWriter() {
    }

    /**
     * @param td a task definition
     * @return it in register-task-definition input format
     */
    public static ObjectNode registerFormat(TaskDefinition td) {
        ObjectNode node = JSON.objectNode();
        writeTaskFields(td, node);
        tags(td.tags()).ifPresent(tags -> node.set("tags", tags));
        writeTrailingFields(td, node);
        return node;
    }

    /**
     * @param registered a registered revision
     * @return it in describe-task-definition output format: <code>{"taskDefinition": {...}, "tags": [...]}</code>
     */
    public static ObjectNode describeFormat(RegisteredTaskDefinition registered) {
        TaskDefinition td = registered.definition();
        ObjectNode node = JSON.objectNode();
        node.put("taskDefinitionArn", registered.arn());
        writeTaskFields(td, node);
        writeTrailingFields(td, node);
        node.put("revision", registered.revision());
        node.put("status", registered.status().name());
        node.put("registeredAt", registered.registeredAt().toString());
        registered.deregisteredAt().ifPresent(at -> node.put("deregisteredAt", at.toString()));
        ObjectNode output = JSON.objectNode();
        output.set("taskDefinition", node);
        tags(td.tags()).ifPresent(tags -> output.set("tags", tags));
        return output;
    }

    private static void writeTaskFields(TaskDefinition td, ObjectNode node) {
        node.put("family", td.family());
        td.taskRoleArn().ifPresent(arn -> node.put("taskRoleArn", arn));
        td.executionRoleArn().ifPresent(arn -> node.put("executionRoleArn", arn));
        node.put("networkMode", td.networkMode().ecsName());
        ArrayNode containers = node.putArray("containerDefinitions");
        td.containerDefinitions().forEach(c -> containers.add(ContainerJsonWriter.container(c)));
        if (!td.volumes().isEmpty()) {
            ArrayNode volumes = node.putArray("volumes");
            td.volumes().forEach(v -> volumes.add(VolumeJsonWriter.volume(v)));
        }
        if (!td.placementConstraints().isEmpty()) {
            ArrayNode constraints = node.putArray("placementConstraints");
            td.placementConstraints().forEach(c -> constraints.add(placementConstraint(c)));
        }
        if (!td.requiresCompatibilities().isEmpty()) {
            ArrayNode compatibilities = node.putArray("requiresCompatibilities");
            td.requiresCompatibilities().stream().map(Compatibility::name).forEach(compatibilities::add);
        }
        td.cpu().ifPresent(units -> node.put("cpu", Integer.toString(units)));
        td.memoryMiB().ifPresent(mib -> node.put("memory", Integer.toString(mib)));
    }

    /** The fields that follow {@code tags} in ECS's skeleton. */
    private static void writeTrailingFields(TaskDefinition td, ObjectNode node) {
        td.pidMode().ifPresent(mode -> node.put("pidMode", mode));
        td.ipcMode().ifPresent(mode -> node.put("ipcMode", mode));
        td.proxyConfiguration().ifPresent(p -> node.set("proxyConfiguration", proxyConfiguration(p)));
        if (!td.inferenceAccelerators().isEmpty()) {
            ArrayNode accelerators = node.putArray("inferenceAccelerators");
            td.inferenceAccelerators().forEach(a -> accelerators.addObject().put("deviceName", a.deviceName())
                    .put("deviceType", a.deviceType()));
        }
        td.ephemeralStorageGiB().ifPresent(gib -> node.putObject("ephemeralStorage").put("sizeInGiB", gib));
        td.runtimePlatform().ifPresent(p -> {
            ObjectNode platform = node.putObject("runtimePlatform");
            p.cpuArchitecture().ifPresent(a -> platform.put("cpuArchitecture", a.ecsName()));
            p.operatingSystemFamily().ifPresent(f -> platform.put("operatingSystemFamily", f.ecsName()));
        });
        if (td.enableFaultInjection()) {
            node.put("enableFaultInjection", true);
        }
    }

    private static ObjectNode proxyConfiguration(ProxyConfiguration p) {
        ObjectNode node = JSON.objectNode();
        node.put("type", p.type().name());
        node.put("containerName", p.containerName());
        if (!p.properties().isEmpty()) {
            ArrayNode properties = node.putArray("properties");
            p.properties().forEach((name, value) -> properties.addObject().put("name", name).put("value", value));
        }
        return node;
    }

    private static ObjectNode placementConstraint(PlacementConstraint c) {
        ObjectNode node = JSON.objectNode();
        node.put("type", c.type().ecsName());
        c.expression().ifPresent(expression -> node.put("expression", expression));
        return node;
    }

    private static Optional<ArrayNode> tags(List<Tag> tags) {
        if (tags.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode array = JSON.arrayNode();
        tags.forEach(t -> array.addObject().put("key", t.key()).put("value", t.value()));
        return Optional.of(array);
    }

}
