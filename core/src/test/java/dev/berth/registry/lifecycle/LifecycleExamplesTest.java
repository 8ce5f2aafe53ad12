package dev.berth.registry.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.json.LifecyclePolicyJson;
import dev.berth.registry.Image;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples of ECR's user guide ("Examples of lifecycle policies", lifecycle_policy_examples.md), with their
 * documented outcomes. Image names A, B, ... are the digests' stand-ins.
 */
class LifecycleExamplesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void untaggedOlderThan14Days_expiresOnlyOldUntagged() {
        LifecyclePolicy policy = LifecyclePolicyJson.read(rules(rule(1, "\"tagStatus\": \"untagged\"",
                "sinceImagePushed", 14)));
        List<Image> images = List.of(image("A", 20), image("B", 10), image("C", 30, "v1"));
        assertThat(expired(policy, images)).containsExactly("A");
    }

    @Test
    void keepOneUntagged_expiresAllOtherUntagged() {
        LifecyclePolicy policy = LifecyclePolicyJson.read(rules(rule(1, "\"tagStatus\": \"untagged\"",
                "imageCountMoreThan", 1)));
        List<Image> images = List.of(image("A", 3), image("B", 2), image("C", 1), image("D", 5, "v1"));
        assertThat(expired(policy, images)).containsExactly("A", "B");
    }

    @Test
    void multipleRulesExampleA_prodFirst_expiresA() {
        LifecyclePolicy policy = LifecyclePolicyJson.read(rules(
                rule(1, tagged("prod"), "imageCountMoreThan", 1),
                rule(2, tagged("beta"), "imageCountMoreThan", 1)));
        assertThat(expired(policy, repositoryOfMultipleRulesExamples())).containsExactly("A");
    }

    @Test
    void multipleRulesExampleB_betaFirst_expiresAAndB() {
        LifecyclePolicy policy = LifecyclePolicyJson.read(rules(
                rule(1, tagged("beta"), "imageCountMoreThan", 1),
                rule(2, tagged("prod"), "imageCountMoreThan", 1)));
        List<ExpiredImage> result = policy.evaluate(repositoryOfMultipleRulesExamples(), NOW);
        assertThat(names(result)).containsExactly("A", "B");
        assertThat(result).allSatisfy(e -> assertThat(e.rule().rulePriority()).isEqualTo(1));
    }

    @Test
    void multipleTagsExampleA_allPrefixesMustMatch_expiresC() {
        LifecyclePolicy policy = LifecyclePolicyJson.read(rules(rule(1, tagged("alpha", "beta"),
                "sinceImagePushed", 5)));
        List<Image> images = List.of(image("A", 12, "alpha-1"), image("B", 11, "beta-1"),
                image("C", 10, "alpha-2", "beta-2"), image("D", 4, "alpha-3"), image("E", 3, "beta-3"),
                image("F", 2, "alpha-4", "beta-4"));
        assertThat(expired(policy, images)).containsExactly("C");
    }

    @Test
    void multipleTagsExampleB_tagsAreNotExclusive_expiresAAndB() {
        LifecyclePolicy policy = LifecyclePolicyJson.read(rules(rule(1, tagged("alpha", "beta"),
                "imageCountMoreThan", 1)));
        List<Image> images = List.of(image("A", 10, "alpha-1", "beta-1", "gamma-1"),
                image("B", 9, "alpha-2", "beta-2"), image("C", 8, "alpha-3", "beta-3", "gamma-2"));
        assertThat(expired(policy, images)).containsExactly("A", "B");
    }

    @Test
    void allImagesExampleA_anyKeepOne_expiresAllButNewest() {
        LifecyclePolicy policy = LifecyclePolicyJson.read(rules(rule(1, "\"tagStatus\": \"any\"",
                "imageCountMoreThan", 1)));
        List<Image> images = List.of(image("A", 4, "alpha-1"), image("B", 3, "beta-1"), image("C", 2),
                image("D", 1, "alpha-2"));
        assertThat(expired(policy, images)).containsExactly("A", "B", "C");
    }

    @Test
    void allImagesExampleB_higherRulesShieldWhatTheySaw_expiresABAndD() {
        LifecyclePolicy policy = LifecyclePolicyJson.read(rules(
                rule(1, tagged("alpha"), "imageCountMoreThan", 1),
                rule(2, "\"tagStatus\": \"untagged\"", "sinceImagePushed", 1),
                rule(3, "\"tagStatus\": \"any\"", "imageCountMoreThan", 1)));
        // D and E are both "1 day ago" in the guide; E is the newer of the two, and neither is older than a day.
        List<Image> images = List.of(image("A", 4, "alpha-1", "beta-1"), image("B", 3), image("C", 2, "alpha-2"),
                imageAt("D", NOW.minus(Duration.ofHours(23)), "git-hash"), imageAt("E", NOW.minus(Duration.ofHours(22))));
        List<ExpiredImage> result = policy.evaluate(images, NOW);
        assertThat(names(result)).containsExactly("A", "B", "D");
        assertThat(result).extracting(e -> e.rule().rulePriority()).containsExactly(1, 2, 3);
    }

    @Test
    void tagPattern_matchesWholeTagWithWildcards() {
        LifecyclePolicy policy = LifecyclePolicyJson.read(rules(rule(1,
                "\"tagStatus\": \"tagged\", \"tagPatternList\": [\"prod*-rc*\"]", "imageCountMoreThan", 1)));
        List<Image> images = List.of(image("A", 3, "prod1-rc1"), image("B", 2, "prod2-rc2"),
                image("C", 1, "xprod-rc1"), image("D", 4, "prod-final"));
        assertThat(expired(policy, images)).containsExactly("A");
    }

    static List<Image> repositoryOfMultipleRulesExamples() {
        return List.of(image("A", 10, "beta-1", "prod-1"), image("B", 9, "beta-2", "prod-2"),
                image("C", 8, "beta-3"));
    }

    static String rules(String... rules) {
        return "{\"rules\": [" + String.join(",\n", rules) + "]}";
    }

    static String rule(int priority, String tagSelection, String countType, int countNumber) {
        String unit = countType.equals("sinceImagePushed") ? ", \"countUnit\": \"days\"" : "";
        return "{\"rulePriority\": " + priority + ", \"description\": \"Rule " + priority + "\", \"selection\": {"
                + tagSelection + ", \"countType\": \"" + countType + "\"" + unit + ", \"countNumber\": "
                + countNumber + "}, \"action\": {\"type\": \"expire\"}}";
    }

    static String tagged(String... prefixes) {
        return "\"tagStatus\": \"tagged\", \"tagPrefixList\": [" + String.join(", ",
                Arrays.stream(prefixes).map(p -> "\"" + p + "\"").toList()) + "]";
    }

    static Image image(String name, int daysAgo, String... tags) {
        return imageAt(name, NOW.minus(Duration.ofDays(daysAgo)), tags);
    }

    static Image imageAt(String name, Instant pushedAt, String... tags) {
        return new Image(name, List.of(tags), pushedAt, 100);
    }

    private static List<String> expired(LifecyclePolicy policy, List<Image> images) {
        return names(policy.evaluate(images, NOW));
    }

    private static List<String> names(List<ExpiredImage> expired) {
        return expired.stream().map(e -> e.image().digest()).toList();
    }
}
