package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.HealthCheck;
import dev.berth.model.LogConfiguration;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.ContainerOverride;
import dev.berth.swarm.PublishMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One container definition as a Swarm task template and endpoint (pure), the way the Docker backend maps it to a
 * container where Swarm can carry it:
 * <ul>
 *   <li>entryPoint → {@code Command}, command → {@code Args} (RunTask's command override replaces it);
 *       environment, then the override's variables, then the resolved secrets → {@code Env};</li>
 *   <li>memory → a memory limit; memoryReservation (else memory) and cpu (1,024 units = 1 CPU) → reservations,
 *       which Swarm's scheduler places by. Swarm has no CPU shares, so cpu weighs nothing at run time;</li>
 *   <li>healthCheck → {@code Healthcheck} in nanoseconds, its start period at least the service's health-check
 *       grace period; stopTimeout (else the default) → {@code StopGracePeriod}; user, workingDirectory, ulimits,
 *       dockerLabels and Berth's labels; logConfiguration → {@code LogDriver}, with the AWS-only drivers
 *       (awslogs, awsfirelens) left to the engine's default so that logs stay readable;</li>
 *   <li>port mappings → published ports: in {@link PublishMode#HOST} mode on the task's node, the host port (0 for
 *       one the engine picks), as ECS's bridge mode; in {@link PublishMode#INGRESS} mode through Swarm's routing
 *       mesh on every node, the host port (0 for one Swarm picks from 30000-32767) shared by the service's
 *       tasks. host and none network modes publish nothing (host mode containers listen on the node itself).</li>
 * </ul>
 */
public final class ContainerTemplates {

    private static final Set<String> AWS_ONLY_LOG_DRIVERS = Set.of("awslogs", "awsfirelens");
    private static final long NANOS_PER_CPU = 1_000_000_000L;
    private static final long MIB = 1024L * 1024L;

    private final PublishMode publishMode;
    private final Duration defaultStopTimeout;

    /**
     * @param publishMode how port mappings are published
     * @param defaultStopTimeout the stop grace of containers without a stopTimeout
     */
    public ContainerTemplates(PublishMode publishMode, Duration defaultStopTimeout) {
        this.publishMode = publishMode;
        this.defaultStopTimeout = defaultStopTimeout;
    }

    /** @return the stop grace of containers without a stopTimeout */
    public Duration defaultStopTimeout() {
        return defaultStopTimeout;
    }

    /**
     * A network a container is attached to, with its names there.
     *
     * @param target the network's name or id
     * @param aliases the container's names on it
     */
    public record Attachment(String target, List<String> aliases) {
        public Attachment {
            aliases = List.copyOf(aliases);
        }
    }

    /**
     * @param c the container
     * @param image the image reference the nodes run
     * @param env {@code NAME=value} entries
     * @param labels the container's labels
     * @param networks the networks it is attached to (none: the node's default bridge)
     * @param placement where it may run
     * @param restartCondition Swarm's restart condition: {@code none} for a task's container, {@code any} for a
     *     service's, which Swarm replaces when it exits
     * @param healthGrace the service's health-check grace period ({@link Duration#ZERO} for none)
     * @return the task template
     */
    public ObjectNode taskTemplate(ContainerDefinition c, String image, List<String> env, Map<String, String> labels,
                                   List<Attachment> networks, SwarmPlacement placement, String restartCondition,
                                   Duration healthGrace) {
        ObjectNode template = SwarmApi.object();
        ObjectNode spec = template.putObject("ContainerSpec");
        spec.put("Image", image);
        strings(spec, "Command", c.entryPoint());
        strings(spec, "Args", c.command());
        strings(spec, "Env", env);
        ObjectNode labelNode = spec.putObject("Labels");
        labels.forEach(labelNode::put);
        c.workingDirectory().ifPresent(d -> spec.put("Dir", d));
        c.user().ifPresent(u -> spec.put("User", u));
        spec.put("StopGracePeriod", c.stopTimeout().orElse(defaultStopTimeout).toNanos());
        c.healthCheck().ifPresent(h -> spec.set("Healthcheck", healthCheck(h, healthGrace)));
        if (!c.ulimits().isEmpty()) {
            ArrayNode ulimits = spec.putArray("Ulimits");
            c.ulimits().forEach(u -> ulimits.addObject().put("Name", u.name()).put("Soft", u.softLimit())
                    .put("Hard", u.hardLimit()));
        }
        ObjectNode resources = template.putObject("Resources");
        c.memoryMiB().ifPresent(m -> resources.putObject("Limits").put("MemoryBytes", m * MIB));
        ObjectNode reservations = resources.putObject("Reservations");
        reservations.put("NanoCPUs", c.cpu() * NANOS_PER_CPU / 1024);
        OptionalInt reserved = c.memoryReservationMiB().isPresent() ? c.memoryReservationMiB() : c.memoryMiB();
        reserved.ifPresent(m -> reservations.put("MemoryBytes", m * MIB));
        template.putObject("RestartPolicy").put("Condition", restartCondition);
        template.set("Placement", placement(placement));
        if (!networks.isEmpty()) {
            ArrayNode attachments = template.putArray("Networks");
            for (Attachment a : networks) {
                ObjectNode n = attachments.addObject().put("Target", a.target());
                strings(n, "Aliases", a.aliases());
            }
        }
        c.logConfiguration().filter(l -> !AWS_ONLY_LOG_DRIVERS.contains(l.logDriver()))
                .ifPresent(l -> template.set("LogDriver", logDriver(l)));
        return template;
    }

    /**
     * @param c the container
     * @param mode the task's network mode
     * @param onOverlay whether it is attached to an overlay network, where it is found by name (DNS round robin:
     *     Swarm's virtual IPs need IPVS on the nodes)
     * @return the service's endpoint: its published ports
     */
    public ObjectNode endpoint(ContainerDefinition c, NetworkMode mode, boolean onOverlay) {
        ObjectNode endpoint = SwarmApi.object();
        boolean publishes = mode != NetworkMode.HOST && mode != NetworkMode.NONE && !c.portMappings().isEmpty();
        boolean ingress = publishes && publishMode == PublishMode.INGRESS;
        endpoint.put("Mode", ingress || !onOverlay ? "vip" : "dnsrr");
        if (publishes) {
            ArrayNode ports = endpoint.putArray("Ports");
            for (PortMapping p : c.portMappings()) {
                ObjectNode port = ports.addObject()
                        .put("Protocol", p.protocol() == Protocol.UDP ? "udp" : "tcp")
                        .put("TargetPort", p.containerPort())
                        .put("PublishMode", ingress ? "ingress" : "host");
                if (!p.isDynamic()) {
                    port.put("PublishedPort", p.hostPort());
                }
            }
        }
        return endpoint;
    }

    /**
     * @param c the container
     * @param override RunTask's override of it, if any
     * @param secrets its secrets' values by variable name
     * @return its environment as {@code NAME=value}: the definition's, then the override's, then the secrets
     */
    public static List<String> environment(ContainerDefinition c, Optional<ContainerOverride> override,
                                           Map<String, String> secrets) {
        Map<String, String> variables = new LinkedHashMap<>();
        c.environment().forEach(v -> variables.put(v.name(), v.value()));
        override.ifPresent(o -> o.environment().forEach(v -> variables.put(v.name(), v.value())));
        variables.putAll(secrets);
        List<String> env = new ArrayList<>();
        variables.forEach((name, value) -> env.add(name + "=" + value));
        return env;
    }

    private static ObjectNode healthCheck(HealthCheck h, Duration grace) {
        ObjectNode check = SwarmApi.object();
        strings(check, "Test", h.command());
        check.put("Interval", h.interval().toNanos());
        check.put("Timeout", h.timeout().toNanos());
        check.put("Retries", h.retries());
        Duration start = h.startPeriod().orElse(Duration.ZERO);
        check.put("StartPeriod", (grace.compareTo(start) > 0 ? grace : start).toNanos());
        return check;
    }

    private static ObjectNode placement(SwarmPlacement placement) {
        ObjectNode node = SwarmApi.object();
        strings(node, "Constraints", placement.constraints());
        ArrayNode preferences = node.putArray("Preferences");
        placement.spreadOver().forEach(d -> preferences.addObject().putObject("Spread").put("SpreadDescriptor", d));
        if (placement.maxReplicasPerNode() > 0) {
            node.put("MaxReplicas", placement.maxReplicasPerNode());
        }
        return node;
    }

    private static ObjectNode logDriver(LogConfiguration l) {
        ObjectNode driver = SwarmApi.object().put("Name", l.logDriver());
        ObjectNode options = driver.putObject("Options");
        l.options().forEach(options::put);
        return driver;
    }

    private static void strings(ObjectNode node, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }
}
