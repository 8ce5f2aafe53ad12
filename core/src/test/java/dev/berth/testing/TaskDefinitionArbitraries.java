package dev.berth.testing;

import dev.berth.model.Compatibility;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.ContainerDependency;
import dev.berth.model.DependencyCondition;
import dev.berth.model.EnvironmentVariable;
import dev.berth.model.HealthCheck;
import dev.berth.model.ImageRef;
import dev.berth.model.InferenceAccelerator;
import dev.berth.model.LogConfiguration;
import dev.berth.model.MountPoint;
import dev.berth.model.NetworkMode;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PortMapping;
import dev.berth.model.Protocol;
import dev.berth.model.ResourceRequirement;
import dev.berth.model.RestartPolicy;
import dev.berth.model.Secret;
import dev.berth.model.Tag;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Ulimit;
import dev.berth.model.Volume;
import dev.berth.model.VolumeFrom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * jqwik arbitraries of <em>valid</em> task definitions that use every field of the model: all network modes and
 * launch types, Fargate sizes, health checks, acyclic {@code dependsOn} graphs with every condition, port
 * mappings (dynamic and static), environment variables and secrets, links in bridge mode, restart policies, log
 * configurations, Docker labels, ulimits, tags and {@code memberOf} placement constraints; volumes of every kind
 * with the containers' mount points and volumes-from, Linux parameters, Docker options, environment files, GPU and
 * accelerator requirements, a FireLens router, runtime platforms, App Mesh proxies, ephemeral storage and fault
 * injection ({@link FeatureArbitraries}).
 *
 * <p>Generation works in two steps: each container is drawn on its own within the limits of its launch profile
 * (launch type, network mode, task size), then the containers are wired together (names, dependencies, links)
 * and port mappings that would clash with an earlier one are dropped. The lists of allowed values here are
 * written independently of the validator, so that a property comparing the two tests something.
 *
 * <pre>{@code
 * @Property
 * void roundTrip(@ForAll("taskDefinitions") TaskDefinition td) { ... }
 *
 * @Provide
 * Arbitrary<TaskDefinition> taskDefinitions() {
 *     return TaskDefinitionArbitraries.taskDefinitions();
 * }
 * }</pre>
 */
public final class TaskDefinitionArbitraries {

    private static final int MAX_CONTAINERS = 6;
    private static final List<String> LOG_DRIVERS =
            List.of("json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens");
    private static final List<String> FARGATE_LOG_DRIVERS = List.of("awslogs", "splunk", "awsfirelens");
    private static final List<String> ULIMIT_NAMES = List.of("core", "cpu", "data", "fsize", "locks", "memlock",
            "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private TaskDefinitionArbitraries() {
    }

    /** Launch type, network mode and task size: what limits the containers of a definition. */
    private record LaunchProfile(Set<Compatibility> compatibilities, NetworkMode networkMode, OptionalInt cpu,
                                 OptionalInt memoryMiB) {
        boolean fargate() {
            return compatibilities.contains(Compatibility.FARGATE);
        }
    }

    /**
     * Random choices for connecting container {@code i} to containers before it and to the task's volumes and
     * accelerators; indexes are taken modulo the number there are.
     */
    private record Wiring(List<Tuple2<Integer, DependencyCondition>> dependencies,
                          List<Tuple2<Integer, Optional<String>>> links, List<Tuple3<Integer, String, Boolean>> mounts,
                          List<Tuple2<Integer, Boolean>> volumesFrom, Optional<Tuple2<Boolean, Boolean>> router,
                          Optional<Integer> accelerator) {
    }

    /**
     * Edge cases are generated for the launch profile and the container count only: computing them for every
     * field of every container made generation about ten times slower. Rare long values (255-character names,
     * 256-character tag values) are mixed in by frequency instead.
     *
     * @return valid task definitions of 1 to 6 containers
     */
    public static Arbitrary<TaskDefinition> taskDefinitions() {
        return launchProfiles().flatMap(profile -> Arbitraries.integers().between(1, MAX_CONTAINERS)
                .flatMap(count -> taskDefinitions(profile, count).withoutEdgeCases()));
    }

