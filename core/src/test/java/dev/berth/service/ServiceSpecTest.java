package dev.berth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.TaskDefinitionRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {

    private final ServiceSpec spec = ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
            .desiredCount(3)
            .deploymentConfiguration(new DeploymentConfiguration(50, 150, DeploymentCircuitBreaker.enabled(true)))
            .placementStrategy(PlacementStrategy.spreadByInstance())
            .placementConstraint(PlacementConstraint.distinctInstance())
            .healthCheckGracePeriod(Duration.ofSeconds(30))
            .build();

    @Test
    void toBuilder_givesBackAnEqualSpec() {
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
    }

    @Test
    void toBuilder_changesOnlyWhatIsSet() {
        ServiceSpec changed = spec.toBuilder().taskDefinition(TaskDefinitionRef.parse("web:7")).desiredCount(5)
                .placementStrategies(List.of(PlacementStrategy.random())).build();

        assertThat(changed.taskDefinition()).isEqualTo(TaskDefinitionRef.parse("web:7"));
        assertThat(changed.desiredCount()).isEqualTo(5);
        assertThat(changed.placementStrategies()).containsExactly(PlacementStrategy.random());
        assertThat(changed.placementConstraints()).isEqualTo(spec.placementConstraints());
        assertThat(changed.deploymentConfiguration()).isEqualTo(spec.deploymentConfiguration());
        assertThat(changed.healthCheckGracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(changed.name()).isEqualTo("web");
    }

    @Test
    void toBuilder_validatesLikeTheBuilder() {
        assertThatThrownBy(() -> spec.toBuilder().desiredCount(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("desiredCount");
    }
}
