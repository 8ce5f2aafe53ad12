package dev.berth.internal.state;

import dev.berth.cluster.ClusterRecord;
import dev.berth.cluster.ClusterStatus;
import dev.berth.cluster.InstanceRegistration;
import dev.berth.model.ArnScope;
import dev.berth.model.InstanceStatus;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Resource;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.network.HealthCheckProtocol;
import dev.berth.network.HealthCheckSettings;
import dev.berth.network.HttpCodeMatcher;
import dev.berth.network.TargetGroup;
import dev.berth.network.TargetGroupProtocol;
import dev.berth.network.TargetGroupSpec;
import dev.berth.reconciler.RestartThrottle;
import dev.berth.reconciler.ServiceEventLog;
import dev.berth.reconciler.ServiceState;
import dev.berth.service.CircuitBreakerThreshold;
import dev.berth.service.Deployment;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.LoadBalancer;
import dev.berth.service.RolloutState;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceConnectClientAlias;
import dev.berth.service.ServiceConnectConfiguration;
import dev.berth.service.ServiceConnectService;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceRegistry;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceStatus;
import dev.berth.testing.TaskDefinitionArbitraries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of every stored record, with every field varied. */
final class StateArbitraries {

    private StateArbitraries() {
    }

    /** @return names as ECS allows them, with upper case and rare 255-character ones */
    static Arbitrary<String> names() {
        Arbitrary<String> common = Arbitraries.strings().withChars("abcXYZ019_-").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> long255 = Arbitraries.strings().withChars("aB-").ofLength(255);
        return Arbitraries.frequencyOf(Tuple.of(19, common), Tuple.of(1, long255));
    }

    /** @return any text, as event messages and reasons carry */
    private static Arbitrary<String> texts() {
        return Arbitraries.strings().all().ofMaxLength(40);
    }

    static Arbitrary<Instant> instants() {
        return Combinators.combine(Arbitraries.longs().between(0, 4_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }

    static Arbitrary<RegisteredTaskDefinition> revisions() {
        return TaskDefinitionArbitraries.taskDefinitions().flatMap(td -> revisionsOf(td, Arbitraries.integers()
                .between(1, 1_000_000)));
    }

    private static Arbitrary<RegisteredTaskDefinition> revisionsOf(TaskDefinition td, Arbitrary<Integer> numbers) {
        return Combinators.combine(numbers, Arbitraries.of(TaskDefinitionStatus.class), instants(),
                        instants().optional())
                .as((revision, status, registeredAt, deregisteredAt) -> new RegisteredTaskDefinition(
                        ArnScope.local().taskDefinitionArn(td.family(), revision), revision, status, td,
                        registeredAt, deregisteredAt));
    }

    /** @return families of up to 4 revisions (unique numbers), with a last revision at or above each */
    static Arbitrary<FamilyRevisions> families() {
        Arbitrary<String> family = names();
        return family.flatMap(name -> TaskDefinitionArbitraries.taskDefinitions()
                .map(td -> td.toBuilder().family(name).build())
                .flatMap(td -> revisionsOf(td, Arbitraries.integers().between(1, 999)))
                .list().ofMaxSize(4).uniqueElements(RegisteredTaskDefinition::revision)
                .flatMap(revisions -> Arbitraries.integers().between(
                                revisions.stream().mapToInt(RegisteredTaskDefinition::revision).max().orElse(0), 1000)
                        .map(last -> new FamilyRevisions(name, last, revisions))));
    }

    static Arbitrary<ClusterRecord> clusters() {
        Arbitrary<InstanceRegistration> registration = Combinators.combine(
                        Arbitraries.strings().withChars("i-0123abc").ofMinLength(1).ofMaxLength(10),
                        Arbitraries.of(InstanceStatus.class),
                        Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), texts())
                                .ofMaxSize(InstanceRegistration.MAX_CUSTOM_ATTRIBUTES))
                .as(InstanceRegistration::new);
        return Combinators.combine(names(), Arbitraries.of(ClusterStatus.class),
                        registration.list().ofMaxSize(4).uniqueElements(InstanceRegistration::instanceId), instants(),
                        names().optional())
                .as((name, status, registrations, createdAt, namespace) -> {
                    ClusterRecord cluster = new ClusterRecord(name, status, Map.of(), createdAt, namespace);
                    for (InstanceRegistration r : registrations) {
                        cluster = cluster.with(r);
                    }
                    return cluster;
                });
    }

