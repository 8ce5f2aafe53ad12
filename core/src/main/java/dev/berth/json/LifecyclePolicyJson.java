package dev.berth.json;

import dev.berth.exception.InvalidSpecException;
import dev.berth.internal.json.LifecyclePolicyJsonCodec;
import dev.berth.registry.lifecycle.LifecyclePolicy;

/**
 * Reads and writes ECR lifecycle policies in ECR's JSON form
 * ({@code {"rules": [{"rulePriority": 1, "selection": {...}, "action": {"type": "expire"}}]}}), as
 * {@code aws ecr put-lifecycle-policy} takes them.
 *
 * <pre>{@code
 * LifecyclePolicy policy = LifecyclePolicyJson.read(Files.readString(Path.of("policy.json")));
 * String text = LifecyclePolicyJson.write(policy);
 * }</pre>
 *
 * <p>Every problem of a document (malformed JSON, wrong types, unknown fields or values) is reported at once in one
 * {@link InvalidSpecException}, each with the path of the bad field (e.g. {@code rules[1].selection.countNumber});
 * a document without such problems is then checked against ECR's policy rules by {@link LifecyclePolicy}'s
 * constructor, whose exception is thrown as it is.
 */
public final class LifecyclePolicyJson {

    private LifecyclePolicyJson() {
    }

    /**
     * @param json the policy text, 100 to 30,720 characters as ECR requires
     * @return the policy
     * @throws InvalidSpecException if the text is not valid JSON or breaks a rule; every problem is listed with its
     *     path
     */
    public static LifecyclePolicy read(String json) {
        return LifecyclePolicyJsonCodec.read(json);
    }

    /**
     * @param policy a policy
     * @return its ECR JSON form, indented like the task-definition JSON; {@link #read(String)} reads it back to an
     *     equal policy
     */
    public static String write(LifecyclePolicy policy) {
        return LifecyclePolicyJsonCodec.write(policy);
    }
}
