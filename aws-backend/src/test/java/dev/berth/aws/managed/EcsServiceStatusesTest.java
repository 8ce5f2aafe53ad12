package dev.berth.aws.managed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.service.CircuitBreakerThreshold;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.ManagedServiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ThresholdType;

/**
 * The mapping between Berth's services and ECS's requests and answers, on ECS's own shapes. moto starts no task, keeps
 * one deployment, returns no events and drops the deployment configuration (moto/ecs/models.py), so these cases cannot
 * be observed through it.
 */
class EcsServiceStatusesTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aRollingDeployment_mapsPrimaryFirst_withCountsRolloutAndEventsNewestFirst() {
        Service service = Service.builder().serviceName("web").status("ACTIVE")
                .desiredCount(4).runningCount(5).pendingCount(1)
                .deployments(
                        Deployment.builder().id("ecs-svc/1").status("ACTIVE").taskDefinition("arn:td/web:1")
                                .runningCount(3).pendingCount(0).failedTasks(0)
                                .rolloutState(DeploymentRolloutState.COMPLETED).createdAt(T0).updatedAt(T0).build(),
                        Deployment.builder().id("ecs-svc/2").status("PRIMARY").taskDefinition("arn:td/web:2")
                                .runningCount(2).pendingCount(1).failedTasks(1)
                                .rolloutState(DeploymentRolloutState.IN_PROGRESS)
                                .rolloutStateReason("ECS deployment ecs-svc/2 in progress.")
                                .createdAt(T0.plusSeconds(60)).updatedAt(T0.plusSeconds(70)).build())
                .events(
                        e -> e.id("1").createdAt(T0).message("service (web) has reached a steady state."),
                        e -> e.id("2").createdAt(T0.plusSeconds(61)).message("service (web) has started 2 tasks: "
                                + "(task a) (task b)."))
                .build();

        ManagedServiceStatus status = EcsServiceStatuses.of(service, EcsServiceStatusesTest::revision).orElseThrow();

        assertThat(status.runningCount()).isEqualTo(5);
        assertThat(status.deployments()).extracting(d -> d.id()).containsExactly("ecs-svc/2", "ecs-svc/1");
        assertThat(status.deployments().get(0)).satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeploymentStatus.PRIMARY);
            assertThat(d.rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
            assertThat(d.failedTasks()).isEqualTo(1);
            assertThat(d.pendingCount()).isEqualTo(1);
        });
        assertThat(status.events()).extracting(ServiceEvent::kind)
                .containsExactly(ServiceEvent.Kind.TASKS_STARTED, ServiceEvent.Kind.SERVICE_STEADY_STATE);
    }

    /** A Berth revision standing for an ECS ARN, as the backend's resolver gives it. */
    private static RegisteredTaskDefinition revision(String ecsArn) {
        return new RegisteredTaskDefinition(ecsArn, Integer.parseInt(ecsArn.substring(ecsArn.lastIndexOf(':') + 1)),
                TaskDefinitionStatus.ACTIVE, TaskDefinition.builder("web")
                        .container(c -> c.name("app").image("busybox:stable").memoryMiB(64)).build(),
                T0, Optional.empty());
    }

    @Test
    void anInactiveService_isGone() {
        assertThat(EcsServiceStatuses.of(Service.builder().serviceName("web").status("INACTIVE").build(),
                EcsServiceStatusesTest::revision)).isEmpty();
    }

    @Test
    void aFailedRollout_staysFailed() {
        Service service = Service.builder().serviceName("web").status("ACTIVE").desiredCount(1)
                .deployments(Deployment.builder().id("ecs-svc/3").status("PRIMARY").taskDefinition("arn:td/web:3")
                        .rolloutState(DeploymentRolloutState.FAILED).rolloutStateReason("circuit breaker tripped")
                        .createdAt(T0).build())
                .build();

        assertThat(EcsServiceStatuses.of(service, EcsServiceStatusesTest::revision).orElseThrow().deployments().get(0)
                .rolloutState())
                .isEqualTo(RolloutState.FAILED);
    }

    @Test
    void eventKinds_followEcsPhrases() {
        assertThat(EcsServiceStatuses.kindOf("service (web) was unable to place a task because no container "
                + "instance met all of its requirements.")).isEqualTo(ServiceEvent.Kind.SERVICE_TASK_PLACEMENT_FAILURE);
        assertThat(EcsServiceStatuses.kindOf("service (web) is unable to consistently start tasks successfully."))
                .isEqualTo(ServiceEvent.Kind.SERVICE_TASK_START_IMPAIRED);
        assertThat(EcsServiceStatuses.kindOf("service (web) has stopped 1 running tasks: (task a)."))
                .isEqualTo(ServiceEvent.Kind.TASKS_STOPPED);
        assertThat(EcsServiceStatuses.kindOf("(service web) (deployment ecs-svc/2) deployment completed."))
                .isEqualTo(ServiceEvent.Kind.SERVICE_DEPLOYMENT_COMPLETED);
    }

    @Test
    void createRequest_carriesTheDeploymentConfigurationPlacementAndGracePeriod() {
        ServiceSpec spec = ServiceSpec.builder("web", TaskDefinitionRef.latest("web"))
                .desiredCount(5)
                .deploymentConfiguration(new DeploymentConfiguration(50, 150, new DeploymentCircuitBreaker(true, true,
                        new CircuitBreakerThreshold(CircuitBreakerThreshold.Type.COUNT, 4))))
                .placementStrategy(PlacementStrategy.spread("attribute:ecs.availability-zone"))
                .placementConstraint(PlacementConstraint.memberOf("attribute:color == blue"))
                .healthCheckGracePeriod(Duration.ofSeconds(30))
                .build();

        CreateServiceRequest request = EcsServiceRequests.create("dev", spec, "arn:td/web:7", "token-1").build();

        assertThat(request.taskDefinition()).isEqualTo("arn:td/web:7");
        assertThat(request.desiredCount()).isEqualTo(5);
        assertThat(request.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(50);
        assertThat(request.deploymentConfiguration().maximumPercent()).isEqualTo(150);
        assertThat(request.deploymentConfiguration().deploymentCircuitBreaker().rollback()).isTrue();
        assertThat(request.deploymentConfiguration().deploymentCircuitBreaker().thresholdConfiguration().type())
                .isEqualTo(ThresholdType.COUNT);
        assertThat(request.placementStrategy()).singleElement()
                .satisfies(s -> assertThat(s.field()).isEqualTo("attribute:ecs.availability-zone"));
        assertThat(request.placementConstraints()).singleElement()
                .satisfies(c -> assertThat(c.expression()).isEqualTo("attribute:color == blue"));
        assertThat(request.healthCheckGracePeriodSeconds()).isEqualTo(30);
        assertThat(request.clientToken()).isEqualTo("token-1");
    }
}
