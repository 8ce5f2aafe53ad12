package dev.berth.internal.json;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The fields ECS (or ECR) defines for one kind of JSON object, split by how Berth treats them. Every document Berth
 * reads is read against schemas through {@link Fields}: task definitions, lifecycle policies, and the records of a
 * state directory ({@link RecordReader}).
 *
 * @param kind what the object is, for messages, e.g. {@code container definition}
 * @param modeled fields Berth reads into its model
 * @param readOnly fields ECS adds to its output (describe-task-definition); accepted and not kept in the model
 * @param unsupported ECS fields Berth does not model; accepted only when empty ({@code null}, {@code []},
 *     <code>{}</code>, {@code false})
 * @param ecr whether the object is ECR's (a lifecycle policy) rather than ECS's, for messages
 */
record Schema(String kind, Set<String> modeled, Set<String> readOnly, Set<String> unsupported, boolean ecr) {

    Schema {
        modeled = Set.copyOf(modeled);
        readOnly = Set.copyOf(readOnly);
        unsupported = Set.copyOf(unsupported);
    }

    static Schema of(String kind, String... modeled) {
        return new Schema(kind, Set.of(modeled), Set.of(), Set.of(), false);
    }

    static Schema ecr(String kind, String... modeled) {
        return new Schema(kind, Set.of(modeled), Set.of(), Set.of(), true);
    }

    Schema withReadOnly(String... fields) {
        return new Schema(kind, modeled, Set.of(fields), unsupported, ecr);
    }

    Schema withUnsupported(String... fields) {
        return new Schema(kind, modeled, readOnly, Set.of(fields), ecr);
    }

    boolean knows(String field) {
        return modeled.contains(field) || readOnly.contains(field) || unsupported.contains(field);
    }

    List<String> allFields() {
        return Stream.of(modeled, readOnly, unsupported).flatMap(Set::stream).sorted().toList();
    }
}