    /** Volumes and accelerators are drawn first: the containers' mounts and requirements refer to them. */
    private static Arbitrary<TaskDefinition> taskDefinitions(LaunchProfile profile, int count) {
        return Combinators.combine(FeatureArbitraries.volumes(profile.fargate()),
                        FeatureArbitraries.accelerators(profile.fargate()))
                .as(Tuple::of)
                .flatMap(shared -> taskDefinitions(profile, count, shared.get1(), shared.get2()));
    }

    private static Arbitrary<TaskDefinition> taskDefinitions(LaunchProfile profile, int count, List<Volume> volumes,
                                                             List<InferenceAccelerator> accelerators) {
        Arbitrary<List<ContainerDefinition>> containers = Combinators.combine(
                        names().list().ofSize(count).uniqueElements(),
                        container(profile, count).list().ofSize(count),
                        wiring().list().ofSize(count))
                .as((names, drafts, wirings) -> wire(profile, names, drafts, wirings, volumes, accelerators));
        Arbitrary<TaskDefinition.Builder> core = Combinators.combine(
                        names(),
                        containers,
                        placementConstraints(),
                        roleArns().optional(),
                        roleArns().optional(),
                        profile.fargate() ? Arbitraries.just("task").optional() : Arbitraries.of("host", "task").optional(),
                        profile.fargate() ? Arbitraries.just(Optional.<String>empty())
                                : Arbitraries.of("host", "task", "none").optional(),
                        tags())
                .as((family, containerList, constraints, taskRole, executionRole, pidMode, ipcMode, tagList) ->
                        new TaskDefinition(family, containerList, profile.cpu(), profile.memoryMiB(),
                                profile.networkMode(), profile.compatibilities(), constraints, taskRole,
                                executionRole, pidMode, ipcMode, tagList, volumes, Optional.empty(), accelerators,
                                OptionalInt.empty(), Optional.empty(), false).toBuilder());
        return Combinators.combine(core,
                        Arbitraries.integers().between(0, MAX_CONTAINERS - 1).optional(0.2),
                        FeatureArbitraries.proxyProperties(),
                        Arbitraries.integers().between(21, 200).optional(0.2),
                        FeatureArbitraries.runtimePlatforms().optional(0.5),
                        Arbitraries.of(true, false))
                .as((builder, proxyIndex, proxyProperties, storage, platform, faultInjection) -> {
                    List<ContainerDefinition> list = builder.build().containerDefinitions();
                    if (profile.networkMode() == NetworkMode.AWSVPC) {
                        proxyIndex.ifPresent(i -> builder.proxyConfiguration(
                                FeatureArbitraries.proxy(list.get(i % list.size()).name(), proxyProperties)));
                    }
                    storage.ifPresent(builder::ephemeralStorageGiB);
                    platform.ifPresent(builder::runtimePlatform);
                    return builder.enableFaultInjection(faultInjection).build();
                });
    }

    // launch profiles and task sizes

    private static Arbitrary<LaunchProfile> launchProfiles() {
        Arbitrary<LaunchProfile> fargate = Combinators.combine(
                        Arbitraries.of(EnumSet.of(Compatibility.FARGATE),
                                EnumSet.of(Compatibility.EC2, Compatibility.FARGATE)),
                        fargateSizes())
                .as((compatibilities, size) -> new LaunchProfile(compatibilities, NetworkMode.AWSVPC,
                        OptionalInt.of(size.get1()), OptionalInt.of(size.get2())));
        Arbitrary<LaunchProfile> other = Combinators.combine(
                        Arbitraries.of(EnumSet.noneOf(Compatibility.class), EnumSet.of(Compatibility.EC2),
                                EnumSet.of(Compatibility.EXTERNAL), EnumSet.of(Compatibility.MANAGED_INSTANCES),
                                EnumSet.of(Compatibility.EC2, Compatibility.EXTERNAL)),
                        Arbitraries.of(NetworkMode.class),
                        optionalInt(Arbitraries.integers().between(128, 196_608)),
                        optionalInt(Arbitraries.integers().between(128, 65_536)))
                .as(LaunchProfile::new);
        return Arbitraries.frequencyOf(Tuple.of(1, fargate), Tuple.of(2, other));
    }

