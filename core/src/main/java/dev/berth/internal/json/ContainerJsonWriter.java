package dev.berth.internal.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.Device;
import dev.berth.model.HealthCheck;
import dev.berth.model.LinuxParameters;
import dev.berth.model.LogConfiguration;
import dev.berth.model.PortMapping;
import dev.berth.model.ResourceRequirement;
import dev.berth.model.RestartPolicy;
import dev.berth.model.Secret;
import dev.berth.model.Tmpfs;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Writes one container definition as ECS's JSON, fields in the order of ECS's CLI skeleton. */
final class ContainerJsonWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ContainerJsonWriter() {
    }

    static ObjectNode container(ContainerDefinition c) {
        ObjectNode node = JSON.objectNode();
        node.put("name", c.name());
        node.put("image", c.image().toString());
        c.repositoryCredentials().ifPresent(r -> node.putObject("repositoryCredentials")
                .put("credentialsParameter", r.credentialsParameter()));
        node.put("cpu", c.cpu());
        c.memoryMiB().ifPresent(mib -> node.put("memory", mib));
        c.memoryReservationMiB().ifPresent(mib -> node.put("memoryReservation", mib));
        strings(node, "links", c.links());
        objects(node, "portMappings", c.portMappings(), ContainerJsonWriter::portMapping);
        node.put("essential", c.essential());
        c.restartPolicy().ifPresent(p -> node.set("restartPolicy", restartPolicy(p)));
        strings(node, "entryPoint", c.entryPoint());
        strings(node, "command", c.command());
        objects(node, "environment", c.environment(),
                v -> JSON.objectNode().put("name", v.name()).put("value", v.value()));
        objects(node, "environmentFiles", c.environmentFiles(),
                f -> JSON.objectNode().put("value", f.value()).put("type", f.type().ecsName()));
        objects(node, "mountPoints", c.mountPoints(), m -> JSON.objectNode().put("sourceVolume", m.sourceVolume())
                .put("containerPath", m.containerPath()).put("readOnly", m.readOnly()));
        objects(node, "volumesFrom", c.volumesFrom(),
                v -> JSON.objectNode().put("sourceContainer", v.sourceContainer()).put("readOnly", v.readOnly()));
        c.linuxParameters().ifPresent(p -> node.set("linuxParameters", linuxParameters(p)));
        secrets(node, "secrets", c.secrets());
        objects(node, "dependsOn", c.dependsOn(), ContainerJsonWriter::dependency);
        c.startTimeout().ifPresent(t -> node.put("startTimeout", t.getSeconds()));
        c.stopTimeout().ifPresent(t -> node.put("stopTimeout", t.getSeconds()));
        if (c.versionConsistency() != ContainerDefinition.VersionConsistency.ENABLED) {
            node.put("versionConsistency", c.versionConsistency().ecsName());
        }
        c.hostname().ifPresent(hostname -> node.put("hostname", hostname));
        c.user().ifPresent(user -> node.put("user", user));
        c.workingDirectory().ifPresent(directory -> node.put("workingDirectory", directory));
        flag(node, "disableNetworking", c.disableNetworking());
        flag(node, "privileged", c.privileged());
        flag(node, "readonlyRootFilesystem", c.readonlyRootFilesystem());
        strings(node, "dnsServers", c.dnsServers());
        strings(node, "dnsSearchDomains", c.dnsSearchDomains());
        objects(node, "extraHosts", c.extraHosts(),
                h -> JSON.objectNode().put("hostname", h.hostname()).put("ipAddress", h.ipAddress()));
        strings(node, "dockerSecurityOptions", c.dockerSecurityOptions());
        flag(node, "interactive", c.interactive());
        flag(node, "pseudoTerminal", c.pseudoTerminal());
        if (!c.dockerLabels().isEmpty()) { // in the model's (insertion) order
            ObjectNode labels = node.putObject("dockerLabels");
            c.dockerLabels().forEach(labels::put);
        }
        objects(node, "ulimits", c.ulimits(), u -> JSON.objectNode().put("name", u.name())
                .put("softLimit", u.softLimit()).put("hardLimit", u.hardLimit()));
        c.logConfiguration().ifPresent(l -> node.set("logConfiguration", logConfiguration(l)));
        c.healthCheck().ifPresent(h -> node.set("healthCheck", healthCheck(h)));
        objects(node, "systemControls", c.systemControls(),
                s -> JSON.objectNode().put("namespace", s.namespace()).put("value", s.value()));
        objects(node, "resourceRequirements", c.resourceRequirements(), ContainerJsonWriter::resourceRequirement);
        c.firelensConfiguration().ifPresent(f -> {
            ObjectNode firelens = node.putObject("firelensConfiguration");
            firelens.put("type", f.type().ecsName());
            map(firelens, "options", f.options());
        });
        strings(node, "credentialSpecs", c.credentialSpecs());
        return node;
    }

    private static ObjectNode portMapping(PortMapping m) {
        ObjectNode node = JSON.objectNode();
        if (m.containerPortRange().isEmpty()) {
            node.put("containerPort", m.containerPort());
        }
        if (!m.isDynamic()) {
            node.put("hostPort", m.hostPort());
        }
        node.put("protocol", m.protocol().ecsName());
        m.name().ifPresent(name -> node.put("name", name));
        m.appProtocol().ifPresent(protocol -> node.put("appProtocol", protocol));
        m.containerPortRange().ifPresent(range -> node.put("containerPortRange", range));
        return node;
    }

    private static ObjectNode restartPolicy(RestartPolicy p) {
        ObjectNode node = JSON.objectNode();
        node.put("enabled", p.enabled());
        if (!p.ignoredExitCodes().isEmpty()) {
            ArrayNode codes = node.putArray("ignoredExitCodes");
            p.ignoredExitCodes().forEach(codes::add);
        }
        p.restartAttemptPeriod().ifPresent(t -> node.put("restartAttemptPeriod", t.getSeconds()));
        return node;
    }

    private static ObjectNode linuxParameters(LinuxParameters p) {
        ObjectNode node = JSON.objectNode();
        if (!p.capabilitiesAdd().isEmpty() || !p.capabilitiesDrop().isEmpty()) {
            ObjectNode capabilities = node.putObject("capabilities");
            strings(capabilities, "add", p.capabilitiesAdd());
            strings(capabilities, "drop", p.capabilitiesDrop());
        }
        objects(node, "devices", p.devices(), ContainerJsonWriter::device);
        flag(node, "initProcessEnabled", p.initProcessEnabled());
        p.sharedMemorySizeMiB().ifPresent(mib -> node.put("sharedMemorySize", mib));
        objects(node, "tmpfs", p.tmpfs(), ContainerJsonWriter::tmpfs);
        p.maxSwapMiB().ifPresent(mib -> node.put("maxSwap", mib));
        p.swappiness().ifPresent(value -> node.put("swappiness", value));
        return node;
    }

    private static ObjectNode device(Device d) {
        ObjectNode node = JSON.objectNode();
        node.put("hostPath", d.hostPath());
        d.containerPath().ifPresent(path -> node.put("containerPath", path));
        strings(node, "permissions", d.permissions().stream().map(Device.Permission::ecsName).toList());
        return node;
    }

    private static ObjectNode tmpfs(Tmpfs t) {
        ObjectNode node = JSON.objectNode();
        node.put("containerPath", t.containerPath());
        node.put("size", t.sizeMiB());
        strings(node, "mountOptions", t.mountOptions());
        return node;
    }

    private static ObjectNode resourceRequirement(ResourceRequirement r) {
        ObjectNode node = JSON.objectNode();
        node.put("value", r.value());
        node.put("type", r.type().ecsName());
        r.nvidiaMps().ifPresent(mps -> {
            ObjectNode allocation = node.putObject("sharingStrategy").putObject("nvidiaMps");
            mps.memory().ifPresent(mib -> allocation.put("memory", mib));
            mps.maxComputePercent().ifPresent(percent -> allocation.put("maxComputePercent", percent));
        });
        return node;
    }

    private static void secrets(ObjectNode parent, String field, List<Secret> secrets) {
        objects(parent, field, secrets, s -> JSON.objectNode().put("name", s.name()).put("valueFrom", s.valueFrom()));
    }

    private static ObjectNode dependency(ContainerDependency d) {
        return JSON.objectNode().put("containerName", d.containerName()).put("condition", d.condition().name());
    }

    private static ObjectNode logConfiguration(LogConfiguration l) {
        ObjectNode node = JSON.objectNode();
        node.put("logDriver", l.logDriver());
        map(node, "options", l.options());
        secrets(node, "secretOptions", l.secretOptions());
        return node;
    }

    private static ObjectNode healthCheck(HealthCheck h) {
        ObjectNode node = JSON.objectNode();
        ArrayNode command = node.putArray("command"); // required by ECS, so written even when empty
        h.command().forEach(command::add);
        node.put("interval", h.interval().getSeconds());
        node.put("timeout", h.timeout().getSeconds());
        node.put("retries", h.retries());
        h.startPeriod().ifPresent(t -> node.put("startPeriod", t.getSeconds()));
        return node;
    }

    /** Options are sorted by name: the model keeps no order for them, and the output must be stable. */
    private static void map(ObjectNode parent, String field, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode node = parent.putObject(field);
            new TreeMap<>(values).forEach(node::put);
        }
    }

    private static <T> void objects(ObjectNode parent, String field, List<T> values,
                                    Function<T, ObjectNode> write) {
        if (!values.isEmpty()) {
            ArrayNode array = parent.putArray(field);
            values.forEach(v -> array.add(write.apply(v)));
        }
    }

    private static void strings(ObjectNode parent, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = parent.putArray(field);
            values.forEach(array::add);
        }
    }

    private static void flag(ObjectNode parent, String field, boolean value) {
        if (value) {
            parent.put(field, true);
        }
    }
}
