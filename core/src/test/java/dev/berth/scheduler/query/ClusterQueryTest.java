package dev.berth.scheduler.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.QuerySyntaxException;
import dev.berth.scheduler.InstanceState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples of ECS's cluster query language guide (cluster-query-language.html) and the language's edge cases. */
class ClusterQueryTest {

    private static InstanceState.Builder instance() {
        return InstanceState.builder("i-1", 1024, 2048);
    }

    private static boolean matches(String query, InstanceState.Builder instance) {
        return ClusterQuery.parse(query).matches(instance.build());
    }

    @Test
    void instanceTypeRegex_matchesWholeValue() {
        String query = "attribute:ecs.instance-type =~ t2.*";
        assertThat(matches(query, instance().instanceType("t2.micro"))).isTrue();
        assertThat(matches(query, instance().instanceType("m5.large"))).isFalse();
        assertThat(matches(query, instance().instanceType("xt2.micro"))).isFalse();
        assertThat(matches(query, instance())).isFalse();
    }

    @Test
    void availabilityZoneIn_matchesListedZonesOnly() {
        String query = "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]";
        assertThat(matches(query, instance().availabilityZone("us-east-1a"))).isTrue();
        assertThat(matches(query, instance().availabilityZone("us-east-1b"))).isTrue();
        assertThat(matches(query, instance().availabilityZone("us-east-1c"))).isFalse();
        assertThat(matches(query, instance())).isFalse();
    }

    @Test
    void notTaskGroup_excludesInstancesRunningTheGroup() {
        String query = "not(task:group == database)";
        assertThat(matches(query, instance().tasksInGroup("database", 1))).isFalse();
        assertThat(matches(query, instance().tasksInGroup("web", 2))).isTrue();
        assertThat(matches(query, instance())).isTrue();
    }

    @Test
    void runningTasksCount_comparesNumbers() {
        assertThat(matches("runningTasksCount == 1", instance().runningTasksCount(1))).isTrue();
        assertThat(matches("runningTasksCount == 1", instance().runningTasksCount(10))).isFalse();
        assertThat(matches("runningTasksCount > 9", instance().runningTasksCount(10))).isTrue();
    }

    @Test
    void agentVersion_ordersNumericallyByComponent() {
        String query = "agentVersion < 1.14.5";
        assertThat(matches(query, instance().agentVersion("1.9"))).isTrue();
        assertThat(matches(query, instance().agentVersion("1.14.4"))).isTrue();
        assertThat(matches(query, instance().agentVersion("1.14.5"))).isFalse();
        assertThat(matches(query, instance().agentVersion("1.20.0"))).isFalse();
        assertThat(matches("agentVersion == 1.14", instance().agentVersion("1.14.0"))).isTrue();
    }

    @Test
    void registeredAt_comparesDatesAtTheirPrecision() {
        String query = "registeredAt < 2018-02-13";
        assertThat(matches(query, instance().registeredAt(Instant.parse("2018-02-12T23:59:59Z")))).isTrue();
        assertThat(matches(query, instance().registeredAt(Instant.parse("2018-02-13T00:00:00Z")))).isFalse();
        assertThat(matches("registeredAt == 2018-02-13",
                instance().registeredAt(Instant.parse("2018-02-13T15:00:00Z")))).isTrue();
        assertThat(matches("registeredAt <= 2018-06-18T22:28:28+00:00",
                instance().registeredAt(Instant.parse("2018-06-18T22:28:28.500Z")))).isTrue();
        assertThat(matches("registeredAt > 2018-06-18T22:28:28Z",
                instance().registeredAt(Instant.parse("2018-06-18T22:28:29Z")))).isTrue();
    }

    @Test
    void ec2InstanceIdIn_acceptsQuotedValues() {
        String query = "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']";
        assertThat(matches(query, instance().ec2InstanceId("i-wxyx7890"))).isTrue();
        assertThat(matches(query, instance().ec2InstanceId("i-00000000"))).isFalse();
        assertThat(matches(query, instance())).isFalse();
    }

    @Test
    void agentConnected_isTrueOrFalse() {
        assertThat(matches("agentConnected == true", instance())).isTrue();
        assertThat(matches("agentConnected == false", instance())).isFalse();
        assertThat(matches("agentConnected != true", instance().agentConnected(false))).isTrue();
    }

