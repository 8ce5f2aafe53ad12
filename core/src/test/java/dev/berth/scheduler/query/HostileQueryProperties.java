package dev.berth.scheduler.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.exception.QuerySyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile cluster-query expressions: deep nesting, long and control-character text, huge numbers, hostile regular
 * expressions. Every one parses or fails with {@link QuerySyntaxException}, and a parsed query is evaluated against
 * an instance with hostile attribute values, each within {@link #BOUND}: never another exception or a hang.
 */
class HostileQueryProperties {

    static final Duration BOUND = Duration.ofSeconds(10);

    private static final ExecutorService PARSER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hostile-query-parser");
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stopParser() {
        PARSER.shutdownNow();
    }

    @Property(tries = 1500)
    void hostileExpression_parsesAndEvaluatesOrFailsWithASyntaxError(@ForAll("hostile") String expression) {
        parseAndEvaluateBounded(expression);
    }

    @Example
    void expressionOverTwoThousandCharacters_isRefusedNamingTheLimit() {
        String longest = "attribute:a == " + "x".repeat(2000 - "attribute:a == ".length());
        assertThat(parseAndEvaluateBounded(longest)).isNull();
        Throwable over = parseAndEvaluateBounded(longest + "x");
        assertThat(over).isInstanceOf(QuerySyntaxException.class).hasMessageContaining("2,000");
    }

    @Example
    void nestingAThousandDeep_isRefusedNotAStackOverflow() {
        assertThat(parseAndEvaluateBounded("(".repeat(999) + "agentConnected == true" + ")".repeat(999)))
                .isInstanceOf(QuerySyntaxException.class);
        assertThat(parseAndEvaluateBounded("not ".repeat(490) + "agentConnected == true"))
                .isInstanceOf(QuerySyntaxException.class);
    }

    @Example
    void catastrophicRegex_onALongAttribute_endsWithinTheBound() {
        assertThat(parseAndEvaluateBounded("attribute:ecs.os-type =~ '(a+)+$'")).isNull();
        assertThat(parseAndEvaluateBounded("attribute:ecs.os-type =~ '(a|aa)*c'")).isNull();
    }

    /** @return what parsing or evaluating threw, or null if both succeeded */
    private static Throwable parseAndEvaluateBounded(String expression) {
        Future<?> work = PARSER.submit(() -> {
            ClusterQuery query = ClusterQuery.parse(expression);
            query.matches(HOSTILE_INSTANCE);
            return query;
        });
        try {
            work.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).as("parsing %s", expression).isInstanceOf(QuerySyntaxException.class);
            QuerySyntaxException syntax = (QuerySyntaxException) e.getCause();
            assertThat(syntax.position()).isBetween(0, expression.length());
            return syntax;
        } catch (TimeoutException e) {
            work.cancel(true);
            throw new AssertionError("parsing and evaluating took over " + BOUND + ": " + expression);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** An instance whose every attribute is a long run of {@code a} with a NUL and an odd character at the end. */
    private static final QueryTarget HOSTILE_INSTANCE = new QueryTarget() {
        @Override
        public Optional<String> attribute(String name) {
            return Optional.of("a".repeat(64) + "\u0000!");
        }

        @Override
        public boolean agentConnected() {
            return true;
        }

        @Override
        public String agentVersion() {
            return "1.99999999999.3";
        }

        @Override
        public Optional<String> ec2InstanceId() {
            return Optional.of("i-\u0000/../x");
        }

        @Override
        public Instant registeredAt() {
            return Instant.MAX;
        }

        @Override
        public int runningTasksCount() {
            return Integer.MAX_VALUE;
        }

        @Override
        public Set<String> taskGroups() {
            return Set.of("service:web", "");
        }
    };

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> subjects = Arbitraries.of("attribute:ecs.os-type", "attribute:", "attribute:a/../b",
                "attribute:\u0000", "task:group", "agentConnected", "agentVersion", "ec2InstanceId", "registeredAt",
                "runningTasksCount", "instanceType", "attribute:" + "x".repeat(300));
        Arbitrary<String> operators = Arbitraries.of("==", "!=", ">", ">=", "<", "<=", "exists", "!exists", "in",
                "!in", "=~", "!~", "not_in", "matches", "===", "=");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("'(a+)+$'", "'(a|aa)*c'", "(a+)+$", "[", "(?<x", "\\", "a{999999999}", "(?i)A*", ".*.*.*=.*",
                        "99999999999999999999999", "-2147483649", "1e309", "NaN", "2018-02-30", "9999-99-99T99:99",
                        "'unterminated", "\"", "''", "[a,", "[]", "\u0000", "..\\..", "😀", "\u202e"),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(30));
        Arbitrary<String> comparison = Combinators.combine(subjects, operators, values)
                .as((s, o, v) -> s + " " + o + " " + v);
        Arbitrary<String> compound = comparison.list().ofMinSize(1).ofMaxSize(6).flatMap(parts ->
                Arbitraries.of(" and ", " or ", " && ", " || ", " ").map(joint -> String.join(joint, parts)));
        return Arbitraries.oneOf(compound,
                compound.flatMap(c -> Arbitraries.integers().between(0, 150).map(n -> "(".repeat(n) + c
                        + ")".repeat(n))),
                compound.flatMap(c -> Arbitraries.integers().between(0, 150).map(n -> "not ".repeat(n) + c)),
                compound.flatMap(c -> Arbitraries.integers().between(1900, 2100).map(n -> (c + " ".repeat(n))
                        .substring(0, n))));
    }
}
