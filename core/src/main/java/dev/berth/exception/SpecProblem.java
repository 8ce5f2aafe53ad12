package dev.berth.exception;

import java.util.Objects;

/**
 * One thing wrong with a specification, such as a task definition.
 *
 * @param path JSON-style path of the bad field in ECS's task-definition format,
 *     e.g. {@code containerDefinitions[1].healthCheck.interval}; empty for the whole definition
 * @param rule a stable identifier of the broken rule, e.g. {@code healthCheck.interval.range}
 * @param value the offending value as text (never a secret's content), or an empty string
 * @param message what is wrong and how to fix it; ECS's own error text where ECS has one
 */
public record SpecProblem(String path, String rule, String value, String message) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public SpecProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        String where = path.isEmpty() ? "" : path + ": ";
        return where + message + " [" + rule + "]";
    }
}
