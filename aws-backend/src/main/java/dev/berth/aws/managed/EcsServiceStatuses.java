package dev.berth.aws.managed;

import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.RolloutState;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceStatus;
import dev.berth.spi.ManagedDeployment;
import dev.berth.spi.ManagedServiceStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;

/** ECS's {@code DescribeServices} answer as Berth's {@link ManagedServiceStatus}. Pure mapping, no calls. */
final class EcsServiceStatuses {

    private EcsServiceStatuses() {
    }

    /** @return the status, or empty for an INACTIVE service (ECS keeps those for a while; Berth treats them as gone) */
    /**
     * @param berthRevision the revision an ECS task-definition ARN stands for, in Berth's model
     */
    static Optional<ManagedServiceStatus> of(Service service,
                                             Function<String, RegisteredTaskDefinition> berthRevision) {
        String status = Optional.ofNullable(service.status()).orElse("ACTIVE");
        if (status.equals("INACTIVE")) {
            return Optional.empty();
        }
        List<ManagedDeployment> deployments = service.deployments().stream()
                .filter(d -> !"INACTIVE".equals(d.status()))
                .sorted(Comparator.comparing((Deployment d) -> !"PRIMARY".equals(d.status())))
                .map(d -> deployment(d, service.createdAt(), berthRevision))
                .toList();
        List<ServiceEvent> events = service.events().stream()
                .map(e -> new ServiceEvent(e.createdAt(), kindOf(e.message()), e.message()))
                .sorted(Comparator.comparing(ServiceEvent::createdAt).reversed())
                .toList();
        return Optional.of(new ManagedServiceStatus(
                status.equals("DRAINING") ? ServiceStatus.DRAINING : ServiceStatus.ACTIVE,
                count(service.desiredCount()), count(service.runningCount()), count(service.pendingCount()),
                deployments, events));
    }

    private static ManagedDeployment deployment(Deployment d, Instant serviceCreatedAt,
                                                Function<String, RegisteredTaskDefinition> berthRevision) {
        Instant createdAt = Optional.ofNullable(d.createdAt()).orElse(Optional.ofNullable(serviceCreatedAt)
                .orElse(Instant.EPOCH));
        return new ManagedDeployment(d.id(), berthRevision.apply(d.taskDefinition()),
                "PRIMARY".equals(d.status()) ? DeploymentStatus.PRIMARY : DeploymentStatus.ACTIVE,
                rollout(d.rolloutState()), Optional.ofNullable(d.rolloutStateReason()).orElse(""),
                count(d.failedTasks()), count(d.runningCount()), count(d.pendingCount()), createdAt,
                Optional.ofNullable(d.updatedAt()).orElse(createdAt));
    }

    /** ECS reports no rollout state for services without the circuit breaker or from older APIs: in progress. */
    private static RolloutState rollout(DeploymentRolloutState state) {
        if (state == null) {
            return RolloutState.IN_PROGRESS;
        }
        return switch (state) {
            case COMPLETED -> RolloutState.COMPLETED;
            case FAILED -> RolloutState.FAILED;
            default -> RolloutState.IN_PROGRESS;
        };
    }

    /**
     * ECS's events are free text; their kind follows from ECS's fixed phrases (the service event messages of
     * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html), e.g.
     * {@code service (web) has reached a steady state.}
     */
    static ServiceEvent.Kind kindOf(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        if (text.contains("has reached a steady state")) {
            return ServiceEvent.Kind.SERVICE_STEADY_STATE;
        }
        if (text.contains("was unable to place a task")) {
            return ServiceEvent.Kind.SERVICE_TASK_PLACEMENT_FAILURE;
        }
        if (text.contains("is unable to consistently start tasks")) {
            return ServiceEvent.Kind.SERVICE_TASK_START_IMPAIRED;
        }
        if (text.contains("deployment") && text.contains("completed")) {
            return ServiceEvent.Kind.SERVICE_DEPLOYMENT_COMPLETED;
        }
        if (text.contains("deployment") && text.contains("failed")) {
            return ServiceEvent.Kind.SERVICE_DEPLOYMENT_FAILED;
        }
        if (text.contains("has stopped")) {
            return ServiceEvent.Kind.TASKS_STOPPED;
        }
        if (text.contains("has started")) {
            return ServiceEvent.Kind.TASKS_STARTED;
        }
        return ServiceEvent.Kind.SERVICE_DEPLOYMENT_IN_PROGRESS;
    }

    private static int count(Integer value) {
        return value == null ? 0 : Math.max(0, value);
    }
}
