package dev.berth.scheduler.query;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Which operators each subject supports and what its arguments must look like
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html).
 */
final class ComparisonRules {

    private static final Set<Operator> EQUALITY_IN_MATCHES = EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS,
            Operator.IN, Operator.NOT_IN, Operator.MATCHES, Operator.NOT_MATCHES);
    private static final Set<Operator> EQUALITY_AND_ORDERING = EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS,
            Operator.GREATER_THAN, Operator.GREATER_THAN_EQUAL, Operator.LESS_THAN, Operator.LESS_THAN_EQUAL);

    private ComparisonRules() {
    }

    static Set<Operator> operatorsOf(Subject.Kind kind) {
        switch (kind) {
            case ATTRIBUTE:
                return EnumSet.allOf(Operator.class);
            case TASK_GROUP:
            case AGENT_CONNECTED:
            case EC2_INSTANCE_ID:
                return EQUALITY_IN_MATCHES;
            default:
                return EQUALITY_AND_ORDERING;
        }
    }

    static Optional<String> operatorProblem(Subject subject, Operator operator) {
        Set<Operator> allowed = operatorsOf(subject.kind());
        if (allowed.contains(operator)) {
            return Optional.empty();
        }
        return Optional.of("operator " + operator.symbol() + " is not supported for " + subject + " (supported: "
                + allowed.stream().map(Operator::symbol).collect(Collectors.joining(" ")) + ")");
    }

    static Optional<String> arityProblem(Operator operator, int count) {
        switch (operator.arity()) {
            case NONE:
                return count == 0 ? Optional.empty() : Optional.of(operator.symbol() + " takes no argument");
            case ONE:
                return count == 1 ? Optional.empty() : Optional.of(operator.symbol() + " takes exactly one argument");
            default:
                return count >= 1 ? Optional.empty()
                        : Optional.of(operator.symbol() + " takes a list of one or more values");
        }
    }

    static Optional<String> argumentProblem(Subject subject, Operator operator, String argument) {
        if (argument.isEmpty()) {
            return Optional.of("a value must not be empty");
        }
        if (argument.indexOf('\'') >= 0 && argument.indexOf('"') >= 0) {
            return Optional.of("a value cannot contain both single and double quotes");
        }
        if (operator == Operator.MATCHES || operator == Operator.NOT_MATCHES) {
            return regexProblem(argument);
        }
        switch (subject.kind()) {
            case AGENT_CONNECTED:
                return argument.equals("true") || argument.equals("false") ? Optional.empty()
                        : Optional.of("agentConnected is true or false, was '" + argument + "'");
            case AGENT_VERSION:
                return AgentVersion.isValid(argument) ? Optional.empty()
                        : Optional.of("an agent version is numbers separated by dots, e.g. 1.14.5, was '"
                                + argument + "'");
            case REGISTERED_AT:
                return DateLiteral.problem(argument);
            case RUNNING_TASKS_COUNT:
                return isCount(argument) ? Optional.empty()
                        : Optional.of("runningTasksCount compares with a whole number, was '" + argument + "'");
            default:
                return Optional.empty();
        }
    }

    private static Optional<String> regexProblem(String argument) {
        try {
            Pattern.compile(argument);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of("invalid regular expression: " + e.getDescription());
        }
    }

    private static boolean isCount(String argument) {
        return argument.length() <= 9 && argument.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
