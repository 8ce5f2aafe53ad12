package dev.berth.internal.json;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The fields ECS defines for one kind of JSON object, split by how Berth treats them.
 *
 * @param kind what the object is, for messages, e.g. {@code container definition}
 * @param modeled fields Berth reads into its model
 * @param readOnly fields ECS adds to its output (describe-task-definition); accepted and not kept in the model
 * @param unsupported ECS fields Berth does not model; accepted only when empty ({@code null}, {@code []},
 *     <code>{}</code>, {@code false})
 */
record Schema(String kind, Set<String> modeled, Set<String> readOnly, Set<String> unsupported) {

    Schema {
        modeled = Set.copyOf(modeled);
        readOnly = Set.copyOf(readOnly);
        unsupported = Set.copyOf(unsupported);
    }

    static Schema of(String kind, String... modeled) {
        return new Schema(kind, Set.of(modeled), Set.of(), Set.of());
    }

    Schema withReadOnly(String... fields) {
        return new Schema(kind, modeled, Set.of(fields), unsupported);
    }

    Schema withUnsupported(String... fields) {
        return new Schema(kind, modeled, readOnly, Set.of(fields));
    }

    boolean knows(String field) {
        return modeled.contains(field) || readOnly.contains(field) || unsupported.contains(field);
    }

    List<String> allFields() {
        return Stream.of(modeled, readOnly, unsupported).flatMap(Set::stream).sorted().toList();
    }
}
