package dev.berth.aws.managed;

import dev.berth.aws.internal.PlacementMapper;
import dev.berth.service.CircuitBreakerThreshold;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.ServiceSpec;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.ThresholdConfiguration;
import software.amazon.awssdk.services.ecs.model.ThresholdType;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/** Berth's {@link ServiceSpec} as ECS's CreateService and UpdateService requests. Pure mapping, no calls. */
final class EcsServiceRequests {

    private EcsServiceRequests() {
    }

    /**
     * @param taskDefinitionArn the ECS ARN of the revision to run
     * @param clientToken ECS's idempotency token for CreateService (at most 36 characters)
     */
    static CreateServiceRequest.Builder create(String cluster, ServiceSpec spec, String taskDefinitionArn,
                                               String clientToken) {
        return CreateServiceRequest.builder()
                .cluster(cluster)
                .serviceName(spec.name())
                .taskDefinition(taskDefinitionArn)
                .desiredCount(spec.desiredCount())
                .schedulingStrategy(spec.schedulingStrategy() == dev.berth.service.SchedulingStrategy.DAEMON
                        ? SchedulingStrategy.DAEMON : SchedulingStrategy.REPLICA)
                .deploymentConfiguration(deploymentConfiguration(spec))
                .placementStrategy(PlacementMapper.strategies(spec.placementStrategies()))
                .placementConstraints(PlacementMapper.constraints(spec.placementConstraints()))
                .healthCheckGracePeriodSeconds(Math.toIntExact(spec.healthCheckGracePeriod().toSeconds()))
                .clientToken(clientToken);
    }

    /** ECS takes every field again; the scheduling strategy cannot change and is not sent. */
    static UpdateServiceRequest.Builder update(String cluster, ServiceSpec spec, String taskDefinitionArn,
                                               boolean forceNewDeployment) {
        return UpdateServiceRequest.builder()
                .cluster(cluster)
                .service(spec.name())
                .taskDefinition(taskDefinitionArn)
                .desiredCount(spec.desiredCount())
                .deploymentConfiguration(deploymentConfiguration(spec))
                .placementStrategy(PlacementMapper.strategies(spec.placementStrategies()))
                .placementConstraints(PlacementMapper.constraints(spec.placementConstraints()))
                .healthCheckGracePeriodSeconds(Math.toIntExact(spec.healthCheckGracePeriod().toSeconds()))
                .forceNewDeployment(forceNewDeployment);
    }

    static DeploymentConfiguration deploymentConfiguration(ServiceSpec spec) {
        dev.berth.service.DeploymentConfiguration config = spec.deploymentConfiguration();
        DeploymentCircuitBreaker breaker = config.circuitBreaker();
        return DeploymentConfiguration.builder()
                .minimumHealthyPercent(config.minimumHealthyPercent())
                .maximumPercent(config.maximumPercent())
                .deploymentCircuitBreaker(b -> b.enable(breaker.enabled()).rollback(breaker.rollback())
                        .thresholdConfiguration(threshold(breaker.threshold())))
                .build();
    }

    private static ThresholdConfiguration threshold(CircuitBreakerThreshold threshold) {
        ThresholdType type = switch (threshold.type()) {
            case BOUNDED_PERCENT -> ThresholdType.BOUNDED_PERCENT;
            case UNBOUNDED_PERCENT -> ThresholdType.UNBOUNDED_PERCENT;
            case COUNT -> ThresholdType.COUNT;
        };
        return ThresholdConfiguration.builder().type(type).value(threshold.value()).build();
    }
}
