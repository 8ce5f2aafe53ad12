package dev.berth.scheduler.query;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns an {@link Expression} into a predicate over {@link QueryTarget}s, compiling regexes and dates once. */
final class QueryCompiler {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private QueryCompiler() {
    }

    static Predicate<QueryTarget> compile(Expression expression) {
        if (expression instanceof Expression.And) {
            List<Predicate<QueryTarget>> all = compileAll(((Expression.And) expression).operands());
            return target -> all.stream().allMatch(p -> p.test(target));
        }
        if (expression instanceof Expression.Or) {
            List<Predicate<QueryTarget>> any = compileAll(((Expression.Or) expression).operands());
            return target -> any.stream().anyMatch(p -> p.test(target));
        }
        if (expression instanceof Expression.Not) {
            return compile(((Expression.Not) expression).operand()).negate();
        }
        Comparison comparison = (Comparison) expression;
        Predicate<QueryTarget> positive = positive(comparison);
        return comparison.operator().isNegation() ? positive.negate() : positive;
    }

    private static List<Predicate<QueryTarget>> compileAll(List<Expression> operands) {
        return operands.stream().map(QueryCompiler::compile).collect(Collectors.toUnmodifiableList());
    }

    /** The predicate of the comparison with its operator's negation removed ({@code !in} becomes {@code in}). */
    private static Predicate<QueryTarget> positive(Comparison comparison) {
        Operator operator = positiveOf(comparison.operator());
        List<String> arguments = comparison.arguments();
        Subject subject = comparison.subject();
        switch (subject.kind()) {
            case TASK_GROUP:
                return target -> target.taskGroups().stream().anyMatch(valueTest(operator, arguments));
            case AGENT_CONNECTED:
                return target -> valueTest(operator, arguments).test(String.valueOf(target.agentConnected()));
            case EC2_INSTANCE_ID:
                return optionalValue(QueryTarget::ec2InstanceId, operator, arguments);
            case AGENT_VERSION:
                return target -> holds(operator, AgentVersion.compare(target.agentVersion(), arguments.get(0)));
            case REGISTERED_AT:
                DateLiteral date = DateLiteral.parse(arguments.get(0));
                return target -> holds(operator, date.locate(target.registeredAt()));
            case RUNNING_TASKS_COUNT:
                int count = Integer.parseInt(arguments.get(0));
                return target -> holds(operator, Integer.compare(target.runningTasksCount(), count));
            default:
                return attribute(subject.attributeName(), operator, arguments);
        }
    }

    private static Predicate<QueryTarget> attribute(String name, Operator operator, List<String> arguments) {
        if (operator == Operator.EXISTS) {
            return target -> target.attribute(name).isPresent();
        }
        if (operator.isOrdering()) {
            String argument = arguments.get(0);
            return target -> target.attribute(name).map(v -> holds(operator, compareValues(v, argument)))
                    .orElse(false);
        }
        return optionalValue(target -> target.attribute(name), operator, arguments);
    }

    private static Predicate<QueryTarget> optionalValue(Function<QueryTarget, Optional<String>> value,
                                                        Operator operator, List<String> arguments) {
        Predicate<String> test = valueTest(operator, arguments);
        return target -> value.apply(target).filter(test).isPresent();
    }

    /** Equality, membership or a full regex match of one string value. */
    private static Predicate<String> valueTest(Operator operator, List<String> arguments) {
        switch (operator) {
            case EQUALS:
                return arguments.get(0)::equals;
            case IN:
                Set<String> values = Set.copyOf(arguments);
                return values::contains;
            case MATCHES:
                Pattern pattern = Pattern.compile(arguments.get(0));
                return v -> pattern.matcher(v).matches();
            default:
                throw new IllegalStateException(operator + " does not compare single values");
        }
    }

    private static Operator positiveOf(Operator operator) {
        switch (operator) {
            case NOT_EQUALS:
                return Operator.EQUALS;
            case NOT_EXISTS:
                return Operator.EXISTS;
            case NOT_IN:
                return Operator.IN;
            case NOT_MATCHES:
                return Operator.MATCHES;
            default:
                return operator;
        }
    }

    /** @return whether a value that compares to the argument with {@code sign} satisfies {@code operator} */
    private static boolean holds(Operator operator, int sign) {
        switch (operator) {
            case EQUALS:
                return sign == 0;
            case GREATER_THAN:
                return sign > 0;
            case GREATER_THAN_EQUAL:
                return sign >= 0;
            case LESS_THAN:
                return sign < 0;
            case LESS_THAN_EQUAL:
                return sign <= 0;
            default:
                throw new IllegalStateException(operator + " is not an ordering");
        }
    }

    /** Attribute ordering: numerically when both sides are decimal numbers, else by string. */
    private static int compareValues(String value, String argument) {
        if (NUMBER.matcher(value).matches() && NUMBER.matcher(argument).matches()) {
            return new BigDecimal(value).compareTo(new BigDecimal(argument));
        }
        return value.compareTo(argument);
    }
}
