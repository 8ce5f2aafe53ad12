package dev.berth.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import java.util.ArrayList;
import java.util.List;

/** The problems found while reading one JSON document, in document order. */
final class Problems {

    private static final int MAX_VALUE_CHARS = 120;

    private final List<SpecProblem> found = new ArrayList<>();

    void add(String path, String rule, JsonNode value, String message) {
        add(path, rule, valueText(value), message);
    }

    void add(String path, String rule, String value, String message) {
        found.add(new SpecProblem(path, rule, value, message));
    }

    void add(SpecProblem problem) {
        found.add(problem);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** @return whether every problem found so far is one of {@code rules} */
    boolean onlyRules(java.util.Set<String> rules) {
        return found.stream().allMatch(p -> rules.contains(p.rule()));
    }

    /** @return how many problems were found so far */
    int size() {
        return found.size();
    }

    /** @return the message of the problem found last; there is one */
    String lastMessage() {
        return found.get(found.size() - 1).message();
    }

    /** @throws InvalidSpecException if any problem was found */
    void throwIfAny(String subject) {
        if (!found.isEmpty()) {
            throw new InvalidSpecException(subject, found);
        }
    }

    /** @return the value as a problem shows it: a string's content, or the JSON text of anything else, cut short */
    static String valueText(JsonNode value) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "...";
    }
}
