package dev.berth.model.internal;

import dev.berth.model.ContainerDefinition;
import dev.berth.model.DependencyCondition;
import dev.berth.model.FirelensConfiguration;
import dev.berth.model.HealthCheck;
import dev.berth.model.LogConfiguration;
import dev.berth.model.NetworkMode;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.RestartPolicy;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Ulimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One mutator per rule: each takes a valid task definition and breaks that rule at a known path. A mutator may
 * not apply to every definition (Fargate-only rules need a Fargate definition); it then returns nothing.
 * Breaking one rule may break others as a consequence (an unnamed container is also an unknown link target), so
 * properties check that the targeted problem is among those reported.
 */
final class RuleMutators {

    /** The definition to build, which must fail, and the path of the problem it must report. */
    record Breakage(Supplier<TaskDefinition> attempt, String path) {
    }

    /** Breaks the rule with id {@code rule}. */
    record Mutator(String rule, Function<TaskDefinition, Optional<Breakage>> breaker) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static final String FIRST = "containerDefinitions[0]";
    private static final String TOO_LONG_NAME = "n".repeat(256);

    private RuleMutators() {
    }

    static List<Mutator> all() {
        List<Mutator> mutators = new ArrayList<>();
        mutators.addAll(taskLevel());
        mutators.addAll(containerFields());
        mutators.addAll(portMappings());
        mutators.addAll(variables());
        mutators.addAll(healthChecks());
        mutators.addAll(dependencies());
        mutators.addAll(containerParts());
        mutators.addAll(taskSize());
        mutators.addAll(fargate());
        mutators.addAll(FeatureRuleMutators.all());
        return mutators;
    }

    private static List<Mutator> taskLevel() {
        return List.of(
                always("family.pattern", td -> task(td.toBuilder().family("bad family"), "family")),
                always("containerDefinitions.empty", td -> task(td.toBuilder().containers(List.of()),
                        "containerDefinitions")),
                always("containerDefinitions.tooMany", td -> {
                    TaskDefinition.Builder builder = td.toBuilder();
                    for (int i = td.containerDefinitions().size(); i < 11; i++) {
                        builder.container(minimal(freshName(td, "extra" + i)).build());
                    }
                    return task(builder, "containerDefinitions");
                }),
                always("containerDefinitions.essential", td -> task(td.toBuilder().containers(td.containerDefinitions()
                        .stream().map(c -> c.toBuilder().essential(false).build()).toList()), "containerDefinitions")),
                always("pidMode.value", td -> task(td.toBuilder().pidMode("shared"), "pidMode")),
                always("ipcMode.value", td -> task(td.toBuilder().ipcMode("private"), "ipcMode")),
                always("placementConstraints.tooMany", td -> {
                    TaskDefinition.Builder builder = td.toBuilder();
                    for (int i = 0; i < 11; i++) {
                        builder.placementConstraint(PlacementConstraint.memberOf("attribute:n == " + i));
                    }
                    return task(builder, "placementConstraints");
                }),
                always("placementConstraints.type", td -> task(td.toBuilder()
                                .placementConstraint(PlacementConstraint.distinctInstance()),
                        "placementConstraints[" + td.placementConstraints().size() + "].type")),
                always("placementConstraints.expression.empty", td -> task(td.toBuilder()
                                .placementConstraint(PlacementConstraint.memberOf("")),
                        "placementConstraints[" + td.placementConstraints().size() + "].expression")),
                always("placementConstraints.expression.tooLong", td -> task(td.toBuilder()
                                .placementConstraint(PlacementConstraint.memberOf("attribute:a == " + "x".repeat(1990))),
                        "placementConstraints[" + td.placementConstraints().size() + "].expression")),
                always("tags.tooMany", td -> {
                    TaskDefinition.Builder builder = td.toBuilder();
                    for (int i = 0; i < 51; i++) {
                        builder.tag("bulk-" + i, "v");
                    }
                    return task(builder, "tags");
                }),
                always("tags.key.length", td -> task(td.toBuilder().tag("", "v"), "tags[" + td.tags().size() + "].key")),
                always("tags.key.duplicate", td -> task(td.toBuilder().tag("dup", "a").tag("dup", "b"),
                        "tags[" + (td.tags().size() + 1) + "].key")),
                always("tags.value.length", td -> task(td.toBuilder().tag("long", "v".repeat(257)),
                        "tags[" + td.tags().size() + "].value")));
    }