    static Arbitrary<ServiceState> services() {
        Arbitrary<RestartThrottle> throttle = Combinators.combine(Arbitraries.integers().between(0, 20),
                instants().optional()).as(RestartThrottle::new);
        Arbitrary<List<Deployment>> deployments = Combinators.combine(deployment(Arbitraries.just(
                        DeploymentStatus.PRIMARY)),
                deployment(Arbitraries.of(DeploymentStatus.ACTIVE, DeploymentStatus.INACTIVE)).list().ofMaxSize(2))
                .as((primary, others) -> {
                    List<Deployment> all = new ArrayList<>(List.of(primary));
                    all.addAll(others);
                    return all;
                });
        return Combinators.combine(names(), specs(), deployments, throttle,
                        Arbitraries.strings().alpha().numeric().ofLength(32).set().ofMaxSize(5),
                        Arbitraries.integers().between(1, 10_000), eventLogs(),
                        Arbitraries.of(ServiceStatus.class))
                .flatAs((cluster, spec, all, restart, accounted, created, events, status) -> instants()
                        .map(at -> new ServiceState(cluster, spec, all, restart, accounted, created, events, status,
                                at)));
    }

    private static Arbitrary<ServiceSpec> specs() {
        Arbitrary<TaskDefinitionRef> ref = Combinators.combine(names(),
                        Arbitraries.integers().between(1, 1_000_000).optional())
                .as((family, revision) -> new TaskDefinitionRef(family,
                        revision.map(OptionalInt::of).orElse(OptionalInt.empty())));
        Arbitrary<DeploymentConfiguration> configuration = Combinators.combine(
                        Arbitraries.integers().between(0, 100), Arbitraries.integers().between(100, 400),
                        Arbitraries.of(true, false), Arbitraries.of(true, false),
                        Arbitraries.of(CircuitBreakerThreshold.Type.class), Arbitraries.integers().between(1, 200))
                .as((min, max, enabled, rollback, type, value) -> new DeploymentConfiguration(min, max,
                        new DeploymentCircuitBreaker(enabled, rollback, new CircuitBreakerThreshold(type, value))));
        Arbitrary<PlacementStrategy> strategy = Arbitraries.of(PlacementStrategy.binpack(Resource.CPU),
                PlacementStrategy.binpack(Resource.MEMORY), PlacementStrategy.spreadByInstance(),
                PlacementStrategy.spread(PlacementStrategy.HOST),
                PlacementStrategy.spreadByAttribute("ecs.availability-zone"), PlacementStrategy.random());
        Arbitrary<PlacementConstraint> constraint = Arbitraries.oneOf(
                Arbitraries.just(PlacementConstraint.distinctInstance()),
                texts().map(PlacementConstraint::memberOf));
        Arbitrary<Duration> grace = Combinators.combine(Arbitraries.longs().between(0, 2_147_483_647L),
                Arbitraries.integers().between(0, 999_999_999)).as(Duration::ofSeconds);
        Arbitrary<ServiceSpec> replica = Combinators.combine(names(), ref, Arbitraries.integers().between(0, 10_000),
                        configuration, strategy.list().ofMaxSize(5), constraint.list().ofMaxSize(3), grace)
                .as((name, td, desired, config, strategies, constraints, g) -> new ServiceSpec(name, td, desired,
                        SchedulingStrategy.REPLICA, config, strategies, constraints, g));
        // A DAEMON service takes no strategies and a maximumPercent of 100.
        Arbitrary<ServiceSpec> daemon = Combinators.combine(names(), ref, configuration,
                        constraint.list().ofMaxSize(3), grace)
                .as((name, td, config, constraints, g) -> new ServiceSpec(name, td, 0, SchedulingStrategy.DAEMON,
                        new DeploymentConfiguration(config.minimumHealthyPercent(), 100, config.circuitBreaker()),
                        List.of(), constraints, g));
        return Combinators.combine(Arbitraries.oneOf(replica, daemon), serviceNetworking())
                .as((spec, networking) -> networking.apply(spec));
    }

    /** @return target groups with every setting within ELB's ranges */
    static Arbitrary<TargetGroup> targetGroups() {
        Arbitrary<String> names = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(32);
        Arbitrary<HealthCheckSettings> checks = Combinators.combine(Arbitraries.of(TargetGroupProtocol.class),
                        Arbitraries.strings().alpha().ofMaxLength(20).map(p -> "/" + p),
                        Arbitraries.integers().between(1, 65_535).optional(), Arbitraries.integers().between(5, 300),
                        Arbitraries.integers().between(2, 10), Arbitraries.integers().between(2, 10),
                        Arbitraries.of("200", "200-299", "200,202,301"))
                .as((protocol, path, port, interval, healthy, unhealthy, codes) -> new HealthCheckSettings(
                        HealthCheckSettings.defaults(protocol).protocol(), path,
                        port.map(OptionalInt::of).orElse(OptionalInt.empty()), Duration.ofSeconds(interval),
                        Duration.ofSeconds(Math.max(2, Math.min(120, interval - 1))), healthy, unhealthy,
                        new HttpCodeMatcher(codes)));
        return Combinators.combine(names, checks, Arbitraries.integers().between(0, 3600),
                        Arbitraries.integers().between(0, 65_535), instants(),
                        Arbitraries.strings().withChars("0123456789abcdef").ofLength(16))
                .as((name, check, delay, port, createdAt, id) -> new TargetGroup(
                        ArnScope.local().targetGroupArn(name, id),
                        new TargetGroupSpec(name, check.protocol() == HealthCheckProtocol.HTTP
                                ? TargetGroupProtocol.HTTP : TargetGroupProtocol.TCP, check,
                                Duration.ofSeconds(delay), port), createdAt));
    }

