package dev.berth.scheduler.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A compiled expression of ECS's cluster query language, as used by {@code memberOf} placement constraints and by
 * container-instance filters (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html).
 *
 * <pre>{@code
 * ClusterQuery q = ClusterQuery.parse("attribute:ecs.instance-type =~ t2.* and not(task:group == database)");
 * boolean ok = q.matches(instance);
 * String text = q.toString();   // parses back to an equal query
 * }</pre>
 *
 * <p>Choices where ECS is silent: {@code and} binds tighter than {@code or}; {@code !=}, {@code !in},
 * {@code !~} and {@code !exists} are the exact negations of {@code ==}, {@code in}, {@code =~} and
 * {@code exists}, so they hold for an instance without the attribute; ordering of attribute values is numeric
 * when both sides are decimal numbers, else by string; regexes must match the whole value; a
 * {@code registeredAt} date stands for the whole UTC day. Parentheses nest at most 100 deep.
 * A value containing whitespace or any of {@code ()[],'"} must be quoted with {@code '} or {@code "}; there
 * are no escapes.
 */
public final class ClusterQuery {

    /** Texts parsed lately: placement parses the same few constraints on every launch, and a query is immutable. */
    private static final int RECENT_CAPACITY = 1024;
    private static final Map<String, ClusterQuery> RECENT = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ClusterQuery> eldest) {
                    return size() > RECENT_CAPACITY;
                }
            });

    private final Expression expression;
    private final Predicate<QueryTarget> predicate;

    private ClusterQuery(Expression expression) {
        this.expression = Objects.requireNonNull(expression, "expression");
        this.predicate = QueryCompiler.compile(expression);
    }

    /**
     * @param expression the text of a query, at most 2,000 characters
     * @return the compiled query
     * @throws dev.berth.exception.QuerySyntaxException if the text is not a valid query; it carries the position
     */
    public static ClusterQuery parse(String expression) {
        ClusterQuery recent = RECENT.get(expression);
        if (recent != null) {
            return recent;
        }
        ClusterQuery parsed = new ClusterQuery(QueryParser.parse(expression));
        RECENT.put(expression, parsed);
        return parsed;
    }

    /**
     * @param expression a query built as a tree
     * @return the compiled query
     */
    public static ClusterQuery of(Expression expression) {
        return new ClusterQuery(expression);
    }

    /** @return the parsed tree */
    public Expression expression() {
        return expression;
    }

    /**
     * @param target the instance to test
     * @return whether the instance satisfies the query
     */
    public boolean matches(QueryTarget target) {
        return predicate.test(target);
    }

    /**
     * @return whether the query tests the instance's tasks ({@code task:group}, {@code runningTasksCount}), whose
     *     answer a placement can change; otherwise it tests only the instance's registered facts
     */
    public boolean readsTasks() {
        return readsTasks(expression);
    }

    private static boolean readsTasks(Expression expression) {
        if (expression instanceof Expression.And and) {
            return and.operands().stream().anyMatch(ClusterQuery::readsTasks);
        }
        if (expression instanceof Expression.Or or) {
            return or.operands().stream().anyMatch(ClusterQuery::readsTasks);
        }
        if (expression instanceof Expression.Not not) {
            return readsTasks(not.operand());
        }
        Subject.Kind subject = ((Comparison) expression).subject().kind();
        return subject == Subject.Kind.TASK_GROUP || subject == Subject.Kind.RUNNING_TASKS_COUNT;
    }

    /** @return the query written in the language; {@link #parse} of it gives an equal query */
    @Override
    public String toString() {
        return QueryPrinter.print(expression);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClusterQuery && ((ClusterQuery) other).expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }
}
