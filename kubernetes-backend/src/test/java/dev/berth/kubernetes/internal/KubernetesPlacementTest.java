package dev.berth.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.InvalidSpecException;
import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.Resource;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesPlacementTest {

    private static final Map<String, String> GROUP = Map.of("berth.dev/service", "web");

    private static List<String> terms(PodSpec spec) {
        return spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().stream().map(KubernetesPlacementTest::term).toList();
    }

    private static String term(NodeSelectorTerm term) {
        return String.join(" & ", term.getMatchExpressions().stream().map(KubernetesPlacementTest::requirement)
                .toList());
    }

    private static String requirement(NodeSelectorRequirement r) {
        return r.getKey() + " " + r.getOperator() + " " + r.getValues();
    }

    private static PodSpec apply(List<PlacementConstraint> constraints, List<PlacementStrategy> strategies) {
        PodSpec spec = new PodSpec();
        KubernetesPlacement.apply(spec, "service 'web'", constraints, strategies, GROUP);
        return spec;
    }

    @Test
    void apply_translatesMemberOfToNodeAffinityOnTheWellKnownLabels() {
        PodSpec spec = apply(List.of(PlacementConstraint.memberOf(
                "attribute:ecs.availability-zone in [zone-a, zone-b] and attribute:ecs.cpu-architecture == x86_64"),
                PlacementConstraint.memberOf("attribute:gpu !exists or attribute:disk >= 100")), List.of());

        assertThat(terms(spec)).containsExactly(
                "topology.kubernetes.io/zone In [zone-a, zone-b] & kubernetes.io/arch In [amd64] & gpu DoesNotExist []",
                "topology.kubernetes.io/zone In [zone-a, zone-b] & kubernetes.io/arch In [amd64] & disk Gt [99]");
    }

    @Test
    void apply_pushesNotIntoTheComparisons() {
        PodSpec spec = apply(List.of(PlacementConstraint.memberOf(
                "not(attribute:ecs.instance-type == t3.micro or attribute:tier exists)")), List.of());

        assertThat(terms(spec)).containsExactly("node.kubernetes.io/instance-type NotIn [t3.micro] & tier DoesNotExist []");
    }

    @Test
    void apply_makesDistinctInstanceAPodAntiAffinityAndSpreadATopologySpread() {
        PodSpec spec = apply(List.of(PlacementConstraint.distinctInstance()),
                List.of(PlacementStrategy.spreadByAttribute("ecs.availability-zone"), PlacementStrategy.spreadByInstance(),
                        PlacementStrategy.random()));

        var antiAffinity = spec.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        assertThat(antiAffinity).singleElement().satisfies(t -> {
            assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(t.getLabelSelector().getMatchLabels()).isEqualTo(GROUP);
        });
        assertThat(spec.getTopologySpreadConstraints()).extracting(c -> c.getTopologyKey() + " " + c.getMaxSkew() + " "
                        + c.getWhenUnsatisfiable())
                .containsExactly("topology.kubernetes.io/zone 1 ScheduleAnyway", "kubernetes.io/hostname 1 ScheduleAnyway");
        assertThat(spec.getAffinity().getNodeAffinity()).isNull();
    }

    @Test
    void apply_refusesBinpackAndWhatNodeLabelsCannotSay() {
        assertThatThrownBy(() -> apply(List.of(PlacementConstraint.memberOf("attribute:name =~ web-.*"),
                        PlacementConstraint.memberOf("task:group == service:db")),
                List.of(PlacementStrategy.binpack(Resource.MEMORY))))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("CLIENT_SCHEDULED")
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems())
                        .extracting(p -> p.path() + " " + p.rule())
                        .containsExactly("placementConstraints[0] kubernetes.memberOf",
                                "placementConstraints[1] kubernetes.memberOf",
                                "placementStrategy[0] kubernetes.binpack"));
    }

    @Test
    void apply_whenThereIsNothingToTranslate_leavesTheSpecAlone() {
        PodSpec spec = apply(List.of(), List.of(PlacementStrategy.random()));

        assertThat(spec.getAffinity()).isNull();
        assertThat(spec.getTopologySpreadConstraints()).isEmpty();
    }
}