    /** Load balancers, a registry and Service Connect, or none of them, as a change to a spec. */
    private static Arbitrary<java.util.function.UnaryOperator<ServiceSpec>> serviceNetworking() {
        Arbitrary<String> lowerNames = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('_', '-')
                .ofMinLength(1).ofMaxLength(20).filter(n -> !n.startsWith("-"));
        Arbitrary<Integer> ports = Arbitraries.integers().between(1, 65_535);
        Arbitrary<LoadBalancer> loadBalancer = Combinators.combine(lowerNames, lowerNames, ports)
                .as((group, container, port) -> new LoadBalancer(
                        "arn:aws:elasticloadbalancing:local:000000000000:targetgroup/" + group + "/0", container, port));
        Arbitrary<ServiceRegistry> registry = Combinators.combine(lowerNames, lowerNames, ports, Arbitraries.of(true,
                        false))
                .as((service, container, port, byContainer) -> byContainer
                        ? ServiceRegistry.of("arn:aws:servicediscovery:local:000000000000:service/" + service,
                                container, port)
                        : new ServiceRegistry("arn:aws:servicediscovery:local:000000000000:service/" + service,
                                Optional.empty(), OptionalInt.empty(), OptionalInt.of(port)));
        Arbitrary<ServiceConnectService> connectService = Combinators.combine(lowerNames, lowerNames.optional(),
                        ports, lowerNames.optional(), ports.optional())
                .as((portName, discovery, port, dnsName, ingress) -> new ServiceConnectService(portName, discovery,
                        List.of(new ServiceConnectClientAlias(port, dnsName)),
                        ingress.map(OptionalInt::of).orElse(OptionalInt.empty())));
        Arbitrary<ServiceConnectConfiguration> connect = Arbitraries.oneOf(
                Arbitraries.just(ServiceConnectConfiguration.disabled()),
                Combinators.combine(lowerNames.optional(),
                                connectService.list().ofMaxSize(3).uniqueElements(
                                        ServiceConnectService::effectiveDiscoveryName))
                        .as(ServiceConnectConfiguration::enabled));
        return Combinators.combine(loadBalancer.list().ofMaxSize(ServiceSpec.MAX_LOAD_BALANCERS)
                                .uniqueElements(LoadBalancer::targetGroupArn),
                        registry.list().ofMaxSize(1), connect)
                .as((loadBalancers, registries, configuration) -> spec -> {
                    ServiceSpec.Builder builder = spec.toBuilder().serviceConnectConfiguration(configuration);
                    loadBalancers.forEach(builder::loadBalancer);
                    registries.forEach(builder::serviceRegistry);
                    return builder.build();
                });
    }

    private static Arbitrary<Deployment> deployment(Arbitrary<DeploymentStatus> status) {
        return Combinators.combine(Arbitraries.integers().between(1, 10_000).map(ServiceState::deploymentId),
                        revisions(), status, Arbitraries.of(RolloutState.class), texts(),
                        Arbitraries.integers().between(0, 500),
                        Arbitraries.integers().between(1, 10_000).map(ServiceState::deploymentId).optional(),
                        instants())
                .flatAs((id, td, s, rollout, reason, failed, rollbackOf, createdAt) -> instants()
                        .map(updatedAt -> new Deployment(id, td, s, rollout, reason, failed, rollbackOf, createdAt,
                                updatedAt)));
    }

    /** @return logs built directly, with last events of kinds that may have left the log */
    private static Arbitrary<ServiceEventLog> eventLogs() {
        Arbitrary<ServiceEvent> event = Combinators.combine(instants(), Arbitraries.of(ServiceEvent.Kind.class),
                texts()).as(ServiceEvent::new);
        return Combinators.combine(event.list().ofMaxSize(ServiceEventLog.CAPACITY), event.list().ofMaxSize(4))
                .as((events, last) -> ServiceEventLog.of(events, last.stream()
                        .collect(Collectors.toMap(ServiceEvent::kind, e -> e, (first, second) -> first))));
    }
}
