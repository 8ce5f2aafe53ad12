package dev.berth.registry.lifecycle;

import static dev.berth.registry.lifecycle.LifecycleExamplesTest.rule;
import static dev.berth.registry.lifecycle.LifecycleExamplesTest.rules;
import static dev.berth.registry.lifecycle.LifecycleExamplesTest.tagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.json.LifecyclePolicyJson;
import dev.berth.registry.TagStatus;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** ECR's rules for lifecycle policy JSON, each broken on its own, reported with the path of the bad field. */
class LifecyclePolicyValidationTest {

    private static final String UNTAGGED = "\"tagStatus\": \"untagged\"";

    @Test
    void parse_whenValid_readsEveryField() {
        LifecyclePolicy policy = LifecyclePolicyJson.read(rules(rule(3, tagged("prod", "rel"), "sinceImagePushed", 7)));
        assertThat(policy.rules()).singleElement().isEqualTo(new LifecycleRule(3, "Rule 3", TagStatus.TAGGED,
                List.of("prod", "rel"), List.of(), CountType.SINCE_IMAGE_PUSHED, 7));
    }

    @Test
    void toJson_readsBackToEqualPolicy() {
        LifecyclePolicy policy = LifecyclePolicy.of(List.of(
                new LifecycleRule(1, "prod", TagStatus.TAGGED, List.of(), List.of("prod-*"),
                        CountType.IMAGE_COUNT_MORE_THAN, 5),
                LifecycleRule.expireOlderThanDays(2, TagStatus.UNTAGGED, List.of(), 14),
                LifecycleRule.keepNewest(9, TagStatus.ANY, List.of(), 100)));
        assertThat(LifecyclePolicyJson.read(LifecyclePolicyJson.write(policy))).isEqualTo(policy);
    }

    @Test
    void duplicatePriority_isReportedAtTheSecondRule() {
        assertProblem(rules(rule(1, tagged("a"), "imageCountMoreThan", 1), rule(1, tagged("b"),
                "imageCountMoreThan", 1)), "rules[1].rulePriority", "lifecyclePolicy.rulePriority.unique");
    }

    @Test
    void anyRule_whenNotHighestPriority_isReported() {
        assertProblem(rules(rule(5, "\"tagStatus\": \"any\"", "imageCountMoreThan", 1),
                rule(6, tagged("b"), "imageCountMoreThan", 1)), "rules[0].rulePriority", "lifecyclePolicy.any.last");
    }

    @Test
    void secondUntaggedRule_isReported() {
        assertProblem(rules(rule(1, UNTAGGED, "imageCountMoreThan", 1), rule(2, UNTAGGED, "sinceImagePushed", 3)),
                "rules[1].selection.tagStatus", "lifecyclePolicy.untagged.single");
    }

    @Test
    void taggedWithoutList_isReported() {
        assertProblem(rules(rule(1, "\"tagStatus\": \"tagged\"", "imageCountMoreThan", 10)),
                "rules[0].selection.tagPrefixList", "lifecyclePolicy.tagged.list");
    }

    @Test
    void untaggedWithList_isReported() {
        assertProblem(rules(rule(1, UNTAGGED + ", \"tagPrefixList\": [\"x\"]", "imageCountMoreThan", 10)),
                "rules[0].selection.tagPrefixList", "lifecyclePolicy.untagged.list");
    }

    @Test
    void patternWithFiveWildcards_isReported() {
        assertProblem(rules(rule(1, "\"tagStatus\": \"tagged\", \"tagPatternList\": [\"a*b*c*d*e*f\"]",
                "imageCountMoreThan", 10)), "rules[0].selection.tagPatternList[0]",
                "lifecyclePolicy.tagPattern.wildcards");
    }

    @Test
    void countNumberZero_isReported() {
        assertProblem(rules(rule(1, UNTAGGED, "imageCountMoreThan", 0)), "rules[0].selection.countNumber",
                "lifecyclePolicy.countNumber.range");
    }

    @Test
    void sinceImagePushedWithoutDays_isReported() {
        String json = rules(rule(1, UNTAGGED, "sinceImagePushed", 3)).replace("\"days\"", "\"hours\"");
        assertProblem(json, "rules[0].selection.countUnit", "lifecyclePolicy.countUnit.days");
    }

    @Test
    void countUnitWithImageCount_isReported() {
        String json = rules(rule(1, UNTAGGED, "imageCountMoreThan", 3))
                .replace("\"countNumber\"", "\"countUnit\": \"days\", \"countNumber\"");
        assertProblem(json, "rules[0].selection.countUnit", "lifecyclePolicy.countUnit.unexpected");
    }

    @Test
    void unknownTagStatusAndActionAndField_areAllReportedAtOnce() {
        String json = rules(rule(1, "\"tagStatus\": \"some\"", "imageCountMoreThan", 3))
                .replace("\"expire\"", "\"archive\"").replace("\"description\"", "\"descripton\"");
        InvalidSpecException e = parseFailure(json);
        assertThat(e.problems()).extracting(SpecProblem::path).contains("rules[0].selection.tagStatus",
                "rules[0].action.type", "rules[0].descripton");
    }

    @Test
    void tooManyRules_isReported() {
        String json = rules(IntStream.rangeClosed(1, 51)
                .mapToObj(i -> rule(i, tagged("p" + i), "imageCountMoreThan", 1)).toArray(String[]::new));
        assertProblem(json, "rules", "lifecyclePolicy.rules.count");
    }

    @Test
    void textShorterThan100OrLongerThan30720_isReported() {
        assertProblem("{\"rules\": []}", "", "lifecyclePolicy.textLength");
        String padded = rules(rule(1, UNTAGGED, "imageCountMoreThan", 1)) + String.join("",
                Collections.nCopies(30_720, " "));
        assertProblem(padded, "", "lifecyclePolicy.textLength");
    }

    @Test
    void malformedJson_isReportedWithPosition() {
        InvalidSpecException e = parseFailure("{\"rules\": [ {\"rulePriority\": 1,, } ] }" + " ".repeat(100));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("json.syntax");
            assertThat(p.message()).contains("line 1, column");
        });
    }

    @Test
    void programmaticPolicy_isCheckedToo() {
        assertThatThrownBy(() -> LifecyclePolicy.of(List.of(
                LifecycleRule.keepNewest(1, TagStatus.TAGGED, List.of(), 1))))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("tagPrefixList");
        assertThatThrownBy(() -> LifecyclePolicy.of(List.of()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("1 to 50 rules");
    }

    private static void assertProblem(String json, String path, String rule) {
        InvalidSpecException e = parseFailure(json);
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.rule()).isEqualTo(rule);
        });
    }

    private static InvalidSpecException parseFailure(String json) {
        try {
            LifecyclePolicyJson.read(json);
        } catch (InvalidSpecException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidSpecException for " + json);
    }
}
