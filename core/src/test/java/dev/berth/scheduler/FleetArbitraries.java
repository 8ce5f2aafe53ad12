package dev.berth.scheduler;

import dev.berth.model.HostPorts;
import dev.berth.model.InstanceAttributes;
import dev.berth.model.InstanceStatus;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.Protocol;
import dev.berth.model.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of fleets and placement requests for the scheduler's properties. */
final class FleetArbitraries {

    static final List<String> GROUPS = List.of("service:web", "service:api", "family:batch");
    static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");
    static final List<String> MEMBER_OF = List.of(
            "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
            "attribute:ecs.instance-type =~ t2.*",
            "not(task:group == service:api)",
            "runningTasksCount < 4",
            "agentVersion >= 1.14",
            "attribute:stack exists",
            "attribute:stack != blue or attribute:ecs.availability-zone == us-east-1c",
            "registeredAt < 2021-01-01",
            "ec2InstanceId =~ i-0.*",
            "task:group in [service:web, family:batch] || runningTasksCount == 0");

    private FleetArbitraries() {
    }

    /** Up to 25 instances, mostly ACTIVE and connected, with partly used resources and ports. */
    static Arbitrary<List<InstanceState>> fleets() {
        return instances().list().ofMaxSize(25).map(FleetArbitraries::withUniqueIds);
    }

    /** Like {@link #fleets()} with at least one instance. */
    static Arbitrary<List<InstanceState>> nonEmptyFleets() {
        return instances().list().ofMinSize(1).ofMaxSize(25).map(FleetArbitraries::withUniqueIds);
    }

    static Arbitrary<InstanceState> instances() {
        Arbitrary<InstanceStatus> status = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(InstanceStatus.ACTIVE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(InstanceStatus.DRAINING)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(InstanceStatus.INACTIVE)));
        Arbitrary<Boolean> connected = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(9, true), net.jqwik.api.Tuple.of(1, false));
        Arbitrary<Integer> cpu = Arbitraries.of(1024, 2048, 4096);
        Arbitrary<Integer> memory = Arbitraries.of(1024, 2048, 8192);
        Arbitrary<Double> used = Arbitraries.doubles().between(0, 1);
        Arbitrary<Set<Integer>> ports = Arbitraries.of(80, 443, 8080).set().ofMaxSize(2);
        Arbitrary<Optional<String>> zone = Arbitraries.of(ZONES).optional(0.9);
        Arbitrary<String> type = Arbitraries.of("t2.micro", "m5.large", "c5.xlarge");
        Arbitrary<Optional<String>> stack = Arbitraries.of("blue", "green").optional(0.5);
        Arbitrary<Integer> running = Arbitraries.integers().between(0, 5);
        Arbitrary<Instant> registered = Arbitraries.of(Instant.parse("2019-05-01T10:00:00Z"),
                Instant.parse("2020-12-31T23:59:59Z"), Instant.parse("2022-03-04T05:06:07Z"));
        Arbitrary<String> version = Arbitraries.of("1.9", "1.14.5", "1.20.0");
        Arbitrary<Optional<String>> ec2 = Arbitraries.of("i-0abc", "i-1def").optional(0.8);
        Arbitrary<List<String>> groups = Arbitraries.of(GROUPS).list().ofMaxSize(4);

        Arbitrary<InstanceState.Builder> base = Combinators.combine(status, connected, cpu, memory, used, used, ports,
                zone).as((s, c, cp, mem, uc, um, p, z) -> {
                    InstanceState.Builder b = InstanceState.builder("pending", cp, mem).status(s).agentConnected(c)
                            .remaining((int) (cp * (1 - uc)), (int) (mem * (1 - um)))
                            .reservedPorts(HostPorts.ECS_DEFAULT_RESERVED.plus(new HostPorts(p, Set.of())));
                    z.ifPresent(b::availabilityZone);
                    return b;
                });
        return Combinators.combine(base, type, stack, running, registered, version, ec2, groups)
                .as((b, t, st, r, reg, v, e, g) -> {
                    b.instanceType(t).runningTasksCount(r).registeredAt(reg).agentVersion(v);
                    st.ifPresent(x -> b.attribute("stack", x));
                    e.ifPresent(b::ec2InstanceId);
                    g.stream().distinct().forEach(group -> b.tasksInGroup(group,
                            (int) g.stream().filter(group::equals).count()));
                    return b.build();
                });
    }

    /** Requests of 1 to 8 tasks with up to 3 strategies and up to 3 constraints. */
    static Arbitrary<PlacementRequest> requests() {
        Arbitrary<TaskReservation> reservation = Combinators.combine(
                Arbitraries.of(0, 128, 256, 512, 1024), Arbitraries.of(0, 128, 256, 512, 1024, 2048),
                Arbitraries.of(80, 8080).set().ofMaxSize(1), Arbitraries.of(53).set().ofMaxSize(1))
                .as((c, m, tcp, udp) -> new TaskReservation(c, m, new HostPorts(tcp, udp)));
        Arbitrary<List<PlacementStrategy>> strategies = strategies().list().ofMaxSize(3);
        Arbitrary<List<PlacementConstraint>> constraints = Arbitraries.oneOf(
                Arbitraries.of(MEMBER_OF).map(PlacementConstraint::memberOf),
                Arbitraries.just(PlacementConstraint.distinctInstance())).list().ofMaxSize(3);
        return Combinators.combine(reservation, Arbitraries.of(GROUPS), Arbitraries.integers().between(1, 8),
                strategies, constraints).as((r, g, n, s, c) ->
                PlacementRequest.builder(r, g).count(n).strategies(s).constraints(c).build());
    }

    static Arbitrary<PlacementStrategy> strategies() {
        return Arbitraries.of(PlacementStrategy.binpack(Resource.CPU), PlacementStrategy.binpack(Resource.MEMORY),
                PlacementStrategy.spreadByInstance(), PlacementStrategy.spread(PlacementStrategy.HOST),
                PlacementStrategy.spreadByAttribute(InstanceAttributes.AVAILABILITY_ZONE),
                PlacementStrategy.spreadByAttribute(InstanceAttributes.INSTANCE_TYPE), PlacementStrategy.random());
    }

    /** Static host ports as a set of one protocol, for tests that build them directly. */
    static HostPorts tcp(Integer... ports) {
        return HostPorts.of(Protocol.TCP, ports);
    }

    private static List<InstanceState> withUniqueIds(List<InstanceState> instances) {
        List<InstanceState> named = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < instances.size(); i++) {
            String id = "ci-" + Integer.toHexString(i * 2654435 + 17);
            if (seen.add(id)) {
                named.add(rename(instances.get(i), id));
            }
        }
        return named;
    }

    private static InstanceState rename(InstanceState s, String id) {
        return new InstanceState(id, s.status(), s.agentConnected(), s.registeredCpu(), s.registeredMemoryMiB(),
                s.remainingCpu(), s.remainingMemoryMiB(), s.reservedPorts(), s.attributes(), s.runningTasksCount(),
                s.registeredAt(), s.agentVersion(), s.ec2InstanceId(), s.tasksByGroup());
    }
}