    /** Fargate's cpu/memory pairs (see fargate-tasks-services.html in ECS's developer guide). */
    private static Arbitrary<Tuple2<Integer, Integer>> fargateSizes() {
        return Arbitraries.oneOf(
                Arbitraries.of(512, 1024, 2048).map(memory -> Tuple.of(256, memory)),
                memorySteps(512, 1024, 4096, 1024),
                memorySteps(1024, 2048, 8192, 1024),
                memorySteps(2048, 4096, 16384, 1024),
                memorySteps(4096, 8192, 30720, 1024),
                memorySteps(8192, 16384, 61440, 4096),
                memorySteps(16384, 32768, 122880, 8192));
    }

    private static Arbitrary<Tuple2<Integer, Integer>> memorySteps(int cpu, int min, int max, int step) {
        return Arbitraries.integers().between(0, (max - min) / step).map(k -> Tuple.of(cpu, min + k * step));
    }

    // one container, before wiring

    private static Arbitrary<ContainerDefinition> container(LaunchProfile profile, int count) {
        OptionalInt cpuShare = share(profile.cpu(), count);
        OptionalInt memoryShare = share(profile.memoryMiB(), count);
        return Builders.withBuilder(() -> ContainerDefinition.builder("draft"))
                .use(images()).in(ContainerDefinition.Builder::image)
                .use(Arbitraries.integers().between(0, cpuShare.orElse(4096))).in(ContainerDefinition.Builder::cpu)
                .use(memory(memoryShare)).inSetter((builder, memory) -> {
                    memory.get1().ifPresent(builder::memoryMiB);
                    memory.get2().ifPresent(builder::memoryReservationMiB);
                })
                .use(Arbitraries.of(true, false)).in(ContainerDefinition.Builder::essential)
                .use(portMappings(profile.networkMode())).in(ContainerDefinition.Builder::portMappings)
                .use(environment()).in(ContainerDefinition.Builder::environment)
                .use(secrets()).in(ContainerDefinition.Builder::secrets)
                .use(arguments()).in(ContainerDefinition.Builder::command)
                .use(arguments()).withProbability(0.3).in(ContainerDefinition.Builder::entryPoint)
                .use(Arbitraries.of("/", "/app", "/srv/data", "/home/user name")).withProbability(0.3)
                .in(ContainerDefinition.Builder::workingDirectory)
                .use(Arbitraries.of("nobody", "1000", "1000:1000", "app:staff")).withProbability(0.3)
                .in(ContainerDefinition.Builder::user)
                .use(healthChecks()).withProbability(0.5).in(ContainerDefinition.Builder::healthCheck)
                .use(timeouts(profile)).withProbability(0.3).in(ContainerDefinition.Builder::startTimeout)
                .use(timeouts(profile)).withProbability(0.3).in(ContainerDefinition.Builder::stopTimeout)
                .use(restartPolicies()).withProbability(0.3).in(ContainerDefinition.Builder::restartPolicy)
                .use(logConfigurations(profile)).withProbability(0.5).in(ContainerDefinition.Builder::logConfiguration)
                .use(labels()).in(ContainerDefinition.Builder::dockerLabels)
                .use(ulimits()).in(ContainerDefinition.Builder::ulimits)
                .use(FeatureArbitraries.containerOptions(profile.fargate(), profile.networkMode() == NetworkMode.AWSVPC))
                .in((builder, options) -> options.apply(builder))
                .build(ContainerDefinition.Builder::build);
    }

    private static OptionalInt share(OptionalInt taskValue, int count) {
        return taskValue.isPresent() ? OptionalInt.of(taskValue.getAsInt() / count) : OptionalInt.empty();
    }

