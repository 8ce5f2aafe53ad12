package dev.berth.exception;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A specification (task definition, service, query expression, JSON document) breaks one or more rules.
 * Every problem found is reported at once, each with the path of the bad field.
 */
public class InvalidSpecException extends BerthException {

    private final transient List<SpecProblem> problems;

    /**
     * @param subject what was being checked, e.g. {@code task definition 'web'}
     * @param problems every problem found; not empty
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public InvalidSpecException(String subject, List<SpecProblem> problems) {
        super(describe(subject, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidSpecException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in the order of the fields they concern */
    public List<SpecProblem> problems() {
        return problems;
    }

    private static String describe(String subject, List<SpecProblem> problems) {
        String noun = problems.size() == 1 ? "problem" : "problems";
        return "Invalid " + subject + " (" + problems.size() + " " + noun + "):"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
