package dev.berth.registry.lifecycle;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.registry.TagStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ECR's rules that concern a lifecycle rule's combination of fields or the whole policy
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html): 1 to 50 rules, unique priorities,
 * at most one {@code untagged} rule, a single {@code any} rule with the highest priority, a tag list exactly for
 * {@code tagged} rules, at most four wildcards per tag pattern.
 */
final class LifecyclePolicyRules {

    /** What problems of a policy are reported as. */
    static final String SUBJECT = "lifecycle policy";
    static final int MAX_RULES = 50;
    static final int MAX_WILDCARDS = 4;

    private LifecyclePolicyRules() {
    }

    /**
     * @param rules a policy's rules
     * @throws InvalidSpecException if they break a rule that concerns a rule's combination of fields or the
     *     whole policy
     */
    static void check(List<LifecycleRule> rules) {
        List<SpecProblem> problems = problemsOf(rules);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(SUBJECT, problems);
        }
    }

    private static List<SpecProblem> problemsOf(List<LifecycleRule> rules) {
        List<SpecProblem> problems = new ArrayList<>();
        if (rules.isEmpty() || rules.size() > MAX_RULES) {
            problems.add(new SpecProblem("rules", "lifecyclePolicy.rules.count", String.valueOf(rules.size()),
                    "A lifecycle policy has 1 to " + MAX_RULES + " rules, this one has " + rules.size() + "."));
        }
        Map<Integer, Integer> byPriority = new HashMap<>();
        int maxPriority = rules.stream().mapToInt(LifecycleRule::rulePriority).max().orElse(0);
        int untagged = 0;
        int any = 0;
        for (int i = 0; i < rules.size(); i++) {
            LifecycleRule rule = rules.get(i);
            String path = "rules[" + i + "]";
            String sel = path + ".selection";
            Integer first = byPriority.putIfAbsent(rule.rulePriority(), i);
            if (first != null) {
                problems.add(new SpecProblem(path + ".rulePriority", "lifecyclePolicy.rulePriority.unique",
                        String.valueOf(rule.rulePriority()), "rulePriority " + rule.rulePriority()
                        + " is already used by rules[" + first + "]; every rule needs its own priority."));
            }
            boolean hasLists = !rule.tagPrefixList().isEmpty() || !rule.tagPatternList().isEmpty();
            switch (rule.tagStatus()) {
                case TAGGED -> {
                    if (!hasLists) {
                        problems.add(new SpecProblem(sel + ".tagPrefixList", "lifecyclePolicy.tagged.list", "",
                                "A rule with tagStatus tagged needs a tagPrefixList or a tagPatternList."));
                    } else if (!rule.tagPrefixList().isEmpty() && !rule.tagPatternList().isEmpty()) {
                        problems.add(new SpecProblem(sel + ".tagPatternList", "lifecyclePolicy.tagged.bothLists",
                                "", "Give either tagPrefixList or tagPatternList, not both."));
                    }
                }
                case UNTAGGED, ANY -> {
                    if (hasLists) {
                        String field = rule.tagPrefixList().isEmpty() ? ".tagPatternList" : ".tagPrefixList";
                        problems.add(new SpecProblem(sel + field, "lifecyclePolicy.untagged.list", "",
                                "A rule with tagStatus " + rule.tagStatus().name().toLowerCase(Locale.ROOT)
                                        + " must not have a tagPrefixList or tagPatternList; only tagged rules"
                                        + " select by tag."));
                    }
                }
            }
            listProblems(rule.tagPrefixList(), sel + ".tagPrefixList", false, problems);
            listProblems(rule.tagPatternList(), sel + ".tagPatternList", true, problems);
            if (rule.tagStatus() == TagStatus.UNTAGGED && ++untagged == 2) {
                problems.add(new SpecProblem(sel + ".tagStatus", "lifecyclePolicy.untagged.single", "untagged",
                        "Only one rule may select untagged images."));
            }
            if (rule.tagStatus() == TagStatus.ANY) {
                any++;
                if (any > 1 || rule.rulePriority() != maxPriority
                        || rules.stream().filter(r -> r.rulePriority() == maxPriority).count() > 1) {
                    problems.add(new SpecProblem(path + ".rulePriority", "lifecyclePolicy.any.last",
                            String.valueOf(rule.rulePriority()), "A rule with tagStatus any must have the highest"
                            + " rulePriority of the policy (and there can be only one such rule)."));
                }
            }
        }
        return problems;
    }

    private static void listProblems(List<String> values, String path, boolean patterns, List<SpecProblem> problems) {
        for (int j = 0; j < values.size(); j++) {
            String value = values.get(j);
            String at = path + "[" + j + "]";
            if (value.isEmpty()) {
                problems.add(new SpecProblem(at, "lifecyclePolicy.tagList.empty", "",
                        "A tag prefix or pattern must not be empty."));
            } else if (patterns && value.chars().filter(c -> c == '*').count() > MAX_WILDCARDS) {
                problems.add(new SpecProblem(at, "lifecyclePolicy.tagPattern.wildcards", value,
                        "A tag pattern may hold at most " + MAX_WILDCARDS + " wildcards (*)."));
            }
        }
    }

}
