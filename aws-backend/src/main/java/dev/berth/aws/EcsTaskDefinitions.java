package dev.berth.aws;

import dev.berth.aws.internal.EcsErrors;
import dev.berth.aws.internal.EcsTaskCalls;
import dev.berth.aws.internal.TaskDefinitionMapper;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * Task definitions as ECS holds them, in Berth's model: RegisterTaskDefinition, DescribeTaskDefinition,
 * ListTaskDefinitions, DeregisterTaskDefinition and DeleteTaskDefinitions. References are ECS's: {@code family}
 * (the latest ACTIVE revision), {@code family:revision} or an ARN; returned ARNs and revisions are ECS's.
 */
public final class EcsTaskDefinitions {

    private static final int MAX_DELETE = 10;

    private final EcsClient ecs;
    private final Clock clock;

    EcsTaskDefinitions(EcsClient ecs, Clock clock) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers a new revision of the definition's family (ECS never deduplicates identical content).
     *
     * @param definition the definition to register
     * @return the revision ECS registered
     * @throws InvalidSpecException if ECS rejects the definition
     * @throws dev.berth.exception.BackendUnavailableException if ECS cannot be reached or refuses the caller
     */
    public RegisteredTaskDefinition register(TaskDefinition definition) {
        var response = EcsErrors.call("RegisterTaskDefinition",
                () -> ecs.registerTaskDefinition(TaskDefinitionMapper.toRegisterRequest(definition)));
        return toBerth(response.taskDefinition(), response.tags());
    }

    /**
     * @param reference {@code family}, {@code family:revision} or an ARN
     * @return the revision, with its tags
     * @throws dev.berth.exception.ResourceNotFoundException if ECS has no such revision
     * @throws dev.berth.exception.BackendUnavailableException if ECS cannot be reached or refuses the caller
     */
    public RegisteredTaskDefinition describe(String reference) {
        DescribeTaskDefinitionResponse response = EcsErrors.call("DescribeTaskDefinition",
                () -> ecs.describeTaskDefinition(b -> b.taskDefinition(reference).include(TaskDefinitionField.TAGS)));
        return toBerth(response.taskDefinition(), response.tags());
    }

    /**
     * @param familyPrefix only families starting with this; empty = all
     * @param status ACTIVE or INACTIVE revisions
     * @return the ARNs of the matching revisions, every page, oldest first
     * @throws dev.berth.exception.BackendUnavailableException if ECS cannot be reached or refuses the caller
     */
    public List<String> list(String familyPrefix, TaskDefinitionStatus status) {
        return EcsErrors.call("ListTaskDefinitions", () -> ecs.listTaskDefinitionsPaginator(b -> {
            b.status(status.name());
            if (!familyPrefix.isEmpty()) {
                b.familyPrefix(familyPrefix);
            }
        }).taskDefinitionArns().stream().toList());
    }

    /**
     * @param familyPrefix only families starting with this; empty = all
     * @return the names of the families with at least one ACTIVE revision, every page
     * @throws dev.berth.exception.BackendUnavailableException if ECS cannot be reached or refuses the caller
     */
    public List<String> families(String familyPrefix) {
        return EcsErrors.call("ListTaskDefinitionFamilies", () -> ecs.listTaskDefinitionFamiliesPaginator(b -> {
            b.status(TaskDefinitionFamilyStatus.ACTIVE);
            if (!familyPrefix.isEmpty()) {
                b.familyPrefix(familyPrefix);
            }
        }).families().stream().toList());
    }

    /**
     * Marks a revision INACTIVE: running tasks and services keep it, new tasks cannot use it.
     *
     * @param reference {@code family:revision} or an ARN (a revision is required)
     * @return the revision, now INACTIVE
     * @throws dev.berth.exception.ResourceNotFoundException if ECS has no such revision
     * @throws InvalidSpecException if the reference names no revision
     * @throws dev.berth.exception.BackendUnavailableException if ECS cannot be reached or refuses the caller
     */
    public RegisteredTaskDefinition deregister(String reference) {
        var response = EcsErrors.call("DeregisterTaskDefinition",
                () -> ecs.deregisterTaskDefinition(b -> b.taskDefinition(reference)));
        return toBerth(response.taskDefinition(), List.of());
    }

    /**
     * Deletes INACTIVE revisions, in calls of at most 10 (ECS keeps them DELETE_IN_PROGRESS while tasks use them).
     *
     * @param references {@code family:revision} or ARNs of INACTIVE revisions
     * @throws InvalidSpecException if ECS refuses one (e.g. it is still ACTIVE)
     * @throws dev.berth.exception.BackendUnavailableException if ECS cannot be reached or refuses the caller
     */
    public void delete(List<String> references) {
        for (List<String> batch : EcsTaskCalls.batches(references, MAX_DELETE)) {
            var response = EcsErrors.call("DeleteTaskDefinitions",
                    () -> ecs.deleteTaskDefinitions(b -> b.taskDefinitions(batch)));
            if (!response.failures().isEmpty()) {
                throw new InvalidSpecException("ECS DeleteTaskDefinitions request",
                        response.failures().stream().map(f -> new SpecProblem("taskDefinitions",
                                "ecs." + f.reason(), String.valueOf(f.arn()),
                                f.reason() + (f.detail() == null ? "" : ": " + f.detail()))).toList());
            }
        }
    }

    private RegisteredTaskDefinition toBerth(software.amazon.awssdk.services.ecs.model.TaskDefinition registered,
                                             List<software.amazon.awssdk.services.ecs.model.Tag> tags) {
        TaskDefinitionStatus status = switch (String.valueOf(registered.statusAsString())) {
            case "INACTIVE" -> TaskDefinitionStatus.INACTIVE;
            case "DELETE_IN_PROGRESS" -> TaskDefinitionStatus.DELETE_IN_PROGRESS;
            default -> TaskDefinitionStatus.ACTIVE;
        };
        return new RegisteredTaskDefinition(registered.taskDefinitionArn(), registered.revision(), status,
                TaskDefinitionMapper.fromSdk(registered, tags),
                registered.registeredAt() != null ? registered.registeredAt() : clock.instant(),
                Optional.ofNullable(registered.deregisteredAt()));
    }
}