    private static List<Mutator> containerFields() {
        int unused = 0;
        return List.of(
                always("container.name.empty", td -> onLast(td, c -> c.name(""), "name")),
                always("container.name.pattern", td -> onLast(td, c -> c.name("bad name"), "name")),
                always("container.name.duplicate", td -> {
                    String first = td.containerDefinitions().get(0).name();
                    return task(td.toBuilder().container(minimal(first).build()),
                            container(td.containerDefinitions().size()) + ".name");
                }),
                always("container.image.empty", td -> onFirst(td, c -> c.image(""), "image")),
                always("container.image.tooLong", td -> onFirst(td, c -> c.image("i".repeat(256)), "image")),
                always("container.image.characters", td -> onFirst(td, c -> c.image("busy box"), "image")),
                always("container.image.digest", td -> onFirst(td, c -> c.image("busybox@sha256:abc"), "image")),
                always("container.cpu.negative", td -> onFirst(td, c -> c.cpu(-1), "cpu")),
                always("container.memory.required", td -> {
                    List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
                    containers.set(0, withMemory(containers.get(0), OptionalInt.empty(), OptionalInt.empty()));
                    return task(() -> rebuild(td, containers, td.cpu(), OptionalInt.empty()), FIRST + ".memory");
                }),
                always("container.memory.minimum", td -> onFirstMemory(td, OptionalInt.of(5), OptionalInt.empty(),
                        "memory")),
                always("container.memory.reservation", td -> onFirstMemory(td, OptionalInt.of(63), OptionalInt.of(64),
                        "memory")),
                always("container.memory.exceedsTask", td -> {
                    int taskMemory = td.memoryMiB().orElse(1024);
                    List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
                    containers.set(0, withMemory(containers.get(0), OptionalInt.of(taskMemory + 1),
                            OptionalInt.empty()));
                    return task(() -> rebuild(td, containers, td.cpu(), OptionalInt.of(taskMemory)),
                            FIRST + ".memory");
                }),
                always("container.memoryReservation.minimum", td -> onFirstMemory(td,
                        td.containerDefinitions().get(0).memoryMiB(), OptionalInt.of(unused), "memoryReservation")),
                unlessFargate("container.startTimeout.negative",
                        td -> onFirst(td, c -> c.startTimeout(Duration.ofSeconds(-1)), "startTimeout")),
                always("container.startTimeout.wholeSeconds",
                        td -> onFirst(td, c -> c.startTimeout(Duration.ofMillis(10_500)), "startTimeout")),
                unlessFargate("container.stopTimeout.negative",
                        td -> onFirst(td, c -> c.stopTimeout(Duration.ofSeconds(-1)), "stopTimeout")),
                always("container.stopTimeout.wholeSeconds",
                        td -> onFirst(td, c -> c.stopTimeout(Duration.ofMillis(10_500)), "stopTimeout")));
    }

