package dev.berth.scheduler.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.exception.QuerySyntaxException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Print/parse round trip, and the parser's behaviour on arbitrary text. */
class ClusterQueryProperties {

    @Property(tries = 1000)
    void printedQueries_parseBackToTheSameTree(@ForAll("expressions") Expression expression) {
        String printed = ClusterQuery.of(expression).toString();

        assertThat(ClusterQuery.parse(printed).expression()).isEqualTo(expression);
    }

    @Property(tries = 2000)
    void randomText_eitherParsesOrFailsWithAPositionedSyntaxError(@ForAll("noise") String text) {
        assertParsesOrFailsCleanly(text);
    }

    @Property(tries = 2000)
    void randomTokenSoup_eitherParsesOrFailsWithAPositionedSyntaxError(@ForAll("tokenSoup") String text) {
        assertParsesOrFailsCleanly(text);
    }

    private static void assertParsesOrFailsCleanly(String text) {
        ClusterQuery query;
        try {
            query = ClusterQuery.parse(text);
        } catch (QuerySyntaxException e) {
            assertThat(e.position()).isBetween(0, text.length());
            assertThat(e.getMessage()).contains("^");
            return;
        }
        assertThat(ClusterQuery.parse(query.toString())).isEqualTo(query);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("attribute:ecs.zone-_/ ()[],'\"!=<>~&|andortnix0123456789")
                .withCharRange('\u0000', '\uffff').ofMaxLength(80);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of("attribute:ecs.instance-type", "task:group", "agentConnected", "agentVersion",
                "ec2InstanceId", "registeredAt", "runningTasksCount", "==", "!=", ">", ">=", "<", "<=", "exists",
                "!exists", "in", "!in", "=~", "!~", "not_in", "matches", "and", "or", "not", "&&", "||", "!", "(",
                ")", "[", "]", ",", "'a b'", "\"x'\"", "t2.*", "1.14.5", "2018-02-13", "7", "true", "us-east-1a",
                "'[a-z'", "(a|b)")
                .list().ofMaxSize(14)
                .map(tokens -> String.join(" ", tokens));
    }

    @Provide
    Arbitrary<Expression> expressions() {
        return Arbitraries.recursive(this::comparisons, this::compound, 0, 4);
    }

    private Arbitrary<Expression> compound(Arbitrary<Expression> inner) {
        return Arbitraries.oneOf(
                inner.list().ofMinSize(2).ofMaxSize(3).map(Expression.And::new),
                inner.list().ofMinSize(2).ofMaxSize(3).map(Expression.Or::new),
                inner.map(Expression.Not::new));
    }

    private Arbitrary<Expression> comparisons() {
        Arbitrary<String> anyValue = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ019.-_:@/ ()[],'").ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withChars("ab \"").ofMinLength(1).ofMaxLength(5),
                Arbitraries.of("and", "or", "not", "exists", "in"));
        Arbitrary<String> regex = Arbitraries.of("t2.*", "(a|b)+", "[a-z]{2}", "x y", "it's");
        Arbitrary<Subject> attribute = Arbitraries.of("ecs.instance-type", "stack", "a/b_c-d.e")
                .map(Subject::attribute);
        Arbitrary<Expression> attributeComparison = Combinators.combine(attribute,
                Arbitraries.of(Operator.class), anyValue.list().ofMinSize(1).ofMaxSize(3), regex)
                .as(ClusterQueryProperties::attributeComparison);
        Arbitrary<Expression> builtIn = Arbitraries.of(
                new Comparison(Subject.of(Subject.Kind.TASK_GROUP), Operator.NOT_IN, List.of("service:web", "b c")),
                Comparison.of(Subject.of(Subject.Kind.AGENT_CONNECTED), Operator.EQUALS, "true"),
                Comparison.of(Subject.of(Subject.Kind.AGENT_VERSION), Operator.GREATER_THAN_EQUAL, "1.14.5"),
                Comparison.of(Subject.of(Subject.Kind.EC2_INSTANCE_ID), Operator.MATCHES, "i-.*"),
                Comparison.of(Subject.of(Subject.Kind.REGISTERED_AT), Operator.LESS_THAN, "2018-06-18T22:28:28+00:00"),
                Comparison.of(Subject.of(Subject.Kind.RUNNING_TASKS_COUNT), Operator.NOT_EQUALS, "0"));
        return Arbitraries.oneOf(attributeComparison, builtIn);
    }

    private static Expression attributeComparison(Subject subject, Operator operator, List<String> values,
                                                  String regex) {
        switch (operator.arity()) {
            case NONE:
                return new Comparison(subject, operator, List.of());
            case LIST:
                return new Comparison(subject, operator, values);
            default:
                boolean isMatch = operator == Operator.MATCHES || operator == Operator.NOT_MATCHES;
                return Comparison.of(subject, operator, isMatch ? regex : values.get(0));
        }
    }
}
