package dev.berth.registry.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.registry.Image;
import dev.berth.registry.TagStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of {@link LifecycleEvaluator} over generated repositories and policies. */
class LifecycleEvaluatorProperties {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<String> PREFIXES = List.of("prod", "beta", "rc");

    @Property
    void neverExpiresAnImageAHigherPriorityRuleSelects(@ForAll("policies") LifecyclePolicy policy,
                                                       @ForAll("repositories") List<Image> images) {
        for (ExpiredImage e : policy.evaluate(images, NOW)) {
            policy.rules().stream().filter(r -> r.rulePriority() < e.rule().rulePriority())
                    .forEach(higher -> assertThat(higher.selects(e.image()))
                            .as("%s is expired by rule %d although rule %d selects it", e.image().digest(),
                                    e.rule().rulePriority(), higher.rulePriority())
                            .isFalse());
            assertThat(e.rule().selects(e.image())).isTrue();
        }
    }

    @Property
    void eachImageIsExpiredAtMostOnce(@ForAll("policies") LifecyclePolicy policy,
                                      @ForAll("repositories") List<Image> images) {
        List<String> digests = policy.evaluate(images, NOW).stream().map(e -> e.image().digest()).toList();
        assertThat(digests).doesNotHaveDuplicates();
    }

    @Property
    void imageCountMoreThan_keepsExactlyTheNewestN(@ForAll("repositories") List<Image> images,
                                                   @ForAll @IntRange(min = 1, max = 12) int count,
                                                   @ForAll("statuses") TagStatus status) {
        LifecycleRule rule = LifecycleRule.keepNewest(1, status,
                status == TagStatus.TAGGED ? List.of("prod") : List.of(), count);
        List<Image> selected = images.stream().filter(rule::selects)
                .sorted(Comparator.comparing(Image::pushedAt).reversed().thenComparing(Image::digest)).toList();
        Set<String> expired = digests(LifecyclePolicy.of(List.of(rule)).evaluate(images, NOW));
        Set<String> kept = new HashSet<>(selected.stream().map(Image::digest).toList());
        kept.removeAll(expired);
        assertThat(kept).hasSize(Math.min(count, selected.size()));
        assertThat(kept).containsExactlyInAnyOrderElementsOf(
                selected.subList(0, Math.min(count, selected.size())).stream().map(Image::digest).toList());
    }

    @Property
    void sinceImagePushed_expiresExactlyThoseOlderThanTheDaysBeforeNow(@ForAll("repositories") List<Image> images,
                                                                       @ForAll @IntRange(min = 1, max = 40) int days,
                                                                       @ForAll @IntRange(min = 0, max = 400) int hours) {
        Instant now = NOW.plus(Duration.ofHours(hours));
        LifecyclePolicy policy = LifecyclePolicy.of(List.of(
                LifecycleRule.expireOlderThanDays(1, TagStatus.ANY, List.of(), days)));
        Set<String> expected = new HashSet<>(images.stream()
                .filter(i -> i.pushedAt().isBefore(now.minus(Duration.ofDays(days)))).map(Image::digest).toList());
        assertThat(digests(policy.evaluate(images, now))).isEqualTo(expected);
    }

    @Property
    void resultDoesNotDependOnInputOrderOrRuleOrder(@ForAll("policies") LifecyclePolicy policy,
                                                    @ForAll("repositories") List<Image> images,
                                                    @ForAll long seed) {
        List<Image> shuffled = new ArrayList<>(images);
        Collections.shuffle(shuffled, new Random(seed));
        List<LifecycleRule> rules = new ArrayList<>(policy.rules());
        Collections.shuffle(rules, new Random(seed + 1));
        assertThat(LifecyclePolicy.of(rules).evaluate(shuffled, NOW)).isEqualTo(policy.evaluate(images, NOW));
    }

    @Provide
    Arbitrary<TagStatus> statuses() {
        return Arbitraries.of(TagStatus.class);
    }

    @Provide
    Arbitrary<List<Image>> repositories() {
        Arbitrary<List<String>> tags = Arbitraries.of("prod-1", "prod-2", "beta-1", "beta-2", "rc-1", "latest")
                .list().ofMaxSize(3).uniqueElements();
        // Hours ago from 0 to 60 days, with deliberate ties.
        Arbitrary<Integer> hoursAgo = Arbitraries.integers().between(0, 60 * 24).edgeCases(c -> c.add(24));
        return Combinators.combine(tags, hoursAgo).as((t, h) -> new Object[] {t, h}).list().ofMaxSize(20)
                .map(parts -> IntStream.range(0, parts.size()).mapToObj(i -> {
                    @SuppressWarnings("unchecked")
                    List<String> t = (List<String>) parts.get(i)[0];
                    return new Image(String.format("sha256:%064x", i), t,
                            NOW.minus(Duration.ofHours((Integer) parts.get(i)[1])), 10);
                }).toList())
                .map(LifecycleEvaluatorProperties::oneTagPerDigest);
    }

    @Provide
    Arbitrary<LifecyclePolicy> policies() {
        Arbitrary<LifecycleRule> tagged = Combinators.combine(
                Arbitraries.of(PREFIXES).list().ofMinSize(1).ofMaxSize(2).uniqueElements(),
                Arbitraries.of(CountType.class), Arbitraries.integers().between(1, 10))
                .as((prefixes, type, n) -> new LifecycleRule(0, "", TagStatus.TAGGED, prefixes, List.of(), type, n));
        Arbitrary<LifecycleRule> untagged = Combinators.combine(Arbitraries.of(CountType.class),
                Arbitraries.integers().between(1, 10))
                .as((type, n) -> new LifecycleRule(0, "", TagStatus.UNTAGGED, List.of(), List.of(), type, n));
        Arbitrary<LifecycleRule> any = Combinators.combine(Arbitraries.of(CountType.class),
                Arbitraries.integers().between(1, 10))
                .as((type, n) -> new LifecycleRule(0, "", TagStatus.ANY, List.of(), List.of(), type, n));
        return Combinators.combine(tagged.list().ofMaxSize(4), untagged.optional(), any.optional(),
                        Arbitraries.integers().between(1, 5).list().ofSize(6))
                .as((taggedRules, untaggedRule, anyRule, gaps) -> {
                    List<LifecycleRule> ordered = new ArrayList<>(taggedRules);
                    untaggedRule.ifPresent(r -> ordered.add(gaps.get(0) % (ordered.size() + 1), r));
                    anyRule.ifPresent(ordered::add);
                    List<LifecycleRule> numbered = new ArrayList<>();
                    int priority = 0;
                    for (int i = 0; i < ordered.size(); i++) {
                        priority += gaps.get(i % gaps.size());
                        LifecycleRule r = ordered.get(i);
                        numbered.add(new LifecycleRule(priority, r.description(), r.tagStatus(), r.tagPrefixList(),
                                r.tagPatternList(), r.countType(), r.countNumber()));
                    }
                    return numbered;
                })
                .filter(rules -> !rules.isEmpty())
                .map(LifecyclePolicy::of);
    }

    /** A tag points to one image: later images lose the tags earlier ones hold. */
    private static List<Image> oneTagPerDigest(List<Image> images) {
        Set<String> used = new HashSet<>();
        return images.stream().map(i -> i.withTags(i.tags().stream().filter(used::add).toList())).toList();
    }

    private static Set<String> digests(List<ExpiredImage> expired) {
        return new HashSet<>(expired.stream().map(e -> e.image().digest()).toList());
    }
}