    private static List<Mutator> portMappings() {
        Predicate<TaskDefinition> portsAllowed = td -> td.networkMode() != NetworkMode.NONE;
        return List.of(
                when("portMappings.containerPort.range", portsAllowed, td -> addPorts(td, ".containerPort",
                        PortMapping.of(0))),
                when("portMappings.hostPort.range", portsAllowed, td -> addPorts(td, ".hostPort",
                        PortMapping.of(80, 70_000))),
                always("portMappings.networkModeNone", td -> {
                    List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
                    containers.set(0, containers.get(0).toBuilder().portMapping(80).build());
                    return task(td.toBuilder().containers(containers).networkMode(NetworkMode.NONE),
                            FIRST + ".portMappings");
                }),
                always("portMappings.hostPort.networkMode", td -> {
                    int next = td.containerDefinitions().get(0).portMappings().size();
                    List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
                    containers.set(0, containers.get(0).toBuilder().portMapping(80, 81).build());
                    NetworkMode mode = td.networkMode() == NetworkMode.AWSVPC ? NetworkMode.AWSVPC : NetworkMode.HOST;
                    return task(td.toBuilder().containers(containers).networkMode(mode),
                            FIRST + ".portMappings[" + next + "].hostPort");
                }),
                when("portMappings.protocol.conflict", portsAllowed, td -> addPorts(td, ".protocol",
                        PortMapping.of(5353), PortMapping.of(5353).withProtocol(Protocol.UDP))),
                when("portMappings.name.pattern", portsAllowed, td -> addPorts(td, ".name",
                        PortMapping.of(4317).withName("-OTLP"))),
                when("portMappings.hostPort.duplicate", portsAllowed, td -> {
                    boolean bridge = td.networkMode() == NetworkMode.BRIDGE;
                    return addPorts(td, ".hostPort", PortMapping.of(1000, bridge ? 40_000 : 1000),
                            PortMapping.of(bridge ? 1001 : 1000, bridge ? 40_000 : 1000));
                }));
    }

    private static List<Mutator> variables() {
        return List.of(
                always("environment.name.empty", td -> onFirst(td, c -> c.environment("", "x"),
                        "environment[" + first(td).environment().size() + "].name")),
                always("environment.name.duplicate", td -> onFirst(td, c -> c.environment("DUP", "a")
                        .environment("DUP", "b"), "environment[" + (first(td).environment().size() + 1) + "].name")),
                always("secrets.name.empty", td -> onFirst(td, c -> c.secret("", "param"),
                        "secrets[" + first(td).secrets().size() + "].name")),
                always("secrets.name.duplicate", td -> onFirst(td, c -> c.environment("SHARED", "a")
                        .secret("SHARED", "param"), "secrets[" + first(td).secrets().size() + "].name")),
                always("secrets.valueFrom.empty", td -> onFirst(td, c -> c.secret("NO_SOURCE", ""),
                        "secrets[" + first(td).secrets().size() + "].valueFrom")));
    }

    private static List<Mutator> healthChecks() {
        return List.of(
                healthCheck("healthCheck.command.empty", "command", check -> HealthCheck.of(List.of())),
                healthCheck("healthCheck.command.type", "command", check -> HealthCheck.of(List.of("NONE"))),
                healthCheck("healthCheck.interval.range", "interval",
                        check -> check.withInterval(Duration.ofSeconds(301))),
                healthCheck("healthCheck.interval.wholeSeconds", "interval",
                        check -> check.withInterval(Duration.ofMillis(30_500))),
                healthCheck("healthCheck.timeout.range", "timeout", check -> check.withTimeout(Duration.ofSeconds(61))),
                healthCheck("healthCheck.timeout.wholeSeconds", "timeout",
                        check -> check.withTimeout(Duration.ofMillis(5_500))),
                healthCheck("healthCheck.retries.range", "retries", check -> check.withRetries(11)),
                healthCheck("healthCheck.startPeriod.range", "startPeriod",
                        check -> check.withStartPeriod(Duration.ofSeconds(301))),
                healthCheck("healthCheck.startPeriod.wholeSeconds", "startPeriod",
                        check -> check.withStartPeriod(Duration.ofMillis(10_500))));
    }

