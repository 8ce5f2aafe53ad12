package dev.berth.aws.managed;

import dev.berth.aws.internal.EcsErrors;
import dev.berth.exception.ConflictException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.ManagedServiceStatus;
import dev.berth.spi.ManagedServices;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;

/**
 * ECS-managed services: Berth's service calls as ECS's CreateService, UpdateService, DeleteService and
 * DescribeServices, so that ECS's own scheduler keeps the service at its desired count, rolls deployments and runs
 * the circuit breaker, and Berth reports what ECS says. Retries are the SDK client's (its retry strategy handles
 * ECS's throttling); this class adds none. Errors are Berth's exceptions with ECS's message and request id.
 */
public final class EcsManagedServices implements ManagedServices {

    private final EcsClient ecs;
    private final Function<RegisteredTaskDefinition, String> ecsArn;
    private final Function<String, RegisteredTaskDefinition> berthRevision;
    private final BiConsumer<TaskDefinition, CreateServiceRequest.Builder> launchSettings;

    /**
     * @param ecs the client every call goes through; not closed here
     * @param ecsArn the ECS ARN of a Berth revision (registering it at ECS first if it must)
     * @param berthRevision the revision an ECS task-definition ARN stands for, in Berth's model
     * @param launchSettings adds what Berth's spec does not hold: launch type, network configuration
     */
    public EcsManagedServices(EcsClient ecs, Function<RegisteredTaskDefinition, String> ecsArn,
                              Function<String, RegisteredTaskDefinition> berthRevision,
                              BiConsumer<TaskDefinition, CreateServiceRequest.Builder> launchSettings) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.ecsArn = Objects.requireNonNull(ecsArn, "ecsArn");
        this.berthRevision = Objects.requireNonNull(berthRevision, "berthRevision");
        this.launchSettings = Objects.requireNonNull(launchSettings, "launchSettings");
    }

    /**
     * {@inheritDoc}
     *
     * <p>The call carries a fresh client token, so that the SDK's retry of a timed-out call cannot create the
     * service twice.
     */
    /** {@inheritDoc} Here: true, the fields go to CreateService and UpdateService unchanged. */
    @Override
    public boolean carriesServiceNetworking() {
        return true;
    }

    @Override
    public void createService(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition) {
        if (describeService(cluster, spec.name()).isPresent()) {
            // ECS answers CreateService of an existing ACTIVE name with InvalidParameterException; Berth's contract
            // is a ConflictException that says what to do.
            throw new ConflictException("Service " + cluster + "/" + spec.name() + " already exists at ECS; update "
                    + "it, or delete it and wait until it is gone.");
        }
        CreateServiceRequest.Builder request = EcsServiceRequests.create(cluster, spec, ecsArn.apply(taskDefinition),
                UUID.randomUUID().toString());
        launchSettings.accept(taskDefinition.definition(), request);
        EcsErrors.call("CreateService", () -> ecs.createService(request.build()));
    }

    @Override
    public void updateService(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition,
                              boolean forceNewDeployment) {
        String arn = ecsArn.apply(taskDefinition);
        EcsErrors.call("UpdateService",
                () -> ecs.updateService(EcsServiceRequests.update(cluster, spec, arn, forceNewDeployment).build()));
    }

    /** Checks Berth's rule first, as ECS would refuse: a service scaled above 0 is deleted only with force. */
    @Override
    public void deleteService(String cluster, String service, boolean force) {
        if (!force && describeService(cluster, service).filter(s -> s.desiredCount() > 0).isPresent()) {
            throw new ConflictException("The service cannot be stopped while it is scaled above 0. Scale " + cluster
                    + "/" + service + " to 0 first, or delete it with force.");
        }
        EcsErrors.call("DeleteService", () -> ecs.deleteService(b -> b.cluster(cluster).service(service).force(force)));
    }

    @Override
    public Optional<ManagedServiceStatus> describeService(String cluster, String service) {
        return EcsErrors.call("DescribeServices", () -> ecs.describeServices(b -> b.cluster(cluster).services(service)))
                .services().stream()
                .filter(s -> service.equals(s.serviceName()))
                .findFirst()
                .flatMap(s -> EcsServiceStatuses.of(s, berthRevision));
    }
}
