package dev.berth.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.registry.TagStatus;
import dev.berth.registry.lifecycle.CountType;
import dev.berth.registry.lifecycle.LifecyclePolicy;
import dev.berth.registry.lifecycle.LifecycleRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ECR's lifecycle policy JSON (https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html):
 * reading with every problem reported at its path, and writing. A policy without JSON problems is then checked
 * against the rules that concern the whole policy by {@link LifecyclePolicy}'s constructor.
 */
public final class LifecyclePolicyJsonCodec {

    static final String SUBJECT = "lifecycle policy";
    static final int MIN_TEXT = 100;
    static final int MAX_TEXT = 30_720;
    static final int MAX_RULES = 50;

    private static final JsonDocuments DOCUMENTS = new JsonDocuments();
    private static final Set<String> POLICY_FIELDS = Set.of("rules");
    private static final Set<String> RULE_FIELDS = Set.of("rulePriority", "description", "selection", "action");
    private static final Set<String> SELECTION_FIELDS = Set.of("tagStatus", "tagPrefixList", "tagPatternList",
            "countType", "countUnit", "countNumber");
    private static final Set<String> ACTION_FIELDS = Set.of("type");

    private LifecyclePolicyJsonCodec() {
    }

    /**
     * @param json the policy text
     * @return the policy
     * @throws InvalidSpecException with every problem found
     */
    public static LifecyclePolicy read(String json) {
        List<SpecProblem> problems = new ArrayList<>();
        if (json.length() < MIN_TEXT || json.length() > MAX_TEXT) {
            problems.add(new SpecProblem("", "lifecyclePolicy.textLength", String.valueOf(json.length()),
                    "The lifecycle policy text must be " + MIN_TEXT + " to " + MAX_TEXT + " characters long, was "
                            + json.length() + "."));
        }
        JsonNode root = DOCUMENTS.parse(json, SUBJECT);
        List<LifecycleRule> rules = new ArrayList<>();
        if (!root.isObject()) {
            problems.add(problem("", "json.type", root, "The policy must be a JSON object {\"rules\": [...]}."));
        } else {
            unknownFields(root, "", POLICY_FIELDS, problems);
            JsonNode array = root.get("rules");
            if (array == null || array.isNull()) {
                problems.add(new SpecProblem("rules", "lifecyclePolicy.rules.required", "",
                        "'rules' is required: give 1 to " + MAX_RULES + " rules."));
            } else if (!array.isArray()) {
                problems.add(problem("rules", "json.type", array, "'rules' must be an array of rules."));
            } else {
                for (int i = 0; i < array.size(); i++) {
                    readRule(array.get(i), "rules[" + i + "]", problems).ifPresent(rules::add);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(SUBJECT, problems);
        }
        return LifecyclePolicy.of(rules);
    }

    private static Optional<LifecycleRule> readRule(JsonNode node, String path, List<SpecProblem> problems) {
        if (!node.isObject()) {
            problems.add(problem(path, "json.type", node, "A rule must be a JSON object."));
            return Optional.empty();
        }
        int before = problems.size();
        unknownFields(node, path, RULE_FIELDS, problems);
        Integer priority = integer(node, path + ".rulePriority", "rulePriority", problems, true);
        if (priority != null && priority < 1) {
            problems.add(problem(path + ".rulePriority", "lifecyclePolicy.rulePriority.range",
                    node.get("rulePriority"), "'rulePriority' must be an integer of at least 1."));
        }
        String description = text(node, path + ".description", "description", problems).orElse("");
        JsonNode action = node.get("action");
        String actionPath = path + ".action";
        if (action == null || !action.isObject()) {
            problems.add(new SpecProblem(actionPath, "lifecyclePolicy.action.required", "",
                    "'action' is required and must be {\"type\": \"expire\"}."));
        } else {
            unknownFields(action, actionPath, ACTION_FIELDS, problems);
            Optional<String> type = text(action, actionPath + ".type", "type", problems);
            if (type.isEmpty() || !type.get().equals("expire")) {
                problems.add(new SpecProblem(actionPath + ".type", "lifecyclePolicy.action.type",
                        type.orElse(""), "'action.type' must be \"expire\", the only action ECR has."));
            }
        }
        JsonNode selection = node.get("selection");
        String sel = path + ".selection";
        if (selection == null || !selection.isObject()) {
            problems.add(new SpecProblem(sel, "lifecyclePolicy.selection.required", "",
                    "'selection' is required: an object with tagStatus, countType and countNumber."));
            return Optional.empty();
        }
        unknownFields(selection, sel, SELECTION_FIELDS, problems);
        TagStatus tagStatus = text(selection, sel + ".tagStatus", "tagStatus", problems)
                .map(s -> enumValue(s, Map.of("tagged", TagStatus.TAGGED, "untagged", TagStatus.UNTAGGED,
                        "any", TagStatus.ANY), sel + ".tagStatus", problems))
                .orElse(null);
        if (tagStatus == null && !selection.has("tagStatus")) {
            problems.add(new SpecProblem(sel + ".tagStatus", "lifecyclePolicy.tagStatus.required", "",
                    "'tagStatus' is required: tagged, untagged or any."));
        }
        List<String> prefixes = strings(selection, sel + ".tagPrefixList", "tagPrefixList", problems);
        List<String> patterns = strings(selection, sel + ".tagPatternList", "tagPatternList", problems);
        CountType countType = text(selection, sel + ".countType", "countType", problems)
                .map(s -> enumValue(s, Map.of("imageCountMoreThan", CountType.IMAGE_COUNT_MORE_THAN,
                        "sinceImagePushed", CountType.SINCE_IMAGE_PUSHED), sel + ".countType", problems))
                .orElse(null);
        if (countType == null && !selection.has("countType")) {
            problems.add(new SpecProblem(sel + ".countType", "lifecyclePolicy.countType.required", "",
                    "'countType' is required: imageCountMoreThan or sinceImagePushed."));
        }
        Optional<String> countUnit = text(selection, sel + ".countUnit", "countUnit", problems);
        if (countType == CountType.SINCE_IMAGE_PUSHED && !countUnit.equals(Optional.of("days"))) {
            problems.add(new SpecProblem(sel + ".countUnit", "lifecyclePolicy.countUnit.days",
                    countUnit.orElse(""), "'countUnit' must be \"days\" when countType is sinceImagePushed."));
        }
        if (countType == CountType.IMAGE_COUNT_MORE_THAN && countUnit.isPresent()) {
            problems.add(new SpecProblem(sel + ".countUnit", "lifecyclePolicy.countUnit.unexpected",
                    countUnit.get(), "'countUnit' is only allowed when countType is sinceImagePushed; remove it."));
        }
        Integer countNumber = integer(selection, sel + ".countNumber", "countNumber", problems, true);
        if (countNumber != null && countNumber < 1) {
            problems.add(problem(sel + ".countNumber", "lifecyclePolicy.countNumber.range",
                    selection.get("countNumber"), "'countNumber' must be an integer of at least 1."));
        }
        if (problems.size() > before || tagStatus == null || countType == null || priority == null
                || countNumber == null) {
            return Optional.empty();
        }
        return Optional.of(new LifecycleRule(priority, description, tagStatus, prefixes, patterns, countType,
                countNumber));
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

    private static void unknownFields(JsonNode node, String path, Set<String> known, List<SpecProblem> problems) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                String at = path.isEmpty() ? name : path + "." + name;
                problems.add(new SpecProblem(at, "json.unknownField", name, "'" + name + "' is not a field here;"
                        + " the fields are " + known.stream().sorted().toList() + "."));
            }
        });
    }

    private static Optional<String> text(JsonNode node, String path, String field, List<SpecProblem> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problems.add(problem(path, "json.type", value, "'" + field + "' must be a string."));
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    private static Integer integer(JsonNode node, String path, String field, List<SpecProblem> problems,
                                   boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new SpecProblem(path, "lifecyclePolicy." + field + ".required", "",
                        "'" + field + "' is required: an integer of at least 1."));
            }
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problems.add(problem(path, "json.type", value, "'" + field + "' must be an integer of at least 1."));
            return null;
        }
        return value.intValue();
    }

    private static List<String> strings(JsonNode node, String path, String field, List<SpecProblem> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problems.add(problem(path, "json.type", value, "'" + field + "' must be an array of strings."));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (element.isTextual()) {
                out.add(element.textValue());
            } else {
                problems.add(problem(path + "[" + i + "]", "json.type", element, "'" + field
                        + "' must hold strings only."));
            }
        }
        return out;
    }

    private static <E> E enumValue(String text, Map<String, E> values, String path, List<SpecProblem> problems) {
        E value = values.get(text);
        if (value == null) {
            String[] names = values.keySet().toArray(String[]::new);
            Arrays.sort(names);
            problems.add(new SpecProblem(path, "json.enum", text, "'" + text + "' is not one of "
                    + String.join(", ", names) + "."));
        }
        return value;
    }

    private static SpecProblem problem(String path, String rule, JsonNode value, String message) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        return new SpecProblem(path, rule, text.length() > 120 ? text.substring(0, 120) + "..." : text, message);
    }
}