    private static List<Mutator> dependencies() {
        return List.of(
                always("dependsOn.containerName.unknown", td -> onFirst(td,
                        c -> c.dependsOn(TOO_LONG_NAME, DependencyCondition.START),
                        "dependsOn[" + first(td).dependsOn().size() + "].containerName")),
                always("dependsOn.containerName.self", td -> onFirst(td,
                        c -> c.dependsOn(first(td).name(), DependencyCondition.START),
                        "dependsOn[" + first(td).dependsOn().size() + "].containerName")),
                always("dependsOn.condition.essential", td -> {
                    List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
                    containers.set(0, containers.get(0).toBuilder().essential(true).build());
                    String target = containers.get(0).name();
                    containers.add(minimal(freshName(td, "dependent"))
                            .dependsOn(target, DependencyCondition.COMPLETE).build());
                    return task(td.toBuilder().containers(containers),
                            container(containers.size() - 1) + ".dependsOn[0].condition");
                }),
                always("dependsOn.condition.healthCheck", td -> {
                    String target = freshName(td, "unchecked");
                    List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
                    containers.set(0, containers.get(0).toBuilder().dependsOn(target, DependencyCondition.HEALTHY)
                            .build());
                    containers.add(minimal(target).build());
                    return task(td.toBuilder().containers(containers),
                            FIRST + ".dependsOn[" + first(td).dependsOn().size() + "].condition");
                }),
                always("dependsOn.cycle", td -> {
                    String other = freshName(td, "loop");
                    List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
                    containers.set(0, containers.get(0).toBuilder().dependsOn(other, DependencyCondition.START)
                            .build());
                    containers.add(minimal(other).dependsOn(first(td).name(), DependencyCondition.START).build());
                    return task(td.toBuilder().containers(containers),
                            FIRST + ".dependsOn[" + first(td).dependsOn().size() + "]");
                }));
    }

    private static List<Mutator> containerParts() {
        return List.of(
                always("restartPolicy.ignoredExitCodes.tooMany", td -> onFirst(td, c -> c.restartPolicy(
                                new RestartPolicy(true, Collections.nCopies(51, 1), Optional.empty())),
                        "restartPolicy.ignoredExitCodes")),
                always("restartPolicy.restartAttemptPeriod.range", td -> onFirst(td, c -> c.restartPolicy(
                                new RestartPolicy(true, List.of(), Optional.of(Duration.ofSeconds(59)))),
                        "restartPolicy.restartAttemptPeriod")),
                always("restartPolicy.restartAttemptPeriod.wholeSeconds", td -> onFirst(td, c -> c.restartPolicy(
                                new RestartPolicy(true, List.of(), Optional.of(Duration.ofMillis(60_500)))),
                        "restartPolicy.restartAttemptPeriod")),
                always("links.networkMode", td -> {
                    NetworkMode mode = td.networkMode() == NetworkMode.BRIDGE ? NetworkMode.AWSVPC : td.networkMode();
                    List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
                    containers.set(0, containers.get(0).toBuilder().link("other").build());
                    return task(td.toBuilder().containers(containers).networkMode(mode), FIRST + ".links");
                }),
                always("links.format", td -> onFirst(td, c -> c.link("a:b:c"),
                        "links[" + first(td).links().size() + "]")),
                always("links.target", td -> onFirst(td, c -> c.link(first(td).name()),
                        "links[" + first(td).links().size() + "]")),
                always("logConfiguration.logDriver.unknown", td -> onFirst(td,
                        c -> c.logConfiguration(LogConfiguration.of("local", java.util.Map.of())),
                        "logConfiguration.logDriver")),
                always("ulimits.name.unknown", td -> onFirst(td, c -> c.ulimit(new Ulimit("files", 1, 1)),
                        "ulimits[" + first(td).ulimits().size() + "].name")),
                always("ulimits.softLimit.exceedsHard", td -> onFirst(td, c -> c.ulimit(new Ulimit("nofile", 2, 1)),
                        "ulimits[" + first(td).ulimits().size() + "].softLimit")));
    }

