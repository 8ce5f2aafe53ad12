package dev.berth.kubernetes.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.InvalidSpecException;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.service.CircuitBreakerThreshold;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

    private static final PodTemplateSpec TEMPLATE = new PodTemplateSpecBuilder().withNewMetadata().endMetadata()
            .withNewSpec().endSpec().build();

    private static ServiceSpec replica(int desired, int minimumHealthy, int maximum) {
        return ServiceSpec.builder("web", TaskDefinitionRef.latest("web")).desiredCount(desired)
                .deploymentConfiguration(new DeploymentConfiguration(minimumHealthy, maximum,
                        DeploymentCircuitBreaker.enabled(true)))
                .build();
    }

    /** Kubernetes' rolling update never leaves ECS's bounds: as many surge and unavailable pods as ECS allows. */
    @Property
    void deployment_keepsEcsBoundsAsWholeNumbers(@ForAll @IntRange(min = 1, max = 500) int desired,
                                                 @ForAll @IntRange(min = 0, max = 100) int minimumHealthy,
                                                 @ForAll @IntRange(min = 100, max = 200) int maximum) {
        ServiceSpec spec = replica(desired, minimumHealthy, maximum);
        DeploymentConfiguration bounds = spec.deploymentConfiguration();
        if (bounds.upperBound(desired) == desired && bounds.lowerBound(desired) == desired) {
            assertThatThrownBy(() -> Workloads.deployment("ns", "dev", spec, TEMPLATE, Map.of()))
                    .isInstanceOf(InvalidSpecException.class).hasMessageContaining("no room to replace");
            return;
        }
        Deployment deployment = Workloads.deployment("ns", "dev", spec, TEMPLATE, Map.of());

        var rolling = deployment.getSpec().getStrategy().getRollingUpdate();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(desired);
        assertThat(desired + rolling.getMaxSurge().getIntVal()).isEqualTo(bounds.upperBound(desired));
        assertThat(desired - rolling.getMaxUnavailable().getIntVal()).isEqualTo(bounds.lowerBound(desired));
    }

    @Test
    void deployment_selectsTheServicesPodsAndKeepsItsNames() {
        Deployment deployment = Workloads.deployment("team-ns", "Dev_Cluster", replica(3, 100, 200), TEMPLATE,
                Map.of(Workloads.DEPLOYMENT_ID, "k8s-deploy/1"));

        assertThat(deployment.getMetadata().getName()).isEqualTo("web");
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo("team-ns");
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .containsEntry("berth.dev/service", "web").containsEntry("berth.dev/cluster", "Dev_Cluster");
        assertThat(deployment.getMetadata().getAnnotations()).containsEntry("berth.dev/service-name", "web")
                .containsEntry("berth.dev/cluster-name", "Dev_Cluster")
                .containsEntry(Workloads.DEPLOYMENT_ID, "k8s-deploy/1");
    }

    @Test
    void daemonSet_takesTheBoundsAsPercentages() {
        ServiceSpec daemon = ServiceSpec.builder("agent", TaskDefinitionRef.latest("agent"))
                .schedulingStrategy(SchedulingStrategy.DAEMON).build();

        DaemonSet set = Workloads.daemonSet("ns", "dev", daemon, TEMPLATE, Map.of());

        assertThat(set.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getStrVal())
                .isEqualTo("100%");
        assertThat(set.getSpec().getUpdateStrategy().getRollingUpdate().getMaxSurge().getStrVal()).isEqualTo("0%");
    }

    @Test
    void breaker_isReadBackFromItsAnnotation() {
        DeploymentCircuitBreaker breaker = new DeploymentCircuitBreaker(true, false,
                new CircuitBreakerThreshold(CircuitBreakerThreshold.Type.COUNT, 7));

        assertThat(Workloads.breaker(Workloads.breaker(breaker))).isEqualTo(breaker);
        assertThat(Workloads.breaker((String) null)).isEqualTo(DeploymentCircuitBreaker.disabled());
    }
}
