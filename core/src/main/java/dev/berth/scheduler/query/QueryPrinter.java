package dev.berth.scheduler.query;

import java.util.stream.Collectors;

/**
 * Writes an {@link Expression} back as text that parses to an equal expression: symbols for operators, bare
 * literals where they are unambiguous, quotes otherwise, and parentheses exactly where the tree needs them.
 */
final class QueryPrinter {

    private QueryPrinter() {
    }

    static String print(Expression expression) {
        if (expression instanceof Expression.Or) {
            return ((Expression.Or) expression).operands().stream()
                    .map(e -> e instanceof Expression.Or ? parenthesized(e) : print(e))
                    .collect(Collectors.joining(" or "));
        }
        if (expression instanceof Expression.And) {
            return ((Expression.And) expression).operands().stream()
                    .map(e -> e instanceof Expression.And || e instanceof Expression.Or ? parenthesized(e) : print(e))
                    .collect(Collectors.joining(" and "));
        }
        if (expression instanceof Expression.Not) {
            return "not " + parenthesized(((Expression.Not) expression).operand());
        }
        return comparison((Comparison) expression);
    }

    private static String parenthesized(Expression expression) {
        return "(" + print(expression) + ")";
    }

    private static String comparison(Comparison comparison) {
        String head = comparison.subject() + " " + comparison.operator().symbol();
        switch (comparison.operator().arity()) {
            case NONE:
                return head;
            case ONE:
                return head + " " + literal(comparison.arguments().get(0));
            default:
                return head + comparison.arguments().stream().map(QueryPrinter::literal)
                        .collect(Collectors.joining(", ", " [", "]"));
        }
    }

    private static String literal(String value) {
        if (value.chars().allMatch(c -> QueryParser.isBareChar((char) c))) {
            return value;
        }
        return value.indexOf('\'') < 0 ? "'" + value + "'" : "\"" + value + "\"";
    }
}
