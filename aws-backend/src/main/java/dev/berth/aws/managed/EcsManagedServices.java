package dev.berth.aws.managed;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.ServiceSpec;
import dev.berth.spi.ManagedServiceStatus;
import dev.berth.spi.ManagedServices;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;

/**
 * ECS-managed services: Berth's service calls as ECS's CreateService, UpdateService, DeleteService and
 * DescribeServices, so that ECS's own scheduler keeps the service at its desired count, rolls deployments and runs
 * the circuit breaker, and Berth reports what ECS says. Retries are the SDK client's (its retry strategy handles
 * ECS's throttling); this class adds none.
 */
public final class EcsManagedServices implements ManagedServices {

    private final EcsClient ecs;
    private final Function<RegisteredTaskDefinition, String> taskDefinitionArn;
    private final Consumer<CreateServiceRequest.Builder> launchSettings;

    /**
     * @param ecs the user's client; Berth does not close it
     * @param taskDefinitionArn the ECS ARN of a Berth revision (registering it at ECS first if it must)
     * @param launchSettings adds what Berth's spec does not hold: launch type or capacity providers, network
     *     configuration, load balancers, tags
     */
    public EcsManagedServices(EcsClient ecs, Function<RegisteredTaskDefinition, String> taskDefinitionArn,
                              Consumer<CreateServiceRequest.Builder> launchSettings) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.taskDefinitionArn = Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        this.launchSettings = Objects.requireNonNull(launchSettings, "launchSettings");
    }

    /**
     * {@inheritDoc}
     *
     * <p>The call carries a fresh client token, so that the SDK's retry of a timed-out call cannot create the
     * service twice.
     */
    @Override
    public void createService(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition) {
        if (describeService(cluster, spec.name()).isPresent()) {
            // ECS answers CreateService of an existing ACTIVE name with InvalidParameterException; Berth's contract
            // is a ConflictException that says what to do.
            throw new ConflictException("Service " + cluster + "/" + spec.name() + " already exists at ECS; update "
                    + "it, or delete it and wait until it is gone.");
        }
        CreateServiceRequest.Builder request = EcsServiceRequests.create(cluster, spec,
                taskDefinitionArn.apply(taskDefinition), UUID.randomUUID().toString());
        launchSettings.accept(request);
        call("CreateService " + cluster + "/" + spec.name(), () -> ecs.createService(request.build()));
    }

    @Override
    public void updateService(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition,
                              boolean forceNewDeployment) {
        String arn = taskDefinitionArn.apply(taskDefinition);
        call("UpdateService " + cluster + "/" + spec.name(),
                () -> ecs.updateService(EcsServiceRequests.update(cluster, spec, arn, forceNewDeployment).build()));
    }

    @Override
    public void deleteService(String cluster, String service, boolean force) {
        call("DeleteService " + cluster + "/" + service,
                () -> ecs.deleteService(b -> b.cluster(cluster).service(service).force(force)));
    }

    @Override
    public Optional<ManagedServiceStatus> describeService(String cluster, String service) {
        DescribeServicesResponse response = call("DescribeServices " + cluster + "/" + service,
                () -> ecs.describeServices(b -> b.cluster(cluster).services(service)));
        return response.services().stream()
                .filter(s -> service.equals(s.serviceName()))
                .findFirst()
                .flatMap(EcsServiceStatuses::of);
    }

    private static <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (EcsException e) {
            throw translate(what, e);
        } catch (SdkClientException e) {
            throw new BackendUnavailableException(what + " could not reach ECS: " + e.getMessage(), true, e);
        }
    }

    /** ECS's error as Berth's exception of the same meaning, with ECS's message and request id. */
    static BerthException translate(String what, EcsException e) {
        String message = what + " failed: " + Optional.ofNullable(e.awsErrorDetails())
                .map(d -> d.errorMessage()).orElse(e.getMessage()) + " (ECS request id " + e.requestId() + ")";
        if (e instanceof ClusterNotFoundException || e instanceof ServiceNotFoundException
                || e instanceof ServiceNotActiveException) {
            return new ResourceNotFoundException(message);
        }
        if (e instanceof InvalidParameterException && message.contains("scaled above 0")) {
            return new ConflictException(message + ". Scale the service to 0 first, or delete it with force.");
        }
        if (e.isThrottlingException() || e.statusCode() >= 500) {
            return new BackendUnavailableException(message, true, e);
        }
        return new BerthException(message, e);
    }
}
