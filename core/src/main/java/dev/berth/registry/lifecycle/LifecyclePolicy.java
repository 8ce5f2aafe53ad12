package dev.berth.registry.lifecycle;

import dev.berth.exception.InvalidSpecException;
import dev.berth.internal.registry.LifecyclePolicyJson;
import dev.berth.registry.Image;
import java.time.Instant;
import java.util.List;

/**
 * An ECR lifecycle policy: rules that expire images by tag, count and age. {@link #parse(String)} reads ECR's
 * policy JSON and checks it with ECR's rules, reporting every problem at once with the path of the bad field
 * (e.g. {@code rules[1].selection.countNumber}); {@link #evaluate} tells which images it expires.
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
        LifecyclePolicyJson.check(rules);
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
     * Reads ECR's lifecycle policy JSON ({@code {"rules": [{"rulePriority": 1, "selection": {...},
     * "action": {"type": "expire"}}]}}).
     *
     * @param json the policy text, 100 to 30,720 characters as ECR requires
     * @return the policy
     * @throws InvalidSpecException if the text is not valid JSON or breaks a rule; every problem is listed with its
     *     path
     */
    public static LifecyclePolicy parse(String json) {
        return LifecyclePolicyJson.read(json);
    }

    /** @return the policy in ECR's JSON form, which {@link #parse(String)} reads back to an equal policy */
    public String toJson() {
        return LifecyclePolicyJson.write(this);
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
