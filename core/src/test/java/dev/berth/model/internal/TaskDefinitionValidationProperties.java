package dev.berth.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.model.Compatibility;
import dev.berth.model.TaskDefinition;
import dev.berth.model.internal.RuleMutators.Breakage;
import dev.berth.model.internal.RuleMutators.Mutator;
import dev.berth.testing.TaskDefinitionArbitraries;
import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Generated valid definitions are accepted, and breaking any one rule of one is reported with id and path. */
class TaskDefinitionValidationProperties {

    @Property
    void problems_whenDefinitionIsGeneratedValid_isEmpty(@ForAll("taskDefinitions") TaskDefinition td) {
        assertThat(TaskDefinitionValidator.problems(td)).isEmpty();
        Statistics.label("network mode").collect(td.networkMode());
        Statistics.label("fargate").collect(td.requiresCompatibilities().contains(Compatibility.FARGATE));
        Statistics.label("containers").collect(td.containerDefinitions().size());
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void build_whenOneRuleIsBroken_reportsItsRuleAndPath(@ForAll("taskDefinitions") TaskDefinition valid,
                                                         @ForAll("mutators") Mutator mutator) {
        Optional<Breakage> breakage = mutator.breaker().apply(valid);
        Assume.that(breakage.isPresent());

        InvalidSpecException rejected = catchThrowableOfType(InvalidSpecException.class,
                () -> breakage.get().attempt().get());

        assertThat(rejected).as("breaking %s must be rejected", mutator.rule()).isNotNull();
        assertThat(rejected.problems()).extracting(SpecProblem::path, SpecProblem::rule)
                .contains(tuple(breakage.get().path(), mutator.rule()));
        Statistics.label("rule").collect(mutator.rule());
    }

    @Example
    void mutators_coverEveryRule() {
        assertThat(RuleMutators.all()).extracting(Mutator::rule)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Rule.values()).map(Rule::id).toList());
    }

    @Provide
    Arbitrary<TaskDefinition> taskDefinitions() {
        return TaskDefinitionArbitraries.taskDefinitions();
    }

    @Provide
    Arbitrary<Mutator> mutators() {
        return Arbitraries.of(RuleMutators.all());
    }
}
