package dev.berth.swarm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwarmPlacementTest {

    private static SwarmPlacement service(String... expressions) {
        return SwarmPlacement.forService(List.of(expressions).stream().map(PlacementConstraint::memberOf).toList(),
                List.of(PlacementStrategy.spreadByInstance()));
    }

    @Test
    void memberOf_equalitiesAndTheirNegations_becomeSwarmConstraints() {
        SwarmPlacement p = service("attribute:ecs.availability-zone == zone-a and attribute:rack != r2",
                "not(attribute:ecs.os-type == windows)", "attribute:ecs.cpu-architecture in [arm64]",
                "attribute:engine.labels.disk !in [hdd, tape]", "agentConnected == true");

        assertThat(p.constraints()).containsExactly(
                "node.labels.ecs.availability-zone==zone-a", "node.labels.rack!=r2",
                "node.platform.os!=windows", "node.platform.arch==aarch64",
                "engine.labels.disk!=hdd", "engine.labels.disk!=tape");
    }

    @Test
    void memberOf_whatSwarmCannotSay_isRefusedWithEveryReasonAtOnce() {
        assertThatThrownBy(() -> service("attribute:a == 1 or attribute:b == 2",
                "attribute:ecs.availability-zone in [zone-a, zone-b]", "attribute:rack exists",
                "task:group == service:web", "attribute:ecs.instance-type == t3.micro", "agentConnected == false"))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
                        .extracting(SpecProblem::rule).containsExactly("swarm.placement.or", "swarm.placement.in",
                                "swarm.placement.operator", "swarm.placement.subject", "swarm.placement.attribute",
                                "swarm.placement.agentConnected"));
    }

    @Test
    void distinctInstance_forAService_isOneReplicaPerNode() {
        SwarmPlacement p = SwarmPlacement.forService(List.of(PlacementConstraint.distinctInstance()), List.of());

        assertThat(p.maxReplicasPerNode()).isEqualTo(1);
    }

    @Test
    void distinctInstance_forARunTask_isRefused() {
        assertThatThrownBy(() -> SwarmPlacement.forRunTask(List.of(PlacementConstraint.distinctInstance()),
                List.of())).isInstanceOf(InvalidSpecException.class).hasMessageContaining("CLIENT_SCHEDULED");
    }

    @Test
    void strategies_spreadOverZonesByDefault_andOverCustomAttributesAsLabels() {
        assertThat(SwarmPlacement.forService(List.of(), List.of()).spreadOver())
                .containsExactly("node.labels.ecs.availability-zone");
        assertThat(SwarmPlacement.forService(List.of(), List.of(PlacementStrategy.spreadByAttribute("rack"),
                PlacementStrategy.spreadByInstance())).spreadOver()).containsExactly("node.labels.rack");
        assertThat(SwarmPlacement.forRunTask(List.of(), List.of()).spreadOver()).isEmpty();
    }

    @Test
    void strategies_binpackRandomAndUnlabelledSpreads_areRefused() {
        assertThatThrownBy(() -> SwarmPlacement.forService(List.of(), List.of(PlacementStrategy.binpack(Resource.CPU),
                PlacementStrategy.random(), PlacementStrategy.spreadByAttribute("ecs.os-type"))))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
                        .extracting(SpecProblem::rule).containsExactly("swarm.placement.binpack",
                                "swarm.placement.random", "swarm.placement.spread"));
    }

    @Test
    void pinned_isOneNodeById() {
        assertThat(SwarmPlacement.pinned("n1").constraints()).containsExactly("node.id==n1");
    }
}
