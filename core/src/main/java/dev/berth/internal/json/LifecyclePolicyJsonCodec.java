package dev.berth.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.exception.InvalidSpecException;
import dev.berth.registry.TagStatus;
import dev.berth.registry.lifecycle.CountType;
import dev.berth.registry.lifecycle.LifecyclePolicy;
import dev.berth.registry.lifecycle.LifecycleRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * ECR's lifecycle policy JSON (https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html):
 * reading with every problem reported at its path, and writing. A policy without JSON problems is then checked
 * against the rules that concern the whole policy by {@link LifecyclePolicy}'s constructor.
 */
public final class LifecyclePolicyJsonCodec {

    static final String SUBJECT = "lifecycle policy";
    static final int MIN_TEXT = 100;
    static final int MAX_TEXT = 30_720;

    private static final JsonDocuments DOCUMENTS = new JsonDocuments();
    private static final Schema POLICY = Schema.ecr("lifecycle policy", "rules");
    private static final Schema RULE = Schema.ecr("lifecycle rule", "rulePriority", "description", "selection",
            "action");
    private static final Schema SELECTION = Schema.ecr("lifecycle rule selection", "tagStatus", "tagPrefixList",
            "tagPatternList", "countType", "countUnit", "countNumber");
    private static final Schema ACTION = Schema.ecr("lifecycle rule action", "type");
    private static final Map<String, TagStatus> TAG_STATUSES = orderedMap("any", TagStatus.ANY, "tagged",
            TagStatus.TAGGED, "untagged", TagStatus.UNTAGGED);
    private static final Map<String, CountType> COUNT_TYPES = orderedMap("imageCountMoreThan",
            CountType.IMAGE_COUNT_MORE_THAN, "sinceImagePushed", CountType.SINCE_IMAGE_PUSHED);

    private LifecyclePolicyJsonCodec() {
    }

    /**
     * Reads a policy with the task-definition reader's machinery ({@link Fields} against a {@link Schema} per kind
     * of object), so that every problem of the document is reported at once with its path; a policy without JSON
     * problems is then checked against ECR's whole-policy rules by {@link LifecyclePolicy}'s constructor.
     *
     * @param json the policy text
     * @return the policy
     * @throws InvalidSpecException with every problem found
     */
    public static LifecyclePolicy read(String json) {
        Problems problems = new Problems();
        if (json.length() < MIN_TEXT || json.length() > MAX_TEXT) {
            problems.add("", "lifecyclePolicy.textLength", String.valueOf(json.length()),
                    "The lifecycle policy text must be " + MIN_TEXT + " to " + MAX_TEXT + " characters long, was "
                            + json.length() + ".");
        }
        JsonNode root = DOCUMENTS.parse(json, SUBJECT);
        List<LifecycleRule> rules = new ArrayList<>();
        Fields.open(root, "", POLICY, problems, false).ifPresent(policy -> {
            if (!policy.has("rules")) {
                problems.add("rules", "lifecyclePolicy.rules.required", "",
                        "'rules' is required: give 1 to 50 rules.");
            }
            rules.addAll(policy.objects("rules", RULE, rule -> readRule(rule, problems)));
        });
        problems.throwIfAny(SUBJECT);
        return LifecyclePolicy.of(rules);
    }

    private static Optional<LifecycleRule> readRule(Fields rule, Problems problems) {
        int before = problems.size();
        OptionalInt priority = rule.integer("rulePriority");
        if (!rule.has("rulePriority")) {
            problems.add(rule.pathOf("rulePriority"), "lifecyclePolicy.rulePriority.required", "",
                    "'rulePriority' is required: an integer of at least 1.");
        } else if (priority.isPresent() && priority.getAsInt() < 1) {
            problems.add(rule.pathOf("rulePriority"), "lifecyclePolicy.rulePriority.range",
                    String.valueOf(priority.getAsInt()), "'rulePriority' must be an integer of at least 1.");
        }
        String description = rule.string("description").orElse("");
        Optional<String> action = rule.object("action", ACTION, a -> a.string("type"));
        if (!rule.has("action")) {
            problems.add(rule.pathOf("action"), "lifecyclePolicy.action.required", "",
                    "'action' is required and must be {\"type\": \"expire\"}.");
        } else if (!action.equals(Optional.of("expire"))) {
            problems.add(rule.pathOf("action") + ".type", "lifecyclePolicy.action.type", action.orElse(""),
                    "'action.type' must be \"expire\", the only action ECR has.");
        }
        if (!rule.has("selection")) {
            problems.add(rule.pathOf("selection"), "lifecyclePolicy.selection.required", "",
                    "'selection' is required: an object with tagStatus, countType and countNumber.");
            return Optional.empty();
        }
        return rule.object("selection", SELECTION, selection ->
                readSelection(selection, priority, description, problems, before));
    }

