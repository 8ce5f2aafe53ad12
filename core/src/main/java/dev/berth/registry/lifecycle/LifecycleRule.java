package dev.berth.registry.lifecycle;

import dev.berth.registry.Image;
import dev.berth.registry.TagStatus;
import java.util.List;
import java.util.Objects;

/**
 * One rule of a lifecycle policy: which images it selects and when it expires them. Its only action is ECR's
 * {@code expire}.
 *
 * @param rulePriority unique within the policy; lower numbers apply first
 * @param description what the rule is for; empty when none was given
 * @param tagStatus which images by their tags
 * @param tagPrefixList for {@link TagStatus#TAGGED}: every prefix must start some tag of the image
 * @param tagPatternList for {@link TagStatus#TAGGED}: every pattern ({@code *} matches any characters) must match
 *     some whole tag of the image
 * @param countType how selected images are counted
 * @param countNumber the number of images ({@link CountType#IMAGE_COUNT_MORE_THAN}) or of days
 *     ({@link CountType#SINCE_IMAGE_PUSHED}); at least 1
 */
public record LifecycleRule(int rulePriority, String description, TagStatus tagStatus, List<String> tagPrefixList,
                            List<String> tagPatternList, CountType countType, int countNumber) {

    /**
     * Checks what a rule needs on its own; the rules that concern several rules and the JSON form are checked by
     * {@link LifecyclePolicy}.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code countNumber} is below 1
     */
    public LifecycleRule {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(tagStatus, "tagStatus");
        tagPrefixList = List.copyOf(tagPrefixList);
        tagPatternList = List.copyOf(tagPatternList);
        Objects.requireNonNull(countType, "countType");
        if (countNumber < 1) {
            throw new IllegalArgumentException("countNumber must be >= 1, was " + countNumber);
        }
    }

    /**
     * @param rulePriority the rule's priority, lower first, unique in the policy
     * @param tagStatus which images the rule selects: tagged, untagged or any
     * @param tagPrefixList for TAGGED, the tag prefixes an image must have one of
     * @param count how many of the newest selected images to keep
     * @return a rule expiring the images it selects beyond the newest {@code count}
     */
    public static LifecycleRule keepNewest(int rulePriority, TagStatus tagStatus, List<String> tagPrefixList,
                                           int count) {
        return new LifecycleRule(rulePriority, "", tagStatus, tagPrefixList, List.of(),
                CountType.IMAGE_COUNT_MORE_THAN, count);
    }

    /**
     * @param rulePriority the rule's priority, lower first, unique in the policy
     * @param tagStatus which images the rule selects: tagged, untagged or any
     * @param tagPrefixList for TAGGED, the tag prefixes an image must have one of
     * @param days the age in days beyond which selected images expire
     * @return a rule expiring the images it selects that were pushed more than {@code days} days ago
     */
    public static LifecycleRule expireOlderThanDays(int rulePriority, TagStatus tagStatus,
                                                    List<String> tagPrefixList, int days) {
        return new LifecycleRule(rulePriority, "", tagStatus, tagPrefixList, List.of(),
                CountType.SINCE_IMAGE_PUSHED, days);
    }

    /**
     * @param image an image
     * @return whether the rule's tag requirements select it (ECR: the image "matches the tagging requirements")
     */
    public boolean selects(Image image) {
        if (!tagStatus.selects(image)) {
            return false;
        }
        if (tagStatus != TagStatus.TAGGED) {
            return true;
        }
        return tagPrefixList.stream().allMatch(p -> image.tags().stream().anyMatch(t -> t.startsWith(p)))
                && tagPatternList.stream().allMatch(p -> image.tags().stream().anyMatch(t -> matches(p, t)));
    }

    /** Whole-string match where {@code *} stands for any run of characters, including none. */
    static boolean matches(String pattern, String tag) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return pattern.equals(tag);
        }
        if (!tag.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = tag.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return tag.length() - last.length() >= at && tag.endsWith(last);
    }
}