    /**
     * Hard and soft limit. Without task memory a container needs one of them; with it, both stay within the
     * container's share so the hard limits add up to at most the task memory.
     */
    private static Arbitrary<Tuple2<OptionalInt, OptionalInt>> memory(OptionalInt share) {
        int max = share.orElse(4096);
        Arbitrary<Tuple2<OptionalInt, OptionalInt>> hardOnly = Arbitraries.integers().between(6, max)
                .map(hard -> Tuple.of(OptionalInt.of(hard), OptionalInt.empty()));
        Arbitrary<Tuple2<OptionalInt, OptionalInt>> softOnly = Arbitraries.integers().between(1, max)
                .map(soft -> Tuple.of(OptionalInt.empty(), OptionalInt.of(soft)));
        Arbitrary<Tuple2<OptionalInt, OptionalInt>> both = Arbitraries.integers().between(1, max - 1)
                .flatMap(soft -> Arbitraries.integers().between(Math.max(6, soft + 1), max)
                        .map(hard -> Tuple.of(OptionalInt.of(hard), OptionalInt.of(soft))));
        if (share.isEmpty()) {
            return Arbitraries.oneOf(hardOnly, softOnly, both);
        }
        return Arbitraries.oneOf(Arbitraries.just(Tuple.of(OptionalInt.empty(), OptionalInt.empty())),
                hardOnly, softOnly, both);
    }

    private static Arbitrary<List<PortMapping>> portMappings(NetworkMode networkMode) {
        if (networkMode == NetworkMode.NONE) {
            return Arbitraries.just(List.of());
        }
        Arbitrary<Integer> ports = Arbitraries.integers().between(1, 65_535)
                .edgeCases(edges -> edges.includeOnly(1, 80, 65_535));
        Arbitrary<PortMapping> mapping = Combinators.combine(ports, ports, Arbitraries.of(true, false),
                        Arbitraries.of(Protocol.class), Arbitraries.of("http", "grpc", "metrics-1").optional(),
                        Arbitraries.of("http", "http2", "grpc").optional())
                .as((containerPort, staticPort, dynamic, protocol, name, appProtocol) -> {
                    int hostPort = dynamic ? 0 : networkMode == NetworkMode.BRIDGE ? staticPort : containerPort;
                    return new PortMapping(containerPort, hostPort, protocol, name, appProtocol);
                });
        return mapping.list().ofMaxSize(4);
    }

    private static Arbitrary<List<EnvironmentVariable>> environment() {
        return Combinators.combine(variableNames(), Arbitraries.strings().ofMaxLength(30))
                .as(EnvironmentVariable::new)
                .list().ofMaxSize(5).uniqueElements(EnvironmentVariable::name);
    }

    private static Arbitrary<List<Secret>> secrets() {
        return Combinators.combine(variableNames(), secretReferences()).as(Secret::new)
                .list().ofMaxSize(3).uniqueElements(Secret::name);
    }

