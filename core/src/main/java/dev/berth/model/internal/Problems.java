package dev.berth.model.internal;

import dev.berth.exception.SpecProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one validation run, in the order the rules find them. */
final class Problems {

    private final List<SpecProblem> found = new ArrayList<>();

    /**
     * @param path JSON-style path of the bad field
     * @param rule the broken rule
     * @param value the bad value as text; never a secret or an environment variable's value
     * @param arguments values for the rule's message template
     */
    void add(String path, Rule rule, Object value, Object... arguments) {
        found.add(new SpecProblem(path, rule.id(), String.valueOf(value), rule.message(arguments)));
    }

    /** @return whether no problem was found so far */
    boolean isEmpty() {
        return found.isEmpty();
    }

    /** @return the problems found so far */
    List<SpecProblem> toList() {
        return List.copyOf(found);
    }

    /** @return {@code listPath[index]}, the path of one element of a list */
    static String element(String listPath, int index) {
        return listPath + "[" + index + "]";
    }
}
