package dev.berth.internal.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.Compatibility;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.EnvironmentVariable;
import dev.berth.model.HealthCheck;
import dev.berth.model.LogConfiguration;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PortMapping;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.RestartPolicy;
import dev.berth.model.Secret;
import dev.berth.model.Tag;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Ulimit;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes Berth's model as ECS task-definition JSON trees, in a fixed field order (that of ECS's CLI skeleton).
 * Empty lists and absent optional values are left out; {@code essential}, container {@code cpu} and port
 * {@code protocol} are always written; {@code hostPort} 0 (dynamic) is left out; task {@code cpu} and
 * {@code memory} are strings of units and MiB, as describe-task-definition shows them.
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
        writeModes(td, node);
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
        writeModes(td, node);
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
        for (int i = 0; i < td.containerDefinitions().size(); i++) {
            containers.add(container(td, i));
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

    private static void writeModes(TaskDefinition td, ObjectNode node) {
        td.pidMode().ifPresent(mode -> node.put("pidMode", mode));
        td.ipcMode().ifPresent(mode -> node.put("ipcMode", mode));
    }

    private static ObjectNode container(TaskDefinition td, int index) {
        ContainerDefinition c = td.containerDefinitions().get(index);
        String path = "containerDefinitions[" + index + "]";
        ObjectNode node = JSON.objectNode();
        node.put("name", c.name());
        node.put("image", c.image().toString());
        node.put("cpu", c.cpu());
        c.memoryMiB().ifPresent(mib -> node.put("memory", mib));
        c.memoryReservationMiB().ifPresent(mib -> node.put("memoryReservation", mib));
        strings(node, "links", c.links());
        if (!c.portMappings().isEmpty()) {
            ArrayNode mappings = node.putArray("portMappings");
            c.portMappings().forEach(m -> mappings.add(portMapping(m)));
        }
        node.put("essential", c.essential());
        c.restartPolicy().ifPresent(p -> node.set("restartPolicy", restartPolicy(td, p, path + ".restartPolicy")));
        strings(node, "entryPoint", c.entryPoint());
        strings(node, "command", c.command());
        if (!c.environment().isEmpty()) {
            ArrayNode environment = node.putArray("environment");
            c.environment().forEach(v -> environment.add(environmentVariable(v)));
        }
        secrets(node, "secrets", c.secrets());
        if (!c.dependsOn().isEmpty()) {
            ArrayNode dependsOn = node.putArray("dependsOn");
            c.dependsOn().forEach(d -> dependsOn.add(dependency(d)));
        }
        c.startTimeout().ifPresent(t -> node.put("startTimeout", t.getSeconds()));
        c.stopTimeout().ifPresent(t -> node.put("stopTimeout", t.getSeconds()));
        c.user().ifPresent(user -> node.put("user", user));
        c.workingDirectory().ifPresent(directory -> node.put("workingDirectory", directory));
        if (!c.dockerLabels().isEmpty()) { // in the model's (insertion) order
            ObjectNode labels = node.putObject("dockerLabels");
            c.dockerLabels().forEach(labels::put);
        }
        if (!c.ulimits().isEmpty()) {
            ArrayNode ulimits = node.putArray("ulimits");
            c.ulimits().forEach(u -> ulimits.add(ulimit(u)));
        }
        c.logConfiguration().ifPresent(l -> node.set("logConfiguration", logConfiguration(l)));
        c.healthCheck().ifPresent(h -> node.set("healthCheck", healthCheck(td, h, path + ".healthCheck")));
        return node;
    }

    private static ObjectNode portMapping(PortMapping m) {
        ObjectNode node = JSON.objectNode();
        node.put("containerPort", m.containerPort());
        if (!m.isDynamic()) {
            node.put("hostPort", m.hostPort());
        }
        node.put("protocol", m.protocol().ecsName());
        m.name().ifPresent(name -> node.put("name", name));
        m.appProtocol().ifPresent(protocol -> node.put("appProtocol", protocol));
        return node;
    }

    private static ObjectNode restartPolicy(TaskDefinition td, RestartPolicy p, String path) {
        ObjectNode node = JSON.objectNode();
        node.put("enabled", p.enabled());
        if (!p.ignoredExitCodes().isEmpty()) {
            ArrayNode codes = node.putArray("ignoredExitCodes");
            p.ignoredExitCodes().forEach(codes::add);
        }
        p.restartAttemptPeriod().ifPresent(t -> node.put("restartAttemptPeriod", t.getSeconds()));
        return node;
    }

    private static ObjectNode environmentVariable(EnvironmentVariable v) {
        ObjectNode node = JSON.objectNode();
        node.put("name", v.name());
        node.put("value", v.value());
        return node;
    }

    private static void secrets(ObjectNode parent, String field, List<Secret> secrets) {
        if (!secrets.isEmpty()) {
            ArrayNode array = parent.putArray(field);
            for (Secret s : secrets) {
                array.addObject().put("name", s.name()).put("valueFrom", s.valueFrom());
            }
        }
    }

    private static ObjectNode dependency(ContainerDependency d) {
        ObjectNode node = JSON.objectNode();
        node.put("containerName", d.containerName());
        node.put("condition", d.condition().name());
        return node;
    }

    private static ObjectNode ulimit(Ulimit u) {
        ObjectNode node = JSON.objectNode();
        node.put("name", u.name());
        node.put("softLimit", u.softLimit());
        node.put("hardLimit", u.hardLimit());
        return node;
    }

    /** Options are sorted by name: the model keeps no order for them, and the output must be stable. */
    private static ObjectNode logConfiguration(LogConfiguration l) {
        ObjectNode node = JSON.objectNode();
        node.put("logDriver", l.logDriver());
        if (!l.options().isEmpty()) {
            ObjectNode options = node.putObject("options");
            new TreeMap<>(l.options()).forEach(options::put);
        }
        secrets(node, "secretOptions", l.secretOptions());
        return node;
    }

    private static ObjectNode healthCheck(TaskDefinition td, HealthCheck h, String path) {
        ObjectNode node = JSON.objectNode();
        ArrayNode command = node.putArray("command"); // required by ECS, so written even when empty
        h.command().forEach(command::add);
        node.put("interval", h.interval().getSeconds());
        node.put("timeout", h.timeout().getSeconds());
        node.put("retries", h.retries());
        h.startPeriod().ifPresent(t -> node.put("startPeriod", t.getSeconds()));
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

    private static void strings(ObjectNode parent, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = parent.putArray(field);
            values.forEach(array::add);
        }
    }
}
