package dev.berth.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.TaskDefinition;
import java.util.List;

/** Small valid definitions to break one field at a time, and assertions on the problems found. */
final class ValidationFixtures {

    private ValidationFixtures() {
    }

    /** @return a valid essential container with a hard memory limit */
    static ContainerDefinition.Builder container(String name) {
        return ContainerDefinition.builder(name).image("busybox:1.36").memoryMiB(128);
    }

    /** @return a valid EC2 task definition holding the given containers (one "app" container if none) */
    static TaskDefinition.Builder task(ContainerDefinition.Builder... containers) {
        TaskDefinition.Builder builder = TaskDefinition.builder("web");
        if (containers.length == 0) {
            builder.container(container("app").build());
        }
        for (ContainerDefinition.Builder container : containers) {
            builder.container(container.build());
        }
        return builder;
    }

    /** @return every problem building {@code builder} reports; empty if it builds */
    static List<SpecProblem> problemsOf(TaskDefinition.Builder builder) {
        try {
            builder.build();
            return List.of();
        } catch (InvalidSpecException e) {
            return e.problems();
        }
    }

    /**
     * Asserts that building {@code builder} fails with exactly one problem, at {@code path} for {@code rule}.
     *
     * @return that problem, to check its message and value
     */
    static SpecProblem onlyProblem(TaskDefinition.Builder builder, String path, String rule) {
        List<SpecProblem> problems = problemsOf(builder);
        assertThat(problems).as("problems").hasSize(1);
        SpecProblem problem = problems.get(0);
        assertThat(problem.path()).as("path").isEqualTo(path);
        assertThat(problem.rule()).as("rule").isEqualTo(rule);
        return problem;
    }
}
