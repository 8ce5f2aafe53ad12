package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.docker.internal.Labels;
import dev.berth.exception.InvalidSpecException;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.HealthCheck;
import dev.berth.model.LogConfiguration;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.model.Ulimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Berth revision a Swarm-managed service's spec runs, read back from the spec (pure), for a revision this process
 * was not given (it was started before a restart, or by another process), as the AWS backend describes an ECS
 * revision it does not know. The spec carries what the container template maps ({@link ContainerTemplates}); the
 * labels add what Swarm does not keep as such: the revision's ARN, the image as written (the spec names it pinned),
 * and which variables are secrets and where their values come from (never their values, which are in the spec's
 * environment and are left out here). What the template cannot hold (dependsOn, task-level cpu and memory, tags)
 * is not read back.
 */
public final class SpecRevisions {

    /** The image as the task definition names it (the spec names it pinned to a digest or id). */
    public static final String IMAGE = "dev.berth.image";
    /** The container's secrets, {@code NAME=valueFrom} joined by newlines. */
    public static final String SECRETS = "dev.berth.secrets";

    private static final long MIB = 1024L * 1024L;
    private static final long NANOS_PER_CPU = 1_000_000_000L;

    private SpecRevisions() {
    }

    /** @return the labels that let {@link #of} read the container back: its image as written, its secrets */
    static Map<String, String> labels(ContainerDefinition c) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(IMAGE, c.image().toString());
        if (!c.secrets().isEmpty()) {
            labels.put(SECRETS, String.join("\n", c.secrets().stream().map(s -> s.name() + "=" + s.valueFrom())
                    .toList()));
        }
        return labels;
    }

    /**
     * @param template a service's (or task's) task template
     * @param endpoint the service's endpoint spec; missing for a task's, whose port mappings are then not read back
     * @param registeredAt when the revision is taken to be registered
     * @return the revision the template runs, if the template is one Berth wrote
     */
    public static Optional<RegisteredTaskDefinition> of(JsonNode template, JsonNode endpoint, Instant registeredAt) {
        JsonNode spec = template.path("ContainerSpec");
        Map<String, String> labels = Json.strings(spec.path("Labels"));
        String arn = labels.getOrDefault(Labels.TASK_DEFINITION, "");
        String name = labels.getOrDefault(Labels.CONTAINER, "");
        int colon = arn.lastIndexOf(':');
        if (arn.isEmpty() || name.isEmpty() || colon < 0) {
            return Optional.empty();
        }
        String family = arn.substring(arn.lastIndexOf('/') + 1, colon);
        int revision;
        try {
            revision = Integer.parseInt(arn.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        TaskDefinition definition;
        try {
            definition = TaskDefinition.builder(family)
                    .container(container(name, spec, template, endpoint, labels))
                    .networkMode(networkMode(template))
                    .build();
        } catch (InvalidSpecException | IllegalArgumentException notBerths) {
            return Optional.empty(); // a template whose labels were written by someone else
        }
        return Optional.of(new RegisteredTaskDefinition(arn, revision, TaskDefinitionStatus.ACTIVE, definition,
                registeredAt, Optional.empty()));
    }

    private static ContainerDefinition container(String name, JsonNode spec, JsonNode template, JsonNode endpoint,
                                                 Map<String, String> labels) {
        ContainerDefinition.Builder c = ContainerDefinition.builder(name)
                .image(labels.getOrDefault(IMAGE, spec.path("Image").asText()))
                .entryPoint(strings(spec.path("Command")))
                .command(strings(spec.path("Args")));
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String line : labels.getOrDefault(SECRETS, "").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                secrets.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        secrets.forEach(c::secret);
        for (String variable : strings(spec.path("Env"))) {
            int eq = variable.indexOf('=');
            String key = eq < 0 ? variable : variable.substring(0, eq);
            if (!secrets.containsKey(key)) {
                c.environment(key, eq < 0 ? "" : variable.substring(eq + 1));
            }
        }
        JsonNode resources = template.path("Resources");
        long limit = resources.path("Limits").path("MemoryBytes").asLong(0);
        long reserved = resources.path("Reservations").path("MemoryBytes").asLong(0);
        if (limit > 0) {
            c.memoryMiB((int) (limit / MIB));
        }
        if (reserved > 0 && reserved != limit) {
            c.memoryReservationMiB((int) (reserved / MIB));
        }
        c.cpu((int) (resources.path("Reservations").path("NanoCPUs").asLong(0) * 1024 / NANOS_PER_CPU));
        if (spec.hasNonNull("Dir")) {
            c.workingDirectory(spec.path("Dir").asText());
        }
        if (spec.hasNonNull("User")) {
            c.user(spec.path("User").asText());
        }
        if (spec.has("StopGracePeriod")) {
            c.stopTimeout(Duration.ofNanos(spec.path("StopGracePeriod").asLong()));
        }
        JsonNode check = spec.path("Healthcheck");
        if (check.path("Test").size() > 0 && !check.path("Test").get(0).asText().equals("NONE")) {
            long start = check.path("StartPeriod").asLong(0);
            c.healthCheck(new HealthCheck(strings(check.path("Test")), Duration.ofNanos(check.path("Interval")
                    .asLong(HealthCheck.DEFAULT_INTERVAL.toNanos())), Duration.ofNanos(check.path("Timeout")
                    .asLong(HealthCheck.DEFAULT_TIMEOUT.toNanos())), check.path("Retries")
                    .asInt(HealthCheck.DEFAULT_RETRIES), start > 0 ? Optional.of(Duration.ofNanos(start))
                    : Optional.empty()));
        }
        for (JsonNode u : spec.path("Ulimits")) {
            c.ulimit(new Ulimit(u.path("Name").asText(), u.path("Soft").asInt(), u.path("Hard").asInt()));
        }
        for (JsonNode p : endpoint.path("Ports")) {
            c.portMapping(new PortMapping(p.path("TargetPort").asInt(), p.path("PublishedPort").asInt(0),
                    p.path("Protocol").asText("tcp").equals("udp") ? Protocol.UDP : Protocol.TCP, Optional.empty(),
                    Optional.empty()));
        }
        JsonNode driver = template.path("LogDriver");
        if (driver.hasNonNull("Name")) {
            c.logConfiguration(new LogConfiguration(driver.path("Name").asText(), Json.strings(driver.path("Options")),
                    List.of()));
        }
        Map<String, String> dockerLabels = new LinkedHashMap<>(labels);
        dockerLabels.keySet().removeIf(k -> k.startsWith("dev.berth."));
        c.dockerLabels(dockerLabels);
        return c.build();
    }

    private static NetworkMode networkMode(JsonNode template) {
        Set<String> targets = new HashSet<>();
        template.path("Networks").forEach(n -> targets.add(n.path("Target").asText()));
        return targets.contains("host") ? NetworkMode.HOST : targets.contains("none") ? NetworkMode.NONE
                : NetworkMode.BRIDGE;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