    private static Arbitrary<String> secretReferences() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20)
                        .map(name -> "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + name),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20)
                        .map(name -> "arn:aws:ssm:eu-west-1:123456789012:parameter/" + name),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20));
    }

    private static Arbitrary<String> variableNames() {
        return Arbitraries.strings().withCharRange('A', 'Z').withChars('_').withCharRange('0', '9')
                .ofMinLength(1).ofMaxLength(20);
    }

    private static Arbitrary<List<String>> arguments() {
        return Arbitraries.strings().ofMaxLength(15).list().ofMaxSize(4);
    }

    private static Arbitrary<HealthCheck> healthChecks() {
        Arbitrary<List<String>> command = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).list().ofMinSize(1).ofMaxSize(3)
                        .map(args -> prepend("CMD", args)),
                Arbitraries.of("curl -f http://localhost/ || exit 1", "pg_isready", "true")
                        .map(shell -> List.of("CMD-SHELL", shell)));
        return Combinators.combine(command, seconds(5, 300), seconds(2, 60), Arbitraries.integers().between(1, 10),
                        seconds(0, 300).optional())
                .as(HealthCheck::new);
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static Arbitrary<Duration> timeouts(LaunchProfile profile) {
        return profile.fargate() ? seconds(2, 120) : seconds(0, 600);
    }

    private static Arbitrary<RestartPolicy> restartPolicies() {
        return Combinators.combine(Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 255).list().ofMaxSize(50),
                        seconds(60, 1800).optional())
                .as(RestartPolicy::new);
    }

    private static Arbitrary<LogConfiguration> logConfigurations(LaunchProfile profile) {
        Arbitrary<Map<String, String>> options = Arbitraries.maps(
                Arbitraries.of("awslogs-group", "awslogs-region", "tag", "max-size", "mode"),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20)).ofMaxSize(3);
        Arbitrary<List<Secret>> secretOptions = Combinators.combine(Arbitraries.of("apikey", "token"),
                secretReferences()).as(Secret::new).list().ofMaxSize(2).uniqueElements(Secret::name);
        return Combinators.combine(Arbitraries.of(profile.fargate() ? FARGATE_LOG_DRIVERS : LOG_DRIVERS), options,
                secretOptions).as(LogConfiguration::new);
    }

    private static Arbitrary<Map<String, String>> labels() {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-')
                .ofMinLength(1).ofMaxLength(20).map(key -> "com.example." + key);
        return Arbitraries.maps(keys, Arbitraries.strings().ofMaxLength(20)).ofMaxSize(3);
    }

    private static Arbitrary<List<Ulimit>> ulimits() {
        Arbitrary<Ulimit> ulimit = Combinators.combine(Arbitraries.of(ULIMIT_NAMES),
                        Arbitraries.integers().between(0, 1_048_576), Arbitraries.integers().between(0, 1_048_576))
                .as((name, a, b) -> new Ulimit(name, Math.min(a, b), Math.max(a, b)));
        return ulimit.list().ofMaxSize(3).uniqueElements(Ulimit::name);
    }

    // wiring the containers together

    private static Arbitrary<Wiring> wiring() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, MAX_CONTAINERS - 1);
        Arbitrary<List<Tuple2<Integer, DependencyCondition>>> dependencies =
                Combinators.combine(index, Arbitraries.of(DependencyCondition.class)).as(Tuple::of)
                        .list().ofMaxSize(3);
        Arbitrary<List<Tuple2<Integer, Optional<String>>>> links =
                Combinators.combine(index, names().optional(0.5)).as(Tuple::of).list().ofMaxSize(2);
        Arbitrary<List<Tuple3<Integer, String, Boolean>>> mounts = Combinators.combine(index,
                        Arbitraries.of(FeatureArbitraries.MOUNT_PATHS), Arbitraries.of(true, false))
                .as(Tuple::of).list().ofMaxSize(3);
        Arbitrary<List<Tuple2<Integer, Boolean>>> volumesFrom = Combinators.combine(index, Arbitraries.of(true, false))
                .as(Tuple::of).list().ofMaxSize(2);
        Arbitrary<Optional<Tuple2<Boolean, Boolean>>> router = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(Tuple::of).optional(0.15);
        return Combinators.combine(dependencies, links, mounts, volumesFrom, router, index.optional(0.3))
                .as(Wiring::new);
    }

    /**
     * Names the containers, makes one essential if none is, points dependencies and links only at earlier
     * containers (so there are no cycles), and drops what would break a rule across containers.
     */
    private static List<ContainerDefinition> wire(LaunchProfile profile, List<String> names,
                                                  List<ContainerDefinition> drafts, List<Wiring> wirings,
                                                  List<Volume> volumes, List<InferenceAccelerator> accelerators) {
        boolean anyEssential = drafts.stream().anyMatch(ContainerDefinition::essential);
        List<ContainerDefinition> named = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            ContainerDefinition draft = drafts.get(i);
            named.add(draft.toBuilder().name(names.get(i))
                    .essential(draft.essential() || (!anyEssential && i == 0))
                    .secrets(withoutEnvironmentNames(draft))
                    .build());
        }
        HostPorts hostPorts = new HostPorts(profile.networkMode());
        List<ContainerDefinition> wired = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            ContainerDefinition container = named.get(i);
            Wiring wiring = wirings.get(i);
            ContainerDefinition.Builder builder = container.toBuilder()
                    .portMappings(hostPorts.keepFree(container.portMappings()))
                    .dependsOn(i == 0 ? List.of() : dependencies(named.subList(0, i), wiring))
                    .links(i == 0 || profile.networkMode() != NetworkMode.BRIDGE
                            ? List.of() : links(named.subList(0, i), wiring))
                    .mountPoints(mounts(volumes, wiring))
                    .volumesFrom(volumesFrom(named.subList(0, i), wiring));
            if (!accelerators.isEmpty()) {
                wiring.accelerator().ifPresent(a -> builder.resourceRequirement(new ResourceRequirement(
                        ResourceRequirement.Type.INFERENCE_ACCELERATOR,
                        accelerators.get(a % accelerators.size()).deviceName(), Optional.empty())));
            }
            wired.add(builder.build());
        }
        return withFirelensRouter(wired, wirings);
    }

    /** Volumes of earlier containers, each container at most once. */
    private static List<VolumeFrom> volumesFrom(List<ContainerDefinition> earlier, Wiring wiring) {
        if (earlier.isEmpty()) {
            return List.of();
        }
        Map<String, VolumeFrom> bySource = new java.util.LinkedHashMap<>();
        for (Tuple2<Integer, Boolean> v : wiring.volumesFrom()) {
            String source = earlier.get(v.get1() % earlier.size()).name();
            bySource.putIfAbsent(source, new VolumeFrom(source, v.get2()));
        }
        return List.copyOf(bySource.values());
    }

    /** Mount points at distinct paths of the task's volumes. */
    private static List<MountPoint> mounts(List<Volume> volumes, Wiring wiring) {
        if (volumes.isEmpty()) {
            return List.of();
        }
        Map<String, MountPoint> byPath = new java.util.LinkedHashMap<>();
        for (Tuple3<Integer, String, Boolean> m : wiring.mounts()) {
            byPath.putIfAbsent(m.get2(), new MountPoint(volumes.get(m.get1() % volumes.size()).name(), m.get2(),
                    m.get3()));
        }
        return List.copyOf(byPath.values());
    }

    /**
     * Makes at most one container the FireLens router: the first one chosen, or else the first container when any
     * container logs through awsfirelens, which needs a router.
     */
    private static List<ContainerDefinition> withFirelensRouter(List<ContainerDefinition> containers,
                                                                List<Wiring> wirings) {
        List<ContainerDefinition> result = new ArrayList<>(containers);
        for (int i = 0; i < containers.size(); i++) {
            Optional<Tuple2<Boolean, Boolean>> router = wirings.get(i).router();
            if (router.isPresent()) {
                result.set(i, containers.get(i).toBuilder().firelensConfiguration(
                        FeatureArbitraries.firelens(router.get().get1(), router.get().get2())).build());
                return result;
            }
        }
        boolean needsRouter = containers.stream().anyMatch(c -> c.logConfiguration()
                .filter(l -> l.logDriver().equals("awsfirelens")).isPresent());
        if (needsRouter) {
            result.set(0, containers.get(0).toBuilder().firelensConfiguration(FeatureArbitraries.firelens(true, true))
                    .build());
        }
        return result;
    }

    private static List<Secret> withoutEnvironmentNames(ContainerDefinition container) {
        Set<String> environmentNames = container.environment().stream().map(EnvironmentVariable::name)
                .collect(Collectors.toSet());
        return container.secrets().stream().filter(s -> !environmentNames.contains(s.name())).toList();
    }

    private static List<ContainerDependency> dependencies(List<ContainerDefinition> earlier, Wiring wiring) {
        Map<String, ContainerDependency> byTarget = new HashMap<>();
        List<ContainerDependency> dependencies = new ArrayList<>();
        for (Tuple2<Integer, DependencyCondition> choice : wiring.dependencies()) {
            ContainerDefinition target = earlier.get(choice.get1() % earlier.size());
            ContainerDependency dependency = new ContainerDependency(target.name(), allowed(choice.get2(), target));
            if (byTarget.putIfAbsent(target.name(), dependency) == null) {
                dependencies.add(dependency);
            }
        }
        return dependencies;
    }

    /** COMPLETE and SUCCESS need a non-essential target, HEALTHY a target with a health check; else START. */
    private static DependencyCondition allowed(DependencyCondition wanted, ContainerDefinition target) {
        return switch (wanted) {
            case COMPLETE, SUCCESS -> target.essential() ? DependencyCondition.START : wanted;
            case HEALTHY -> target.healthCheck().isPresent() ? wanted : DependencyCondition.START;
            case START -> wanted;
        };
    }

    private static List<String> links(List<ContainerDefinition> earlier, Wiring wiring) {
        return wiring.links().stream()
                .map(choice -> earlier.get(choice.get1() % earlier.size()).name()
                        + choice.get2().map(alias -> ":" + alias).orElse(""))
                .distinct()
                .toList();
    }

    /** Host ports taken by the containers wired so far; a container port keeps one protocol per container. */
    private static final class HostPorts {
        private final NetworkMode networkMode;
        private final Set<String> taken = new HashSet<>();

        HostPorts(NetworkMode networkMode) {
            this.networkMode = networkMode;
        }

        List<PortMapping> keepFree(List<PortMapping> mappings) {
            Map<Integer, Protocol> protocolByContainerPort = new HashMap<>();
            List<PortMapping> kept = new ArrayList<>();
            for (PortMapping mapping : mappings) {
                Protocol protocol = protocolByContainerPort.putIfAbsent(mapping.containerPort(), mapping.protocol());
                if (protocol != null && protocol != mapping.protocol()) {
                    continue;
                }
                int hostPort = mapping.isDynamic() && networkMode != NetworkMode.BRIDGE
                        ? mapping.containerPort() : mapping.hostPort();
                if (hostPort == 0 || taken.add(hostPort + "/" + mapping.protocol())) {
                    kept.add(mapping);
                }
            }
            return kept;
        }
    }

    // task-level values

    /** Letters, digits, underscores and hyphens, 1 to 255 long: ECS's pattern for families and container names. */
    private static Arbitrary<String> names() {
        StringArbitrary names = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('_', '-');
        return Arbitraries.frequencyOf(Tuple.of(20, names.ofMinLength(1).ofMaxLength(20)),
                Tuple.of(1, names.ofLength(255)));
    }

    private static Arbitrary<ImageRef> images() {
        Arbitrary<String> component = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> repository = component.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
        Arbitrary<String> registry = Arbitraries.of("localhost:5000", "registry.example.com",
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "ghcr.io");
        Arbitrary<String> tag = Arbitraries.strings().alpha().numeric().withChars('_', '.', '-')
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> digest = Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f')
                .ofLength(64).map(hex -> "sha256:" + hex);
        return Combinators.combine(registry.optional(0.4), repository, tag.optional(0.7), digest.optional(0.2))
                .as((host, repo, version, pin) -> ImageRef.parse(host.map(h -> h + "/").orElse("") + repo
                        + version.map(v -> ":" + v).orElse("") + pin.map(p -> "@" + p).orElse("")));
    }

    private static Arbitrary<List<PlacementConstraint>> placementConstraints() {
        Arbitrary<String> custom = Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-', '_').ofMinLength(1)
                                .ofMaxLength(20),
                        Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(20))
                .as((name, value) -> "attribute:" + name + " == " + value);
        Arbitrary<String> expressions = Arbitraries.oneOf(custom, Arbitraries.of(
                "attribute:ecs.instance-type =~ t2.*",
                "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
                "attribute:ecs.os-type == linux",
                "attribute:ecs.cpu-architecture == arm64",
                "not(task:group == database)"));
        return expressions.map(PlacementConstraint::memberOf).list().ofMaxSize(3);
    }

    private static Arbitrary<List<Tag>> tags() {
        Arbitrary<String> keys = Arbitraries.strings().alpha().numeric().withChars(' ', '_', '.', ':', '/', '=', '+',
                '-', '@').ofMinLength(1).ofMaxLength(128);
        Arbitrary<String> values = Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.strings().ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().ofLength(256)));
        return Combinators.combine(keys, values).as(Tag::new)
                .list().ofMaxSize(8).uniqueElements(Tag::key);
    }

    private static Arbitrary<String> roleArns() {
        return Arbitraries.strings().alpha().numeric().withChars('-', '_').ofMinLength(1).ofMaxLength(30)
                .map(name -> "arn:aws:iam::123456789012:role/" + name);
    }

    private static Arbitrary<Duration> seconds(int min, int max) {
        return Arbitraries.integers().between(min, max).map(Duration::ofSeconds);
    }

    private static Arbitrary<OptionalInt> optionalInt(Arbitrary<Integer> values) {
        return values.injectNull(0.4).map(value -> value == null ? OptionalInt.empty() : OptionalInt.of(value));
    }
}