    @Test
    void negatedOperators_holdForMissingAttributes() {
        assertThat(matches("attribute:stack != blue", instance())).isTrue();
        assertThat(matches("attribute:stack !exists", instance())).isTrue();
        assertThat(matches("attribute:stack !in [blue]", instance())).isTrue();
        assertThat(matches("attribute:stack !~ b.*", instance())).isTrue();
        assertThat(matches("attribute:stack exists", instance().attribute("stack", "blue"))).isTrue();
    }

    @Test
    void attributeOrdering_isNumericForNumbers() {
        assertThat(matches("attribute:disk > 9", instance().attribute("disk", "10"))).isTrue();
        assertThat(matches("attribute:disk > b", instance().attribute("disk", "c"))).isTrue();
    }

    @Test
    void andBindsTighterThanOr_andSymbolsEqualWords() {
        InstanceState.Builder t2InZoneC = instance().instanceType("t2.micro").availabilityZone("us-east-1c");
        assertThat(matches("attribute:ecs.instance-type matches t2.* or attribute:ecs.availability-zone == x"
                + " and runningTasksCount > 5", t2InZoneC)).isTrue();
        assertThat(matches("(attribute:ecs.instance-type =~ t2.* || attribute:ecs.availability-zone == x)"
                + " && runningTasksCount greater_than 5", t2InZoneC)).isFalse();
        assertThat(matches("!(attribute:ecs.availability-zone not_in [us-east-1c])", t2InZoneC)).isTrue();
    }

    @Test
    void printing_usesSymbolsMinimalParenthesesAndQuotesWhereNeeded() {
        assertThat(ClusterQuery.parse("attribute:a  equals  x and (attribute:b exists or not attribute:c in [1,2])")
                .toString()).isEqualTo("attribute:a == x and (attribute:b exists or not (attribute:c in [1, 2]))");
        assertThat(ClusterQuery.of(Comparison.of(Subject.attribute("name"), Operator.EQUALS, "it's (x)")).toString())
                .isEqualTo("attribute:name == \"it's (x)\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo == bar|0|unknown subject 'foo'",
        "attribute:a ==|14|expected a value",
        "agentVersion =~ 1.*|13|operator =~ is not supported for agentVersion",
        "runningTasksCount == many|21|whole number",
        "(attribute:a exists|19|expected ')'",
        "attribute:a exists and|22|expected a subject",
        "attribute:a exists attribute:b exists|19|expected 'and', 'or'",
        "attribute:a in [x, y|20|expected ',' or ']'",
        "attribute:a =~ '[a-z'|15|invalid regular expression",
        "attribute:a == 'open|15|unterminated quoted value",
        "registeredAt < 2018-13-01|15|registeredAt compares with a date",
        "attribute:a == x or attribute: exists|30|an attribute name has",
        "attribute:bad~name exists|13|expected an operator",
    })
    void syntaxErrors_pointAtTheirPosition(String query, int position, String reason) {
        assertThatThrownBy(() -> ClusterQuery.parse(query))
                .isInstanceOfSatisfying(QuerySyntaxException.class, e -> {
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.getMessage()).contains(reason).contains(query)
                            .contains("\n      " + " ".repeat(position) + "^");
                });
    }

    @Test
    void expressionsLongerThan2000Characters_areRejected() {
        String query = "attribute:a exists" + " or attribute:a exists".repeat(100);
        assertThatThrownBy(() -> ClusterQuery.parse(query)).isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("at most 2,000 characters");
    }

    @Test
    void comparisonsBuiltByHand_areValidated() {
        assertThatThrownBy(() -> new Comparison(Subject.of(Subject.Kind.RUNNING_TASKS_COUNT), Operator.IN,
                List.of("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Comparison(Subject.attribute("a"), Operator.EXISTS, List.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "attribute:ecs.instance-type =~ t2.*                          | false",
        "agentConnected == true and ec2InstanceId =~ i-0.*           | false",
        "not(task:group == service:api)                               | true",
        "attribute:stack exists or runningTasksCount < 4              | true",
        "registeredAt < 2021-01-01 and not(agentVersion < 1.14)       | false"})
    void readsTasks_onlyWhenTheQueryTestsTaskGroupsOrTheRunningCount(String text, boolean readsTasks) {
        assertThat(ClusterQuery.parse(text).readsTasks()).isEqualTo(readsTasks);
    }

    @Test
    void parse_ofTheSameTextAgain_givesAnEqualQuery_andABadTextFailsEveryTime() {
        assertThat(ClusterQuery.parse("attribute:a == b")).isEqualTo(ClusterQuery.parse("attribute:a == b"));
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> ClusterQuery.parse("attribute:a ==")).isInstanceOf(QuerySyntaxException.class);
        }
    }
}
