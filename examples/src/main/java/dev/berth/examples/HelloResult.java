package dev.berth.examples;

import java.util.List;

/**
 * What {@link HelloBerth} observed, for a test to check.
 *
 * @param answers the body each task of the service answered, in the order of the service's tasks
 */
public record HelloResult(List<String> answers) {

    /** @throws NullPointerException if {@code answers} is null */
    public HelloResult {
        answers = List.copyOf(answers);
    }
}
