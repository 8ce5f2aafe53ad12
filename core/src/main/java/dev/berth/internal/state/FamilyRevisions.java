package dev.berth.internal.state;

import dev.berth.model.RegisteredTaskDefinition;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything stored about one task-definition family: the highest revision number it ever used (so that numbers
 * are never reused, even of deleted revisions) and its revisions in number order.
 *
 * @param family the family name
 * @param lastRevision the highest revision number used; at least that of every revision
 * @param revisions the revisions, in number order
 */
public record FamilyRevisions(String family, int lastRevision, List<RegisteredTaskDefinition> revisions) {

    /**
     * @throws IllegalArgumentException if a revision belongs to another family or is above {@code lastRevision}
     */
    public FamilyRevisions {
        Objects.requireNonNull(family, "family");
        revisions = revisions.stream().sorted(Comparator.comparingInt(RegisteredTaskDefinition::revision)).toList();
        for (RegisteredTaskDefinition revision : revisions) {
            if (!revision.family().equals(family)) {
                throw new IllegalArgumentException("revision " + revision.ref() + " is not of family " + family);
            }
            if (revision.revision() > lastRevision) {
                throw new IllegalArgumentException("revision " + revision.ref() + " is above the family's last"
                        + " revision " + lastRevision);
            }
        }
    }
}
