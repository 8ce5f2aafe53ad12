package dev.berth.kubernetes.internal;

import dev.berth.exception.InvalidSpecException;
import dev.berth.model.RuntimePlatform;
import dev.berth.spi.TaskDefinitionFeatures;
import dev.berth.exception.SpecProblem;
import dev.berth.json.EcsTaskDefinitionJson;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.ContainerOverride;
import dev.berth.model.DependencyCondition;
import dev.berth.model.HealthCheck;
import dev.berth.model.NetworkMode;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Secret;
import dev.berth.model.TaskDefinition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A task definition as a Kubernetes pod template, field by field (docs/backends.md has the table):
 *
 * <ul>
 *   <li>each container: {@code entryPoint} → {@code command}, {@code command} → {@code args}, {@code image},
 *       {@code workingDirectory}, numeric {@code user} → {@code runAsUser}/{@code runAsGroup};</li>
 *   <li>{@code cpu} units → a CPU request in millicores (1,024 units = 1 CPU), {@code memory} → the memory limit
 *       (and the request when there is no {@code memoryReservation}), {@code memoryReservation} → the memory
 *       request; task-level cpu and memory → the first container's requests when no container sets them;</li>
 *   <li>port mappings → container ports; a static host port → {@code hostPort};</li>
 *   <li>{@code environment} → env; {@code secrets} → env from a Kubernetes Secret that the backend fills through
 *       its resolver;</li>
 *   <li>the health check → readiness and liveness probes (interval → period, timeout, retries → failure
 *       threshold), and a startup probe covering {@code startPeriod};</li>
 *   <li>{@code stopTimeout} → the pod's termination grace period (the longest; 30 s by default, as ECS);</li>
 *   <li>{@code dependsOn}: a container others wait for with COMPLETE or SUCCESS → an init container, with START →
 *       a native sidecar (an init container that keeps running), with HEALTHY → a native sidecar whose startup
 *       probe is its health check, so the kubelet starts the next container once it passes;</li>
 *   <li>{@code networkMode} host → {@code hostNetwork}; {@code pidMode} host/task → {@code hostPID}/
 *       {@code shareProcessNamespace}; {@code ipcMode} host → {@code hostIPC};</li>
 *   <li>containers' {@code dockerLabels} → pod annotations; task-definition tags → pod labels (annotations
 *       where a tag is no valid label).</li>
 * </ul>
 *
 * <p>What Kubernetes cannot express is refused with the field's path: {@code networkMode} none, {@code ipcMode}
 * none, a named {@code user}, one container waited for both to start and to complete, and the host and storage
 * features of {@link TaskDefinitionFeatures} (volumes, mounts, Linux parameters, FireLens, ...), which this backend
 * does not carry yet. {@code runtimePlatform} becomes a node selector on {@code kubernetes.io/arch} and
 * {@code kubernetes.io/os}. What has no meaning there is not mapped: ulimits, log configuration (the cluster's
 * logging collects stdout), links (a pod's containers share localhost), {@code startTimeout}, container restart
 * policies, IAM roles.
 */
public final class PodTemplates {

    /** ECS's default grace between SIGTERM and SIGKILL. */
    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern NUMERIC_USER = Pattern.compile("(\\d+)(?::(\\d+))?");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final EcsTaskDefinitionJson JSON = EcsTaskDefinitionJson.create();

    private PodTemplates() {
    }

    /**
     * How the pod runs, which the definition does not say.
     *
     * @param restartAlways whether exited containers restart in place (Deployments and DaemonSets need it); a task
     *     Berth starts itself restarts nothing, so an exited essential container stops it as on ECS
     * @param secretName the Secret holding the definition's secrets; empty if it has none
     * @param overrides RunTask's per-container overrides
     */
    public record Options(boolean restartAlways, Optional<String> secretName, List<ContainerOverride> overrides) {
        public Options {
            java.util.Objects.requireNonNull(secretName, "secretName");
            overrides = List.copyOf(overrides);
        }
    }

    /**
     * @param name a container's name in the task definition
     * @return its name in the pod
     */
    public static String containerName(String name) {
        return BerthLabels.dnsName(name, 63);
    }

    /**
     * @param secret a secret of a container
     * @return its key in the definition's Kubernetes Secret
     */
    public static String secretKey(Secret secret) {
        return secret.name();
    }

    /**
     * @param revision a registered task definition
     * @throws InvalidSpecException listing everything in it that Kubernetes cannot run
     */
    public static void check(RegisteredTaskDefinition revision) {
        List<SpecProblem> problems = new ArrayList<>();
        roles(revision.definition(), problems);
        TaskDefinition definition = revision.definition();
        if (definition.networkMode() == NetworkMode.NONE) {
            problems.add(new SpecProblem("networkMode", "kubernetes.networkMode", "none",
                    "Kubernetes always gives a pod a network: use bridge or awsvpc (the pod network) or host"));
        }
        if (definition.ipcMode().filter("none"::equals).isPresent()) {
            problems.add(new SpecProblem("ipcMode", "kubernetes.ipcMode", "none",
                    "the containers of a pod always share an IPC namespace: use task, host, or leave ipcMode out"));
        }
        for (int i = 0; i < definition.containerDefinitions().size(); i++) {
            ContainerDefinition container = definition.containerDefinitions().get(i);
            String path = "containerDefinitions[" + i + "]";
            container.user().filter(u -> !NUMERIC_USER.matcher(u).matches()).ifPresent(user -> problems.add(
                    new SpecProblem(path + ".user", "kubernetes.user", user,
                            "Kubernetes runs a container as a numeric user: write the uid (uid:gid), not a name")));
            for (String key : container.dockerLabels().keySet()) {
                if (!QUALIFIED_NAME.matcher(key).matches()) {
                    problems.add(new SpecProblem("containerDefinitions[" + i + "].dockerLabels", "kubernetes.label",
                            key, "docker labels become pod annotations, whose keys are [prefix/]name with letters,"
                            + " digits, '-', '_' and '.' (name up to 63 characters)"));
                }
            }
        }
        TaskDefinitionFeatures.inUse(definition).forEach(path -> problems.add(new SpecProblem(path,
                "kubernetes.notCarried", "", "the Kubernetes backend does not carry '" + path + "' into a pod"
                + " template yet; remove it, or run the definition on the Docker backend, which does")));
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("task definition '" + revision.ref() + "' for Kubernetes", problems);
        }
    }

    /**
     * @param revision the revision to run, already {@link #check checked}
     * @param options how the pod runs
     * @return the pod template: its annotations name the revision (and carry it as ECS JSON, so that a new process
     *     reads back what runs) and the Berth names of its containers
     */
    public static PodTemplateSpec template(RegisteredTaskDefinition revision, Options options) {
        TaskDefinition definition = revision.definition();
        check(revision);
        Map<String, Role> roles = roles(definition, new ArrayList<>());
        Map<String, ContainerOverride> overrides = options.overrides().stream()
                .collect(Collectors.toMap(ContainerOverride::containerName, o -> o, (a, b) -> b));
        List<Container> init = new ArrayList<>();
        List<Container> regular = new ArrayList<>();
        boolean taskResourcesGoFirst = definition.containerDefinitions().stream()
                .noneMatch(c -> c.cpu() > 0 || c.memoryMiB().isPresent() || c.memoryReservationMiB().isPresent());
        for (ContainerDefinition container : initOrder(definition, roles)) {
            Role role = roles.get(container.name());
            boolean first = container == definition.containerDefinitions().get(0);
            Container mapped = container(container, role, options, overrides.get(container.name()),
                    first && taskResourcesGoFirst ? definition : null);
            (role == Role.REGULAR ? regular : init).add(mapped);
        }
        long grace = definition.containerDefinitions().stream()
                .map(c -> c.stopTimeout().orElse(DEFAULT_STOP_TIMEOUT).toSeconds())
                .max(Long::compare).orElse(DEFAULT_STOP_TIMEOUT.toSeconds());
        PodSpecBuilder spec = new PodSpecBuilder()
                .withContainers(regular)
                .withInitContainers(init)
                .withRestartPolicy(options.restartAlways() ? "Always" : "Never")
                .withTerminationGracePeriodSeconds(grace)
                // Tasks do not talk to the API server, and a pod's environment holds only what the definition says.
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false);
        if (definition.networkMode() == NetworkMode.HOST) {
            spec.withHostNetwork(true);
        }
        definition.pidMode().ifPresent(mode -> {
            if (mode.equals("host")) {
                spec.withHostPID(true);
            } else if (mode.equals("task")) {
                spec.withShareProcessNamespace(true);
            }
        });
        if (definition.ipcMode().filter("host"::equals).isPresent()) {
            spec.withHostIPC(true);
        }
        Map<String, String> platform = platformSelector(definition);
        if (!platform.isEmpty()) {
            spec.withNodeSelector(platform);
        }
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(labels(definition))
                .withAnnotations(annotations(revision))
                .endMetadata()
                .withSpec(spec.build())
                .build();
    }

    /**
     * @return the node labels that {@code runtimePlatform} asks for (Kubernetes' well-known {@code kubernetes.io/arch}
     *     and {@code kubernetes.io/os}), so that the kubelet of another platform is never given the pod
     */
    static Map<String, String> platformSelector(TaskDefinition definition) {
        Map<String, String> selector = new TreeMap<>();
        definition.runtimePlatform().ifPresent(platform -> {
            platform.cpuArchitecture().ifPresent(arch -> selector.put("kubernetes.io/arch",
                    arch == RuntimePlatform.CpuArchitecture.ARM64 ? "arm64" : "amd64"));
            platform.operatingSystemFamily().ifPresent(os -> selector.put("kubernetes.io/os",
                    os == RuntimePlatform.OperatingSystemFamily.LINUX ? "linux" : "windows"));
        });
        return selector;
    }

    private static Map<String, String> labels(TaskDefinition definition) {
        Map<String, String> labels = new TreeMap<>();
        definition.tags().stream()
                .filter(t -> QUALIFIED_NAME.matcher(t.key()).matches() && BerthLabels.labelValue(t.value())
                        .equals(t.value()))
                .forEach(t -> labels.put(t.key(), t.value()));
        labels.put(BerthLabels.MANAGED_BY, BerthLabels.BERTH);
        return labels;
    }

    private static Map<String, String> annotations(RegisteredTaskDefinition revision) {
        TaskDefinition definition = revision.definition();
        Map<String, String> annotations = new TreeMap<>();
        definition.tags().stream()
                .filter(t -> QUALIFIED_NAME.matcher(t.key()).matches()
                        && !BerthLabels.labelValue(t.value()).equals(t.value()))
                .forEach(t -> annotations.put(t.key(), t.value()));
        definition.containerDefinitions().forEach(c -> annotations.putAll(c.dockerLabels()));
        annotations.put(BerthLabels.TASK_DEFINITION, revision.arn());
        annotations.put(BerthLabels.TASK_DEFINITION_JSON, JSON.writeRegistered(revision));
        annotations.put(BerthLabels.CONTAINER_NAMES, definition.containerDefinitions().stream()
                .map(ContainerDefinition::name).collect(Collectors.joining(",")));
        return annotations;
    }

    /**
     * @param json the {@link BerthLabels#TASK_DEFINITION_JSON} annotation
     * @return the revision it holds
     */
    public static RegisteredTaskDefinition revisionFromJson(String json) {
        return JSON.readRegistered(json);
    }

    private static Container container(ContainerDefinition definition, Role role, Options options,
                                       ContainerOverride override, TaskDefinition taskResources) {
        ContainerBuilder container = new ContainerBuilder()
                .withName(containerName(definition.name()))
                .withImage(definition.image().toString())
                .withCommand(definition.entryPoint())
                .withArgs(override != null && override.command().isPresent()
                        ? override.command().get() : definition.command())
                .withEnv(environment(definition, options.secretName(), override))
                .withPorts(ports(definition.portMappings()))
                .withResources(resources(definition, taskResources));
        definition.workingDirectory().ifPresent(container::withWorkingDir);
        definition.user().ifPresent(user -> {
            Matcher numeric = NUMERIC_USER.matcher(user);
            if (numeric.matches()) {
                SecurityContextBuilder security = new SecurityContextBuilder()
                        .withRunAsUser(Long.parseLong(numeric.group(1)));
                if (numeric.group(2) != null) {
                    security.withRunAsGroup(Long.parseLong(numeric.group(2)));
                }
                container.withSecurityContext(security.build());
            }
        });
        definition.healthCheck().ifPresent(check -> {
            if (role == Role.REGULAR || role == Role.SIDECAR || role == Role.HEALTHY_SIDECAR) {
                container.withReadinessProbe(probe(check, check.retries()));
                container.withLivenessProbe(probe(check, check.retries()));
            }
            if (check.startPeriod().isPresent() || role == Role.HEALTHY_SIDECAR) {
                container.withStartupProbe(probe(check, startupFailureThreshold(check)));
            }
        });
        if (role == Role.SIDECAR || role == Role.HEALTHY_SIDECAR) {
            container.withRestartPolicy("Always");
        }
        return container.build();
    }

    /** Failures the startup probe allows: those of the start period, then the retries, as ECS counts them. */
    static int startupFailureThreshold(HealthCheck check) {
        long interval = Math.max(1, check.interval().toSeconds());
        long startPeriod = check.startPeriod().orElse(Duration.ZERO).toSeconds();
        return Math.toIntExact((startPeriod + interval - 1) / interval + check.retries());
    }

    static Probe probe(HealthCheck check, int failureThreshold) {
        return new ProbeBuilder()
                .withNewExec().withCommand(execCommand(check.command())).endExec()
                .withPeriodSeconds(Math.toIntExact(Math.max(1, check.interval().toSeconds())))
                .withTimeoutSeconds(Math.toIntExact(Math.max(1, check.timeout().toSeconds())))
                .withFailureThreshold(failureThreshold)
                .withSuccessThreshold(1)
                .build();
    }

    /** @return Docker's health-check form as an exec probe: CMD-SHELL through /bin/sh -c, CMD as it is */
    static List<String> execCommand(List<String> ecsCommand) {
        if (ecsCommand.isEmpty()) {
            return List.of();
        }
        List<String> rest = ecsCommand.subList(1, ecsCommand.size());
        return switch (ecsCommand.get(0)) {
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", rest));
            case "CMD" -> List.copyOf(rest);
            default -> List.copyOf(ecsCommand);
        };
    }

    private static List<EnvVar> environment(ContainerDefinition definition, Optional<String> secretName,
                                            ContainerOverride override) {
        Map<String, String> plain = new LinkedHashMap<>();
        definition.environment().forEach(v -> plain.put(v.name(), v.value()));
        if (override != null) {
            override.environment().forEach(v -> plain.put(v.name(), v.value()));
        }
        List<EnvVar> env = new ArrayList<>();
        plain.forEach((name, value) -> env.add(new EnvVar(name, value, null)));
        for (Secret secret : definition.secrets()) {
            String name = secretName.orElseThrow(() -> new IllegalStateException(
                    "container " + definition.name() + " has secrets but the pod was given no Secret"));
            env.add(new EnvVarBuilder().withName(secret.name())
                    .withNewValueFrom().withNewSecretKeyRef(secretKey(secret), name, false).endValueFrom()
                    .build());
        }
        return env;
    }

    private static List<ContainerPort> ports(List<PortMapping> mappings) {
        List<ContainerPort> ports = new ArrayList<>();
        for (PortMapping mapping : mappings) {
            ContainerPortBuilder port = new ContainerPortBuilder()
                    .withContainerPort(mapping.containerPort())
                    .withProtocol(mapping.protocol() == Protocol.UDP ? "UDP" : "TCP");
            if (mapping.hostPort() > 0) {
                port.withHostPort(mapping.hostPort());
            }
            mapping.name().map(n -> n.toLowerCase(java.util.Locale.ROOT))
                    .filter(n -> PORT_NAME.matcher(n).matches() && n.chars().anyMatch(Character::isLetter))
                    .ifPresent(port::withName);
            ports.add(port.build());
        }
        return ports;
    }

    private static io.fabric8.kubernetes.api.model.ResourceRequirements resources(ContainerDefinition container,
                                                                                  TaskDefinition taskResources) {
        Map<String, Quantity> requests = new TreeMap<>();
        Map<String, Quantity> limits = new TreeMap<>();
        int cpu = container.cpu() > 0 ? container.cpu()
                : taskResources == null ? 0 : taskResources.cpu().orElse(0);
        if (cpu > 0) {
            requests.put("cpu", millicores(cpu));
        }
        OptionalInt reservation = container.memoryReservationMiB();
        OptionalInt limit = container.memoryMiB();
        if (limit.isPresent()) {
            limits.put("memory", mebibytes(limit.getAsInt()));
        }
        OptionalInt request = reservation.isPresent() ? reservation
                : limit.isPresent() ? limit : taskResources == null ? OptionalInt.empty() : taskResources.memoryMiB();
        request.ifPresent(mib -> requests.put("memory", mebibytes(mib)));
        return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
    }

    /**
     * @param cpuUnits ECS CPU units, 1,024 per CPU
     * @return the CPU quantity in millicores, rounded up so that the request never undercuts the reservation
     */
    public static Quantity millicores(int cpuUnits) {
        return new Quantity(((cpuUnits * 1000L + 1023) / 1024) + "m");
    }

    /**
     * @param mib mebibytes
     * @return the memory quantity
     */
    public static Quantity mebibytes(int mib) {
        return new Quantity(mib + "Mi");
    }

    /** How a container runs in the pod. */
    enum Role {
        /** A container of the pod: started once the init containers and sidecars are. */
        REGULAR,
        /** Runs to completion before the containers that wait for it (COMPLETE, SUCCESS). */
        INIT,
        /** A native sidecar: started before the containers that wait for it to START, and kept running. */
        SIDECAR,
        /** A native sidecar whose startup probe (its health check) passes before the next container starts. */
        HEALTHY_SIDECAR
    }

    /** @return each container's role, from how the others wait for it; problems added for what cannot map */
    static Map<String, Role> roles(TaskDefinition definition, List<SpecProblem> problems) {
        Map<String, Set<DependencyCondition>> waitedFor = new LinkedHashMap<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            for (ContainerDependency dependency : container.dependsOn()) {
                waitedFor.computeIfAbsent(dependency.containerName(), n -> EnumSet.noneOf(DependencyCondition.class))
                        .add(dependency.condition());
            }
        }
        Map<String, Role> roles = new LinkedHashMap<>();
        List<ContainerDefinition> containers = definition.containerDefinitions();
        for (int i = 0; i < containers.size(); i++) {
            ContainerDefinition container = containers.get(i);
            Set<DependencyCondition> conditions = waitedFor.getOrDefault(container.name(), Set.of());
            boolean completes = conditions.contains(DependencyCondition.COMPLETE)
                    || conditions.contains(DependencyCondition.SUCCESS);
            boolean keepsRunning = conditions.contains(DependencyCondition.START)
                    || conditions.contains(DependencyCondition.HEALTHY);
            if (completes && keepsRunning) {
                problems.add(new SpecProblem("containerDefinitions[" + i + "]", "kubernetes.dependsOn",
                        container.name(), "other containers wait for '" + container.name() + "' both to start and"
                        + " to complete: in a pod it is either an init container (runs to completion first) or a"
                        + " sidecar (keeps running); choose one condition"));
            }
            roles.put(container.name(), completes ? Role.INIT
                    : conditions.contains(DependencyCondition.HEALTHY) ? Role.HEALTHY_SIDECAR
                    : keepsRunning ? Role.SIDECAR : Role.REGULAR);
        }
        return roles;
    }

    /** @return the containers with init containers and sidecars first, each after the ones it waits for */
    private static List<ContainerDefinition> initOrder(TaskDefinition definition, Map<String, Role> roles) {
        Map<String, ContainerDefinition> byName = new LinkedHashMap<>();
        definition.containerDefinitions().forEach(c -> byName.put(c.name(), c));
        Set<String> ordered = new LinkedHashSet<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            if (roles.get(container.name()) != Role.REGULAR) {
                visit(container, byName, ordered, new LinkedHashSet<>());
            }
        }
        definition.containerDefinitions().stream().map(ContainerDefinition::name).forEach(ordered::add);
        return ordered.stream().map(byName::get).toList();
    }

    private static void visit(ContainerDefinition container, Map<String, ContainerDefinition> byName,
                              Set<String> ordered, Set<String> onPath) {
        if (ordered.contains(container.name()) || !onPath.add(container.name())) {
            return; // ECS refuses dependency cycles at registration; a repeated visit adds nothing
        }
        for (ContainerDependency dependency : container.dependsOn()) {
            ContainerDefinition target = byName.get(dependency.containerName());
            if (target != null) {
                visit(target, byName, ordered, onPath);
            }
        }
        ordered.add(container.name());
    }
}
