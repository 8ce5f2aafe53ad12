package dev.berth.internal.json;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fields ECS (or ECR) defines for one kind of JSON object, split by how Berth treats them. Every document Berth
 * reads is read against schemas through {@link Fields}: task definitions, lifecycle policies, and the records of a
 * state directory ({@link RecordReader}).
 *
 * @param kind what the object is, for messages, e.g. {@code container definition}
 * @param modeled fields Berth reads into its model
 * @param readOnly fields ECS adds to its output (describe-task-definition); accepted and not kept in the model
 * @param misplaced fields of another kind of object that users put here by mistake, such as {@code networkMode}
 *     in a container definition; reported with {@code misplacedHint}
 * @param misplacedHint where those fields belong, e.g. {@code is a task-level field; move it to the top level}
 * @param ecr whether the object is ECR's (a lifecycle policy) rather than ECS's, for messages
 */
record Schema(String kind, Set<String> modeled, Set<String> readOnly, Set<String> misplaced, String misplacedHint,
              boolean ecr) {

    Schema {
        modeled = Set.copyOf(modeled);
        readOnly = Set.copyOf(readOnly);
        misplaced = Set.copyOf(misplaced);
    }

    static Schema of(String kind, String... modeled) {
        return new Schema(kind, Set.of(modeled), Set.of(), Set.of(), "", false);
    }

    static Schema ecr(String kind, String... modeled) {
        return new Schema(kind, Set.of(modeled), Set.of(), Set.of(), "", true);
    }

    Schema withReadOnly(String... fields) {
        return new Schema(kind, modeled, Set.of(fields), misplaced, misplacedHint, ecr);
    }

    /**
     * @param fields the fields of another kind of object, those this one also has are ignored
     * @param hint where they belong, completing "'x' ..."
     * @return a schema that reports those fields with the hint
     */
    Schema withMisplaced(Set<String> fields, String hint) {
        Set<String> elsewhere = fields.stream().filter(f -> !knows(f)).collect(Collectors.toSet());
        return new Schema(kind, modeled, readOnly, elsewhere, hint, ecr);
    }

    boolean knows(String field) {
        return modeled.contains(field) || readOnly.contains(field);
    }

    /** @return the hint for a field of another kind of object put here, if {@code field} is one */
    Optional<String> misplacedHint(String field) {
        return misplaced.contains(field) ? Optional.of(misplacedHint) : Optional.empty();
    }

    List<String> allFields() {
        return Stream.of(modeled, readOnly).flatMap(Set::stream).sorted().toList();
    }
}
