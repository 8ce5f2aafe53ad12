package dev.berth.aws.internal;

import dev.berth.aws.AwsBackendConfig;
import dev.berth.aws.AwsVpcConfiguration;
import dev.berth.aws.LaunchType;
import dev.berth.model.NetworkMode;
import dev.berth.model.TaskDefinition;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;

/**
 * Where and in which network ECS runs a definition's tasks, from the backend's configuration: the launch type, and
 * the awsvpc network configuration ECS requires for {@code awsvpc} definitions (always so on Fargate). Fargate task
 * sizes are checked here, before any call.
 */
public final class LaunchSettings {

    private final LaunchType launchType;
    private final Optional<AwsVpcConfiguration> awsVpc;

    /** @param config the backend's configuration */
    public LaunchSettings(AwsBackendConfig config) {
        this.launchType = config.launchType();
        this.awsVpc = config.awsVpc();
    }

    /**
     * @param definition what RunTask is to run
     * @param request a RunTask request with everything else set
     * @return the request with launch type and network configuration
     * @throws dev.berth.exception.InvalidSpecException if the launch type is FARGATE and the definition cannot run
     *     there (see {@link FargateTaskSize})
     * @throws IllegalStateException if the definition uses awsvpc and the configuration has no awsvpc settings
     */
    public RunTaskRequest applyTo(TaskDefinition definition, RunTaskRequest request) {
        if (launchType == LaunchType.FARGATE) {
            FargateTaskSize.requireRunnable(definition);
        }
        RunTaskRequest.Builder b = request.toBuilder().launchType(launchType.name());
        networkConfiguration(definition).ifPresent(b::networkConfiguration);
        return b.build();
    }

    /**
     * @param definition what the service runs
     * @param request a CreateService request; gets the launch type and network configuration
     * @throws dev.berth.exception.InvalidSpecException if the launch type is FARGATE and the definition cannot run
     *     there (see {@link FargateTaskSize})
     * @throws IllegalStateException if the definition uses awsvpc and the configuration has no awsvpc settings
     */
    public void applyTo(TaskDefinition definition, CreateServiceRequest.Builder request) {
        if (launchType == LaunchType.FARGATE) {
            FargateTaskSize.requireRunnable(definition);
        }
        request.launchType(launchType.name());
        networkConfiguration(definition).ifPresent(request::networkConfiguration);
    }

    /**
     * @param definition what is to run
     * @return the awsvpc network configuration ECS requires for it; empty for other network modes
     * @throws IllegalStateException if the definition uses awsvpc and the configuration has no awsvpc settings
     */
    public Optional<NetworkConfiguration> networkConfiguration(TaskDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        if (definition.networkMode() != NetworkMode.AWSVPC) {
            return Optional.empty();
        }
        AwsVpcConfiguration vpc = awsVpc.orElseThrow(() -> new IllegalStateException("task definition '"
                + definition.family() + "' uses networkMode awsvpc: configure AwsBackendConfig.awsVpc(...) with the"
                + " subnets its tasks run in"));
        return Optional.of(NetworkConfiguration.builder().awsvpcConfiguration(a -> a
                .subnets(vpc.subnets())
                .securityGroups(vpc.securityGroups().isEmpty() ? null : vpc.securityGroups())
                .assignPublicIp(vpc.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED))
                .build());
    }
}