    private static List<Mutator> taskSize() {
        return List.of(
                unlessFargate("cpu.range", td -> task(td.toBuilder().cpu(100), "cpu")),
                always("cpu.containerSum", td -> {
                    int taskCpu = td.cpu().orElse(1024);
                    return task(withFirst(td, c -> c.cpu(taskCpu + 1)).cpu(taskCpu), "cpu");
                }),
                unlessFargate("memory.minimum", td -> task(td.toBuilder().memoryMiB(5), "memory")),
                always("memory.containerSum", td -> {
                    int taskMemory = td.memoryMiB().orElse(Math.max(128, td.containerDefinitions().stream()
                            .mapToInt(c -> c.memoryMiB().orElse(0)).max().orElse(0)));
                    List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
                    containers.set(0, withMemory(containers.get(0), OptionalInt.of(taskMemory), OptionalInt.empty()));
                    containers.add(minimal(freshName(td, "extra")).memoryMiB(6).build());
                    return task(() -> rebuild(td, containers, td.cpu(), OptionalInt.of(taskMemory)), "memory");
                }));
    }

    private static List<Mutator> fargate() {
        return List.of(
                onlyFargate("fargate.cpu.required", td -> task(() -> rebuild(td, td.containerDefinitions(),
                        OptionalInt.empty(), td.memoryMiB()), "cpu")),
                onlyFargate("fargate.memory.required", td -> task(() -> rebuild(td, td.containerDefinitions(),
                        td.cpu(), OptionalInt.empty()), "memory")),
                onlyFargate("fargate.size", td -> task(td.toBuilder().memoryMiB(td.memoryMiB().getAsInt() + 1),
                        "memory")),
                onlyFargate("fargate.networkMode", td -> task(td.toBuilder().networkMode(NetworkMode.BRIDGE),
                        "networkMode")),
                onlyFargate("fargate.pidMode", td -> task(td.toBuilder().pidMode("host"), "pidMode")),
                onlyFargate("fargate.ipcMode", td -> task(td.toBuilder().ipcMode("task"), "ipcMode")),
                onlyFargate("fargate.logDriver", td -> onFirst(td,
                        c -> c.logConfiguration(LogConfiguration.of("json-file", java.util.Map.of())),
                        "logConfiguration.logDriver")),
                onlyFargate("fargate.startTimeout.range", td -> onFirst(td,
                        c -> c.startTimeout(Duration.ofSeconds(121)), "startTimeout")),
                onlyFargate("fargate.stopTimeout.range", td -> onFirst(td,
                        c -> c.stopTimeout(Duration.ofSeconds(1)), "stopTimeout")));
    }

    // building blocks

    static Mutator always(String rule, Function<TaskDefinition, Breakage> breaker) {
        return new Mutator(rule, td -> Optional.of(breaker.apply(td)));
    }

    static Mutator when(String rule, Predicate<TaskDefinition> applies,
                                Function<TaskDefinition, Breakage> breaker) {
        return new Mutator(rule, td -> applies.test(td) ? Optional.of(breaker.apply(td)) : Optional.empty());
    }

    static Mutator onlyFargate(String rule, Function<TaskDefinition, Breakage> breaker) {
        return when(rule, RuleMutators::isFargate, breaker);
    }

    static Mutator unlessFargate(String rule, Function<TaskDefinition, Breakage> breaker) {
        return when(rule, td -> !isFargate(td), breaker);
    }

    static boolean isFargate(TaskDefinition td) {
        return td.requiresCompatibilities().contains(dev.berth.model.Compatibility.FARGATE);
    }

    private static Mutator healthCheck(String rule, String field, UnaryOperator<HealthCheck> breakCheck) {
        return always(rule, td -> {
            HealthCheck check = first(td).healthCheck().orElse(HealthCheck.shell("true"));
            return onFirst(td, c -> c.healthCheck(breakCheck.apply(check)), "healthCheck." + field);
        });
    }

    static Breakage task(TaskDefinition.Builder builder, String path) {
        return new Breakage(builder::build, path);
    }

    static Breakage task(Supplier<TaskDefinition> attempt, String path) {
        return new Breakage(attempt, path);
    }

    static Breakage onFirst(TaskDefinition td, UnaryOperator<ContainerDefinition.Builder> change,
                                    String field) {
        return task(withFirst(td, change), FIRST + "." + field);
    }

