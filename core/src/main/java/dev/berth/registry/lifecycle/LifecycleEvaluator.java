package dev.berth.registry.lifecycle;

import dev.berth.registry.Image;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which images a lifecycle policy expires: a pure function of the policy, the images and the time, following ECR's
 * documented evaluation rules:
 * <ul>
 *   <li>Every rule sees the images that match its tag requirements, as if nothing had been expired.</li>
 *   <li>Rules apply from the lowest {@code rulePriority} up; an image is expired by at most one rule.</li>
 *   <li>An image that matches the tag requirements of a rule can never be expired by a lower-priority rule, even
 *       when that rule keeps it.</li>
 *   <li>{@code imageCountMoreThan} sorts the images it sees from newest to oldest push and marks all past the
 *       first {@code countNumber}; {@code sinceImagePushed} marks the images pushed more than {@code countNumber}
 *       days (of 24 hours) before {@code now}.</li>
 * </ul>
 * Images pushed at the same instant are ordered by digest, so the result never depends on the input order. The
 * result is sorted oldest first, the order in which ECR expires.
 */
public final class LifecycleEvaluator {

    /** Newest push first; the digest breaks ties. */
    private static final Comparator<Image> NEWEST_FIRST = Comparator.comparing(Image::pushedAt).reversed()
            .thenComparing(Image::digest);

    private LifecycleEvaluator() {
    }

    /**
     * @param policy the lifecycle policy
     * @param images every image of the repository
     * @param now the time the evaluation happens at
     * @return the images to expire, oldest first, each with the rule that expires it
     */
    public static List<ExpiredImage> evaluate(LifecyclePolicy policy, List<Image> images, Instant now) {
        List<LifecycleRule> rules = policy.rules().stream()
                .sorted(Comparator.comparingInt(LifecycleRule::rulePriority)).toList();
        Set<String> shielded = new HashSet<>();
        List<ExpiredImage> expired = new ArrayList<>();
        for (LifecycleRule rule : rules) {
            List<Image> seen = images.stream().filter(rule::selects).sorted(NEWEST_FIRST).toList();
            for (Image image : marked(rule, seen, now)) {
                if (!shielded.contains(image.digest())) {
                    expired.add(new ExpiredImage(image, rule));
                }
            }
            seen.forEach(image -> shielded.add(image.digest()));
        }
        expired.sort(Comparator.comparing((ExpiredImage e) -> e.image().pushedAt())
                .thenComparing(e -> e.image().digest()));
        return List.copyOf(expired);
    }

    private static List<Image> marked(LifecycleRule rule, List<Image> newestFirst, Instant now) {
        return switch (rule.countType()) {
            case IMAGE_COUNT_MORE_THAN -> newestFirst.size() <= rule.countNumber() ? List.of()
                    : newestFirst.subList(rule.countNumber(), newestFirst.size());
            case SINCE_IMAGE_PUSHED -> {
                Instant limit = now.minus(Duration.ofDays(rule.countNumber()));
                yield newestFirst.stream().filter(image -> image.pushedAt().isBefore(limit)).toList();
            }
        };
    }
}
