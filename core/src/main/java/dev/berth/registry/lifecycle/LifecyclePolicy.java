package dev.berth.registry.lifecycle;

import dev.berth.exception.InvalidSpecException;
import dev.berth.registry.Image;
import java.time.Instant;
import java.util.List;

/**
 * An ECR lifecycle policy: rules that expire images by tag, count and age, checked against ECR's rules as it is
 * built; {@link #evaluate} tells which images it expires. {@link dev.berth.json.LifecyclePolicyJson} reads and
 * writes ECR's policy JSON.
 *
 * <pre>{@code
 * LifecyclePolicy policy = LifecyclePolicy.of(List.of(
 *         LifecycleRule.keepNewest(1, TagStatus.TAGGED, List.of("prod"), 10),
 *         LifecycleRule.expireOlderThanDays(2, TagStatus.UNTAGGED, List.of(), 14)));
 * }</pre>
 *
 * @param rules the rules, in the order given
 */
public record LifecyclePolicy(List<LifecycleRule> rules) {

    /**
     * Checks the rules that concern the whole policy: 1 to 50 rules, unique priorities, at most one
     * {@code untagged} rule, a single {@code any} rule with the highest priority, a tag list exactly for
     * {@code tagged} rules, {@code countUnit} days only with {@code sinceImagePushed}.
     *
     * @throws InvalidSpecException if a rule is broken; every problem is listed
     */
    public LifecyclePolicy {
        rules = List.copyOf(rules);
        LifecyclePolicyRules.check(rules);
    }

    /**
     * @param rules the rules
     * @return the policy
     * @throws InvalidSpecException if the rules break ECR's rules
     */
    public static LifecyclePolicy of(List<LifecycleRule> rules) {
        return new LifecyclePolicy(rules);
    }

    /**
     * @param images every image of the repository
     * @param now the time of the evaluation
     * @return what {@link LifecycleEvaluator#evaluate} returns: the images to expire, oldest first
     */
    public List<ExpiredImage> evaluate(List<Image> images, Instant now) {
        return LifecycleEvaluator.evaluate(this, images, now);
    }
}
