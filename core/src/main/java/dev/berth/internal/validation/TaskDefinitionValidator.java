package dev.berth.internal.validation;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a task definition against ECS's registration rules and reports every problem at once.
 * Internal: users meet it through {@link TaskDefinition}'s constructor.
 */
public final class TaskDefinitionValidator {

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

    /** @return every rule {@code td} breaks, in field order; empty when it is valid */
    public static List<SpecProblem> problems(TaskDefinition td) {
        List<SpecProblem> problems = new ArrayList<>();
        if (td.containerDefinitions().isEmpty()) {
            problems.add(new SpecProblem("containerDefinitions", "containerDefinitions.empty", "",
                    "Container list cannot be empty."));
        }
        return problems;
    }
}