    /** @return the rule, unless a problem was found since the rule's first field ({@code before}) */
    private static Optional<LifecycleRule> readSelection(Fields selection, OptionalInt priority, String description,
                                                         Problems problems, int before) {
        Optional<TagStatus> tagStatus = selection.enumValue("tagStatus", TAG_STATUSES);
        if (!selection.has("tagStatus")) {
            problems.add(selection.pathOf("tagStatus"), "lifecyclePolicy.tagStatus.required", "",
                    "'tagStatus' is required: tagged, untagged or any.");
        }
        List<String> prefixes = selection.strings("tagPrefixList");
        List<String> patterns = selection.strings("tagPatternList");
        Optional<CountType> countType = selection.enumValue("countType", COUNT_TYPES);
        if (!selection.has("countType")) {
            problems.add(selection.pathOf("countType"), "lifecyclePolicy.countType.required", "",
                    "'countType' is required: imageCountMoreThan or sinceImagePushed.");
        }
        Optional<String> countUnit = selection.string("countUnit");
        if (countType.equals(Optional.of(CountType.SINCE_IMAGE_PUSHED)) && !countUnit.equals(Optional.of("days"))) {
            problems.add(selection.pathOf("countUnit"), "lifecyclePolicy.countUnit.days", countUnit.orElse(""),
                    "'countUnit' must be \"days\" when countType is sinceImagePushed.");
        }
        if (countType.equals(Optional.of(CountType.IMAGE_COUNT_MORE_THAN)) && countUnit.isPresent()) {
            problems.add(selection.pathOf("countUnit"), "lifecyclePolicy.countUnit.unexpected", countUnit.get(),
                    "'countUnit' is only allowed when countType is sinceImagePushed; remove it.");
        }
        OptionalInt countNumber = selection.integer("countNumber");
        if (!selection.has("countNumber")) {
            problems.add(selection.pathOf("countNumber"), "lifecyclePolicy.countNumber.required", "",
                    "'countNumber' is required: an integer of at least 1.");
        } else if (countNumber.isPresent() && countNumber.getAsInt() < 1) {
            problems.add(selection.pathOf("countNumber"), "lifecyclePolicy.countNumber.range",
                    String.valueOf(countNumber.getAsInt()), "'countNumber' must be an integer of at least 1.");
        }
        if (problems.size() > before || priority.isEmpty() || tagStatus.isEmpty() || countType.isEmpty()
                || countNumber.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LifecycleRule(priority.getAsInt(), description, tagStatus.get(), prefixes, patterns,
                countType.get(), countNumber.getAsInt()));
    }

    private static <E> Map<String, E> orderedMap(String k1, E v1, String k2, E v2) {
        Map<String, E> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static <E> Map<String, E> orderedMap(String k1, E v1, String k2, E v2, String k3, E v3) {
        Map<String, E> map = orderedMap(k1, v1, k2, v2);
        map.put(k3, v3);
        return map;
    }

    /**
     * @param policy a policy
     * @return its ECR JSON form, indented like the task-definition JSON
     */
    public static String write(LifecyclePolicy policy) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode rules = root.putArray("rules");
        for (LifecycleRule rule : policy.rules()) {
            ObjectNode r = rules.addObject();
            r.put("rulePriority", rule.rulePriority());
            if (!rule.description().isEmpty()) {
                r.put("description", rule.description());
            }
            ObjectNode s = r.putObject("selection");
            s.put("tagStatus", rule.tagStatus().name().toLowerCase(Locale.ROOT));
            if (!rule.tagPrefixList().isEmpty()) {
                rule.tagPrefixList().forEach(s.putArray("tagPrefixList")::add);
            }
            if (!rule.tagPatternList().isEmpty()) {
                rule.tagPatternList().forEach(s.putArray("tagPatternList")::add);
            }
            s.put("countType", rule.countType().jsonName());
            if (rule.countType() == CountType.SINCE_IMAGE_PUSHED) {
                s.put("countUnit", "days");
            }
            s.put("countNumber", rule.countNumber());
            r.putObject("action").put("type", "expire");
        }
        return DOCUMENTS.print(root);
    }
}
