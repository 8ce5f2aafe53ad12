package dev.berth.model;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to task-definition revisions as ECS accepts it: {@code family} (the latest ACTIVE revision),
 * {@code family:revision}, or a full ARN {@code arn:aws:ecs:<region>:<account>:task-definition/family:revision}.
 *
 * @param family the family name
 * @param revision the exact revision; empty = the latest ACTIVE one
 */
public record TaskDefinitionRef(String family, OptionalInt revision) {

    private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern REF = Pattern.compile("(?:arn:[^:]+:ecs:[^:]*:[^:]*:task-definition/)?"
            + "(?<family>[^:/]+)(?::(?<revision>[0-9]{1,9}))?");

    /**
     * Validates the components.
     *
     * @throws InvalidSpecException if the family or the revision is not valid (rule
     *     {@code taskDefinition.reference})
     * @throws NullPointerException if a required component is null
     */
    public TaskDefinitionRef {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(revision, "revision");
        if (!FAMILY.matcher(family).matches()) {
            throw invalid(family, "family must be 1-255 letters, digits, underscores and hyphens");
        }
        if (revision.isPresent() && revision.getAsInt() < 1) {
            throw invalid(family + ":" + revision.getAsInt(), "revision must be >= 1");
        }
    }

    /**
     * @param text {@code family}, {@code family:revision} or a task-definition ARN
     * @return the reference
     * @throws InvalidSpecException if {@code text} is none of these
     */
    public static TaskDefinitionRef parse(String text) {
        Matcher m = REF.matcher(Objects.requireNonNull(text, "text"));
        if (!m.matches()) {
            throw invalid(text, "expected 'family', 'family:revision' or a task-definition ARN");
        }
        String revision = m.group("revision");
        return new TaskDefinitionRef(m.group("family"),
                revision == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(revision)));
    }

    /**
     * @param family the family name
     * @return a reference to the latest ACTIVE revision of {@code family}
     */
    public static TaskDefinitionRef latest(String family) {
        return new TaskDefinitionRef(family, OptionalInt.empty());
    }

    /**
     * @param family the family name
     * @param revision the revision number, 1 or more
     * @return a reference to exactly {@code family:revision}
     */
    public static TaskDefinitionRef of(String family, int revision) {
        return new TaskDefinitionRef(family, OptionalInt.of(revision));
    }

    private static InvalidSpecException invalid(String value, String message) {
        return new InvalidSpecException("task definition reference",
                List.of(new SpecProblem("taskDefinition", "taskDefinition.reference", value, message)));
    }

    /** @return {@code family} or {@code family:revision} */
    @Override
    public String toString() {
        return revision.isPresent() ? family + ":" + revision.getAsInt() : family;
    }
}
