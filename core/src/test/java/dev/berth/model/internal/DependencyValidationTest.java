package dev.berth.model.internal;

import static dev.berth.model.DependencyCondition.COMPLETE;
import static dev.berth.model.DependencyCondition.HEALTHY;
import static dev.berth.model.DependencyCondition.START;
import static dev.berth.model.DependencyCondition.SUCCESS;
import static dev.berth.model.internal.ValidationFixtures.container;
import static dev.berth.model.internal.ValidationFixtures.onlyProblem;
import static dev.berth.model.internal.ValidationFixtures.problemsOf;
import static dev.berth.model.internal.ValidationFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.exception.SpecProblem;
import dev.berth.model.DependencyCondition;
import dev.berth.model.HealthCheck;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * dependsOn rules (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html) and cycle
 * detection.
 */
class DependencyValidationTest {

    @Test
    void build_whenDependenciesFormAChainWithEveryCondition_accepts() {
        assertThat(problemsOf(task(
                container("init").essential(false),
                container("db").healthCheck(HealthCheck.cmd("pg_isready")),
                container("migrate").essential(false).dependsOn("db", HEALTHY),
                container("app").dependsOn("init", COMPLETE).dependsOn("migrate", SUCCESS).dependsOn("db", START))))
                .isEmpty();
    }

    @Test
    void build_whenTargetUnknown_reportsUnknown() {
        SpecProblem problem = onlyProblem(task(container("app").dependsOn("db", START)),
                "containerDefinitions[0].dependsOn[0].containerName", "dependsOn.containerName.unknown");

        assertThat(problem.value()).isEqualTo("db");
    }

    @Test
    void build_whenContainerDependsOnItself_reportsSelf() {
        onlyProblem(task(container("app").dependsOn("app", START)),
                "containerDefinitions[0].dependsOn[0].containerName", "dependsOn.containerName.self");
    }

    @ParameterizedTest
    @EnumSource(value = DependencyCondition.class, names = {"COMPLETE", "SUCCESS"})
    void build_whenCompleteOrSuccessOnEssential_reportsEcsText(DependencyCondition condition) {
        SpecProblem problem = onlyProblem(task(container("init"), container("app").dependsOn("init", condition)),
                "containerDefinitions[1].dependsOn[0].condition", "dependsOn.condition.essential");

        assertThat(problem.message())
                .isEqualTo("A dependency container with SUCCESS or COMPLETE condition cannot be an essential container");
    }

    @Test
    void build_whenHealthyOnContainerWithoutCheck_reportsHealthCheck() {
        onlyProblem(task(container("db"), container("app").dependsOn("db", HEALTHY)),
                "containerDefinitions[1].dependsOn[0].condition", "dependsOn.condition.healthCheck");
    }

    @Test
    void build_whenTwoContainersDependOnEachOther_reportsCycleOnce() {
        SpecProblem problem = onlyProblem(task(container("a").dependsOn("b", START), container("b")
                        .dependsOn("a", START)),
                "containerDefinitions[0].dependsOn[0]", "dependsOn.cycle");

        assertThat(problem.value()).isEqualTo("a -> b -> a");
        assertThat(problem.message()).contains("a -> b -> a");
    }

    @Test
    void build_whenLongerCycle_reportsShortestCycleThroughFirstContainer() {
        SpecProblem problem = onlyProblem(task(
                        container("x"),
                        container("a").dependsOn("x", START).dependsOn("b", START),
                        container("b").dependsOn("c", START),
                        container("c").dependsOn("a", START).dependsOn("b", START)),
                "containerDefinitions[1].dependsOn[1]", "dependsOn.cycle");

        assertThat(problem.value()).isEqualTo("a -> b -> c -> a");
    }

    @Test
    void build_whenTwoSeparateCycles_reportsEachInContainerOrder() {
        List<SpecProblem> problems = problemsOf(task(
                container("a").dependsOn("b", START), container("b").dependsOn("a", START),
                container("c").dependsOn("d", START), container("d").dependsOn("c", START)));

        assertThat(problems).extracting(SpecProblem::path)
                .containsExactly("containerDefinitions[0].dependsOn[0]", "containerDefinitions[2].dependsOn[0]");
        assertThat(problems).extracting(SpecProblem::value).containsExactly("a -> b -> a", "c -> d -> c");
    }

    @Test
    void build_whenDiamondWithoutCycle_accepts() {
        assertThat(problemsOf(task(container("base"), container("l").dependsOn("base", START),
                container("r").dependsOn("base", START),
                container("top").dependsOn("l", START).dependsOn("r", START)))).isEmpty();
    }
}
