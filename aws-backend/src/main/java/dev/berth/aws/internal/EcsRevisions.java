package dev.berth.aws.internal;

import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * Berth's task-definition revisions as ECS revisions. Berth keeps its own revisions (its store, its ARNs); StartTask
 * needs an ECS task-definition ARN. So the first start of a Berth revision resolves it in ECS: if the latest ACTIVE
 * ECS revision of the same family has exactly the same content, that one is used, else the definition is registered
 * once more. The pair is cached both ways for the life of the backend, so each Berth revision costs one Describe and
 * at most one Register per process, and a restarted process reuses what it registered before.
 */
public final class EcsRevisions {

    private static final Logger LOG = LoggerFactory.getLogger(EcsRevisions.class);

    private final EcsClient ecs;
    private final Map<String, String> ecsArnByBerthArn = new ConcurrentHashMap<>();
    private final Map<String, RegisteredTaskDefinition> berthByEcsArn = new ConcurrentHashMap<>();
    private final Map<String, TaskDefinition> definitionByEcsArn = new ConcurrentHashMap<>();

    /** @param ecs the client every call goes through */
    public EcsRevisions(EcsClient ecs) {
        this.ecs = Objects.requireNonNull(ecs, "ecs");
    }

    /**
     * @param revision a Berth revision
     * @return the ARN of an ACTIVE ECS revision with the same content, registered now if there was none
     * @throws dev.berth.exception.BerthException if ECS rejects the definition or cannot be reached
     */
    public String ecsArn(RegisteredTaskDefinition revision) {
        return ecsArnByBerthArn.computeIfAbsent(revision.arn(), berthArn -> {
            String ecsArn = latestWithSameContent(revision.definition()).orElseGet(() -> {
                String registered = EcsErrors.call("RegisterTaskDefinition", () -> ecs.registerTaskDefinition(
                        TaskDefinitionMapper.toRegisterRequest(revision.definition()))).taskDefinition()
                        .taskDefinitionArn();
                LOG.debug("Registered in ECS revision={} ecsRevision={}", berthArn, registered);
                return registered;
            });
            berthByEcsArn.put(ecsArn, revision);
            definitionByEcsArn.put(ecsArn, revision.definition());
            return ecsArn;
        });
    }

    /**
     * @param ecsArn an ECS task-definition ARN
     * @return the Berth revision this backend resolved to it, if any
     */
    public Optional<RegisteredTaskDefinition> berthRevision(String ecsArn) {
        return Optional.ofNullable(berthByEcsArn.get(ecsArn));
    }

    /**
     * @param ecsArn an ECS task-definition ARN
     * @return its content in Berth's model: cached, or described once
     * @throws dev.berth.exception.BerthException if ECS has no such revision or cannot be reached
     */
    public TaskDefinition definition(String ecsArn) {
        return definitionByEcsArn.computeIfAbsent(ecsArn, arn -> {
            DescribeTaskDefinitionResponse described = EcsErrors.call("DescribeTaskDefinition",
                    () -> ecs.describeTaskDefinition(b -> b.taskDefinition(arn).include(TaskDefinitionField.TAGS)));
            return TaskDefinitionMapper.fromSdk(described.taskDefinition(), described.tags());
        });
    }

    private Optional<String> latestWithSameContent(TaskDefinition definition) {
        DescribeTaskDefinitionResponse latest;
        try {
            latest = EcsErrors.call("DescribeTaskDefinition", () -> ecs.describeTaskDefinition(
                    b -> b.taskDefinition(definition.family()).include(TaskDefinitionField.TAGS)));
        } catch (dev.berth.exception.ResourceNotFoundException | dev.berth.exception.InvalidSpecException noFamily) {
            return Optional.empty();
        }
        if (!"ACTIVE".equals(latest.taskDefinition().statusAsString())) {
            return Optional.empty();
        }
        TaskDefinition existing;
        try {
            existing = TaskDefinitionMapper.fromSdk(latest.taskDefinition(), latest.tags());
        } catch (RuntimeException notBerthShaped) {
            // A revision registered outside Berth that Berth's model cannot express: not the same content.
            return Optional.empty();
        }
        return existing.equals(definition) ? Optional.of(latest.taskDefinition().taskDefinitionArn()) : Optional.empty();
    }
}
