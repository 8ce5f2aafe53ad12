package dev.berth.aws.internal;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.Compatibility;
import dev.berth.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before any call, that a definition can run on Fargate
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html): FARGATE among its
 * requiresCompatibilities, and everything ECS checks for Fargate (awsvpc, a task-level cpu/memory pair Fargate offers,
 * ...). The Fargate rules are core's: the definition is validated again as if it required FARGATE, so each problem
 * comes with its field, ECS's text and the sizes allowed, all at once.
 */
public final class FargateTaskSize {

    private FargateTaskSize() {
    }

    /**
     * @param definition what is to run on Fargate
     * @throws InvalidSpecException naming each field that keeps it from Fargate
     */
    public static void requireRunnable(TaskDefinition definition) {
        if (definition.requiresCompatibilities().contains(Compatibility.FARGATE)) {
            return; // core checked the Fargate rules when the definition was built
        }
        List<SpecProblem> problems = new ArrayList<>();
        problems.add(new SpecProblem("requiresCompatibilities", "fargate.compatibility",
                definition.requiresCompatibilities().toString(),
                "add FARGATE to requiresCompatibilities so that ECS validates the definition for Fargate"));
        try {
            definition.toBuilder().requiresCompatibilities(Compatibility.FARGATE).build();
        } catch (InvalidSpecException asFargate) {
            problems.addAll(asFargate.problems());
        }
        throw new InvalidSpecException("task definition '" + definition.family() + "' for Fargate", problems);
    }
}
