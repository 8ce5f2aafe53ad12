package dev.berth.model.internal;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.NetworkMode;
import dev.berth.model.TaskDefinition;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a task definition against ECS's registration rules
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html and the types it takes)
 * and reports every problem at once, in the order of the record's fields: {@code family}, {@code containerDefinitions}
 * (the list, then each container field by field), {@code volumes}, {@code cpu}, {@code memory}, {@code networkMode},
 * {@code placementConstraints}, {@code pidMode}, {@code ipcMode}, {@code tags}, then the task-level features
 * ({@code ephemeralStorage}, {@code proxyConfiguration}, {@code inferenceAccelerators}, {@code runtimePlatform}).
 * The rules and their ids are listed in {@link Rule}.
 *
 * <p>ECS's 64 KiB quota on the JSON form is a registration quota, checked where ECS checks it: when a revision is
 * registered ({@code TaskDefinitions.register}), not here.
 *
 * <p>Internal: users meet it through {@link TaskDefinition}'s constructor.
 */
public final class TaskDefinitionValidator {

    private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Set<String> PID_MODES = Set.of("host", "task");
    private static final Set<String> IPC_MODES = Set.of("host", "task", "none");

    private TaskDefinitionValidator() {
    }

    /**
     * @param td a structurally complete task definition
     * @throws InvalidSpecException listing every rule {@code td} breaks
     */
    public static void requireValid(TaskDefinition td) {
        List<SpecProblem> problems = problems(td);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException("task definition '" + td.family() + "'", problems);
        }
    }

    /**
     * @param td a structurally complete task definition
     * @return every rule {@code td} breaks, in field order; empty when it is valid
     */
    public static List<SpecProblem> problems(TaskDefinition td) {
        ValidationContext context = new ValidationContext(td);
        Problems problems = new Problems();
        if (!FAMILY.matcher(td.family()).matches()) {
            problems.add("family", Rule.FAMILY_PATTERN, td.family());
        }
        ContainerListRules.check(context, problems);
        VolumeRules.check(context, problems);
        TaskSizeRules.check(context, problems);
        if (context.fargate() && td.networkMode() != NetworkMode.AWSVPC) {
            problems.add("networkMode", Rule.FARGATE_NETWORK_MODE, td.networkMode().ecsName(),
                    td.networkMode().ecsName());
        }
        PlacementConstraintRules.check(td.placementConstraints(), problems);
        checkNamespaceModes(context, problems);
        TagRules.check(td.tags(), problems);
        TaskFeatureRules.check(context, problems);
        return problems.toList();
    }

    private static void checkNamespaceModes(ValidationContext context, Problems problems) {
        context.taskDefinition().pidMode().ifPresent(pidMode -> {
            if (!PID_MODES.contains(pidMode)) {
                problems.add("pidMode", Rule.PID_MODE_VALUE, pidMode);
            } else if (context.fargate() && !pidMode.equals("task")) {
                problems.add("pidMode", Rule.FARGATE_PID_MODE, pidMode);
            }
        });
        context.taskDefinition().ipcMode().ifPresent(ipcMode -> {
            if (!IPC_MODES.contains(ipcMode)) {
                problems.add("ipcMode", Rule.IPC_MODE_VALUE, ipcMode);
            } else if (context.fargate()) {
                problems.add("ipcMode", Rule.FARGATE_IPC_MODE, ipcMode);
            }
        });
    }
}