    static Breakage onLast(TaskDefinition td, UnaryOperator<ContainerDefinition.Builder> change,
                                   String field) {
        int last = td.containerDefinitions().size() - 1;
        List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
        containers.set(last, change.apply(containers.get(last).toBuilder()).build());
        return task(td.toBuilder().containers(containers), container(last) + "." + field);
    }

    private static Breakage onFirstMemory(TaskDefinition td, OptionalInt memory, OptionalInt reservation,
                                          String field) {
        List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
        containers.set(0, withMemory(containers.get(0), memory, reservation));
        return task(td.toBuilder().containers(containers), FIRST + "." + field);
    }

    private static Breakage addPorts(TaskDefinition td, String field, PortMapping... mappings) {
        int lastAdded = first(td).portMappings().size() + mappings.length - 1;
        return onFirst(td, c -> {
            for (PortMapping mapping : mappings) {
                c.portMapping(mapping);
            }
            return c;
        }, "portMappings[" + lastAdded + "]" + field);
    }

    static TaskDefinition.Builder withFirst(TaskDefinition td, UnaryOperator<ContainerDefinition.Builder> change) {
        List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
        containers.set(0, change.apply(containers.get(0).toBuilder()).build());
        return td.toBuilder().containers(containers);
    }

    static ContainerDefinition first(TaskDefinition td) {
        return td.containerDefinitions().get(0);
    }

    static String container(int index) {
        return "containerDefinitions[" + index + "]";
    }

    /** A non-essential container that breaks nothing on its own. */
    static ContainerDefinition.Builder minimal(String name) {
        return ContainerDefinition.builder(name).image("busybox").memoryReservationMiB(1).essential(false);
    }

    static String freshName(TaskDefinition td, String base) {
        String name = base;
        for (int i = 0; td.container(name).isPresent(); i++) {
            name = base + i;
        }
        return name;
    }

    /** The builders cannot unset a value, so these use the canonical constructors. */
    static TaskDefinition rebuild(TaskDefinition td, List<ContainerDefinition> containers, OptionalInt cpu,
                                  OptionalInt memory) {
        return new TaskDefinition(td.family(), containers, cpu, memory, td.networkMode(),
                td.requiresCompatibilities(), td.placementConstraints(), td.taskRoleArn(), td.executionRoleArn(),
                td.pidMode(), td.ipcMode(), td.tags(), td.volumes(), td.proxyConfiguration(),
                td.inferenceAccelerators(), td.ephemeralStorageGiB(), td.runtimePlatform(), td.enableFaultInjection());
    }

    static ContainerDefinition withMemory(ContainerDefinition c, OptionalInt memory, OptionalInt reservation) {
        return copy(c, memory, reservation, c.firelensConfiguration());
    }

    /** The builders cannot unset a value, so this uses the canonical constructor. */
    static ContainerDefinition copy(ContainerDefinition c, OptionalInt memory, OptionalInt reservation,
                                    Optional<FirelensConfiguration> firelens) {
        return new ContainerDefinition(c.name(), c.image(), c.cpu(), memory, reservation, c.essential(),
                c.portMappings(), c.environment(), c.secrets(), c.command(), c.entryPoint(), c.workingDirectory(),
                c.user(), c.healthCheck(), c.dependsOn(), c.startTimeout(), c.stopTimeout(), c.restartPolicy(),
                c.links(), c.logConfiguration(), c.dockerLabels(), c.ulimits(), c.repositoryCredentials(),
                c.environmentFiles(), c.mountPoints(), c.volumesFrom(), c.linuxParameters(), c.versionConsistency(),
                c.hostname(), c.disableNetworking(), c.privileged(), c.readonlyRootFilesystem(), c.dnsServers(),
                c.dnsSearchDomains(), c.extraHosts(), c.dockerSecurityOptions(), c.interactive(), c.pseudoTerminal(),
                c.systemControls(), c.resourceRequirements(), firelens, c.credentialSpecs());
    }
}
