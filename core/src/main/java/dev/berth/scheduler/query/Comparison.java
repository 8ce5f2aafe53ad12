package dev.berth.scheduler.query;

import java.util.List;
import java.util.Objects;

/**
 * One test of one subject, such as {@code attribute:ecs.instance-type =~ t2.*}.
 *
 * @param subject what is tested
 * @param operator how; it must be one the subject supports (see {@link ComparisonRules})
 * @param arguments none for {@code exists}/{@code !exists}, one or more for {@code in}/{@code !in}, else exactly
 *     one; each non-empty and without both single and double quotes, so it can be written back
 */
public record Comparison(Subject subject, Operator operator, List<String> arguments) implements Expression {

    /**
     * @throws IllegalArgumentException if the subject does not support the operator or an argument is invalid
     */
    public Comparison {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(operator, "operator");
        arguments = List.copyOf(arguments);
        ComparisonRules.operatorProblem(subject, operator).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        ComparisonRules.arityProblem(operator, arguments.size()).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        for (String argument : arguments) {
            ComparisonRules.argumentProblem(subject, operator, argument).ifPresent(p -> {
                throw new IllegalArgumentException(p);
            });
        }
    }

    /**
     * @param subject what is compared
     * @param operator how
     * @param argument the literal compared with
     * @return a comparison with a single argument
     */
    public static Comparison of(Subject subject, Operator operator, String argument) {
        return new Comparison(subject, operator, List.of(argument));
    }
}
