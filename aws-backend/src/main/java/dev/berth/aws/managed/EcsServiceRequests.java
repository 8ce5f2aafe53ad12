package dev.berth.aws.managed;

import dev.berth.aws.internal.PlacementMapper;
import dev.berth.service.CircuitBreakerThreshold;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.ServiceSpec;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.ServiceConnectClientAlias;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.ThresholdConfiguration;
import software.amazon.awssdk.services.ecs.model.ThresholdType;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * Berth's {@link ServiceSpec} as ECS's CreateService and UpdateService requests. Pure mapping, no calls. The
 * service's networking (load balancers with the user's target group ARNs, Cloud Map registries, Service Connect)
 * goes to ECS field for field: ECS registers, drains and names the tasks itself.
 */
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
                .applyMutation(b -> {
                    if (!spec.loadBalancers().isEmpty()) {
                        b.loadBalancers(loadBalancers(spec));
                    }
                    if (!spec.serviceRegistries().isEmpty()) {
                        b.serviceRegistries(serviceRegistries(spec));
                    }
                    serviceConnectIfEnabled(spec, b::serviceConnectConfiguration);
                })
                .clientToken(clientToken);
    }

    /**
     * ECS takes every field again; the scheduling strategy cannot change and is not sent. The load balancers and
     * registries are always sent: an empty list is how UpdateService removes those the service had. Service Connect
     * is sent while the spec enables it.
     */
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
                .loadBalancers(loadBalancers(spec))
                .serviceRegistries(serviceRegistries(spec))
                .applyMutation(b -> serviceConnectIfEnabled(spec, b::serviceConnectConfiguration))
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

    private static void serviceConnectIfEnabled(ServiceSpec spec, Consumer<ServiceConnectConfiguration> field) {
        if (spec.serviceConnectConfiguration().enabled()) {
            field.accept(serviceConnect(spec));
        }
    }

    static List<LoadBalancer> loadBalancers(ServiceSpec spec) {
        return spec.loadBalancers().stream().map(lb -> LoadBalancer.builder().targetGroupArn(lb.targetGroupArn())
                .containerName(lb.containerName()).containerPort(lb.containerPort()).build()).toList();
    }

    static List<ServiceRegistry> serviceRegistries(ServiceSpec spec) {
        return spec.serviceRegistries().stream().map(r -> {
            ServiceRegistry.Builder b = ServiceRegistry.builder().registryArn(r.registryArn());
            r.containerName().ifPresent(b::containerName);
            r.containerPort().ifPresent(b::containerPort);
            r.port().ifPresent(b::port);
            return b.build();
        }).toList();
    }

    static ServiceConnectConfiguration serviceConnect(ServiceSpec spec) {
        dev.berth.service.ServiceConnectConfiguration config = spec.serviceConnectConfiguration();
        ServiceConnectConfiguration.Builder b = ServiceConnectConfiguration.builder().enabled(config.enabled());
        config.namespace().ifPresent(b::namespace);
        if (!config.services().isEmpty()) {
            b.services(config.services().stream().map(EcsServiceRequests::serviceConnectService).toList());
        }
        return b.build();
    }

    private static ServiceConnectService serviceConnectService(dev.berth.service.ServiceConnectService service) {
        ServiceConnectService.Builder b = ServiceConnectService.builder().portName(service.portName())
                .clientAliases(service.clientAliases().stream().map(a -> {
                    ServiceConnectClientAlias.Builder alias = ServiceConnectClientAlias.builder().port(a.port());
                    a.dnsName().ifPresent(alias::dnsName);
                    return alias.build();
                }).toList());
        service.discoveryName().ifPresent(b::discoveryName);
        service.ingressPortOverride().ifPresent(b::ingressPortOverride);
        return b.build();
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
