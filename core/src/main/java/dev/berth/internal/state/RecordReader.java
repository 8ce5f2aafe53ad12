package dev.berth.internal.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the fields of one JSON object of a stored record. A missing field or a value of the wrong type fails with
 * a {@link CorruptRecordException} naming the field's path: a stored record is never half read.
 *
 * @param node the object
 * @param path its path in the document, empty for the root
 */
record RecordReader(JsonNode node, String path) {

    /** A stored record that does not hold what Berth wrote. */
    static final class CorruptRecordException extends RuntimeException {
        CorruptRecordException(String message) {
            super(message);
        }
    }

    /** @return a reader of the document's root object */
    static RecordReader root(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new CorruptRecordException("the document is not a JSON object");
        }
        return new RecordReader(document, "");
    }

    String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private JsonNode required(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new CorruptRecordException("'" + pathOf(field) + "' is missing");
        }
        return value;
    }

    private CorruptRecordException wrongType(String field, String expected) {
        return new CorruptRecordException("'" + pathOf(field) + "' must be " + expected + ", but is "
                + node.get(field));
    }

    String string(String field) {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw wrongType(field, "a string");
        }
        return value.textValue();
    }

    Optional<String> optionalString(String field) {
        return node.hasNonNull(field) ? Optional.of(string(field)) : Optional.empty();
    }

    /** @return whether the field is present and not null: for fields that records of older versions lack */
    boolean has(String field) {
        return node.hasNonNull(field);
    }

    OptionalInt optionalInteger(String field) {
        return node.hasNonNull(field) ? OptionalInt.of(integer(field)) : OptionalInt.empty();
    }

    int integer(String field) {
        JsonNode value = required(field);
        if (!value.isInt()) {
            throw wrongType(field, "an integer");
        }
        return value.intValue();
    }

    boolean bool(String field) {
        JsonNode value = required(field);
        if (!value.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return value.booleanValue();
    }

    Instant instant(String field) {
        return parsed(field, Instant::parse, "an ISO-8601 instant");
    }

    Optional<Instant> optionalInstant(String field) {
        return node.hasNonNull(field) ? Optional.of(instant(field)) : Optional.empty();
    }

    Duration duration(String field) {
        return parsed(field, Duration::parse, "an ISO-8601 duration");
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        return parsed(field, text -> Enum.valueOf(type, text), "one of " + List.of(type.getEnumConstants()));
    }

    private <T> T parsed(String field, Function<String, T> parse, String expected) {
        String text = string(field);
        try {
            return parse.apply(text);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw wrongType(field, expected);
        }
    }

    /** @return the raw node of a field that must be an object */
    JsonNode objectNode(String field) {
        JsonNode value = required(field);
        if (!value.isObject()) {
            throw wrongType(field, "an object");
        }
        return value;
    }

    RecordReader object(String field) {
        return new RecordReader(objectNode(field), pathOf(field));
    }

    /** @return the entries of an object field, each value read as an object */
    List<Map.Entry<String, RecordReader>> entries(String field) {
        List<Map.Entry<String, RecordReader>> entries = new ArrayList<>();
        JsonNode object = objectNode(field);
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String entryPath = pathOf(field) + "." + entry.getKey();
            if (!entry.getValue().isObject()) {
                throw new CorruptRecordException("'" + entryPath + "' must be an object");
            }
            entries.add(Map.entry(entry.getKey(), new RecordReader(entry.getValue(), entryPath)));
        }
        return entries;
    }

    /** @return the entries of an object field whose values are strings */
    Map<String, String> stringMap(String field) {
        Map<String, String> map = new TreeMap<>();
        JsonNode object = objectNode(field);
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new CorruptRecordException("'" + pathOf(field) + "." + entry.getKey() + "' must be a string");
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    /** @return the elements of an array field; each is given to {@code read} with its path */
    <T> List<T> array(String field, Function<RecordReader, T> read) {
        JsonNode value = required(field);
        if (!value.isArray()) {
            throw wrongType(field, "an array");
        }
        List<T> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            elements.add(read.apply(new RecordReader(value.get(i), pathOf(field) + "[" + i + "]")));
        }
        return elements;
    }

    /** @return the strings of an array field */
    List<String> strings(String field) {
        return array(field, element -> {
            if (!element.node().isTextual()) {
                throw new CorruptRecordException("'" + element.path() + "' must be a string");
            }
            return element.node().textValue();
        });
    }
}
