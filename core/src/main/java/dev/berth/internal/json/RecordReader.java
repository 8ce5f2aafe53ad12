package dev.berth.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads one JSON object of a record Berth stored itself (a state file), through the same {@link Fields} that read
 * task definitions and lifecycle policies, with a stricter policy: a record Berth wrote must hold what Berth wrote,
 * so the first missing field or value of the wrong type fails with a {@link CorruptRecordException} naming its
 * path, and a stored record is never half read. Fields Berth does not know are ignored.
 */
public final class RecordReader {

    private static final Schema RECORD = Schema.of("stored record");

    private final JsonNode node;
    private final String path;
    private final Problems problems = new Problems();
    private final Fields fields;

    private RecordReader(JsonNode node, String path) {
        this.node = node;
        this.path = path;
        this.fields = Fields.open(node, path, RECORD, problems, true)
                .orElseThrow(() -> new CorruptRecordException("'" + path + "' must be an object"));
    }

    /** A stored record that does not hold what Berth wrote. */
    public static final class CorruptRecordException extends RuntimeException {
        /** @param message what is wrong, naming the field's path */
        public CorruptRecordException(String message) {
            super(message);
        }
    }

    /**
     * @param document a stored document
     * @return a reader of its root object
     * @throws CorruptRecordException if the document is not a JSON object
     */
    public static RecordReader root(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new CorruptRecordException("the document is not a JSON object");
        }
        return new RecordReader(document, "");
    }

    /** @return the object read */
    public JsonNode node() {
        return node;
    }

    /** @return its path in the document, empty for the root */
    public String path() {
        return path;
    }

    /**
     * @param field a field's name
     * @return the field's path in the document
     */
    public String pathOf(String field) {
        return fields.pathOf(field);
    }

    /**
     * @param field a field that must hold a string
     * @return the string
     * @throws CorruptRecordException if it is missing or not a string
     */
    public String string(String field) {
        return required(field, optionalString(field));
    }

    /**
     * @param field a field that may hold a string
     * @return the string, or empty when the field is absent or null
     * @throws CorruptRecordException if it is not a string
     */
    public Optional<String> optionalString(String field) {
        return checked(field, "a string", () -> fields.string(field));
    }

    /**
     * @param field a field that must hold a 32-bit integer
     * @return the integer
     * @throws CorruptRecordException if it is missing or not such an integer
     */
    public int integer(String field) {
        OptionalInt value = checked(field, "an integer", () -> {
            OptionalInt read = fields.integer(field);
            return read.isPresent() ? Optional.of(read) : Optional.<OptionalInt>empty();
        }).orElseThrow(() -> missing(field));
        return value.getAsInt();
    }

    /**
     * @param field a field that may hold a 32-bit integer
     * @return the integer, or empty when the field is absent or null
     * @throws CorruptRecordException if it is not such an integer
     */
    public OptionalInt optionalInteger(String field) {
        return node.hasNonNull(field) ? OptionalInt.of(integer(field)) : OptionalInt.empty();
    }

    /**
     * @param field a field's name
     * @return whether the field is present and not null: for fields that records of older versions lack
     */
    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    /**
     * @param field a field that must hold a boolean
     * @return its value
     * @throws CorruptRecordException if it is missing or not a boolean
     */
    public boolean bool(String field) {
        return required(field, checked(field, "true or false", () -> fields.bool(field)));
    }

    /**
     * @param field a field that must hold an ISO-8601 instant
     * @return the instant
     * @throws CorruptRecordException if it is missing or not an instant
     */
    public Instant instant(String field) {
        return required(field, optionalInstant(field));
    }

    /**
     * @param field a field that may hold an ISO-8601 instant
     * @return the instant, or empty when the field is absent or null
     * @throws CorruptRecordException if it is not an instant
     */
    public Optional<Instant> optionalInstant(String field) {
        return checked(field, "an ISO-8601 instant", () -> fields.instant(field));
    }

    /**
     * @param field a field that must hold an ISO-8601 duration
     * @return the duration
     * @throws CorruptRecordException if it is missing or not a duration
     */
    public Duration duration(String field) {
        return required(field, checked(field, "an ISO-8601 duration", () -> fields.isoDuration(field)));
    }

    /**
     * @param <E> the enum
     * @param field a field that must hold a constant's name
     * @param type the enum
     * @return the constant
     * @throws CorruptRecordException if it is missing or names no constant of {@code type}
     */
    public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        return required(field, checked(field, "one of " + List.of(type.getEnumConstants()),
                () -> fields.enumNamed(field, type)));
    }

    /**
     * @param field a field that must hold an object
     * @return the object's raw node
     * @throws CorruptRecordException if it is missing or not an object
     */
    public JsonNode objectNode(String field) {
        JsonNode value = fields.get(field).orElseThrow(() -> missing(field));
        if (!value.isObject()) {
            throw wrongType(field, "an object");
        }
        return value;
    }

    /**
     * @param field a field that must hold an object
     * @return a reader of that object
     * @throws CorruptRecordException if it is missing or not an object
     */
    public RecordReader object(String field) {
        return new RecordReader(objectNode(field), pathOf(field));
    }

    /**
     * @param field a field that must hold an object whose values are objects
     * @return its entries, each value as a reader, in document order
     * @throws CorruptRecordException if it is missing, or an entry is not an object
     */
    public List<Map.Entry<String, RecordReader>> entries(String field) {
        List<Map.Entry<String, RecordReader>> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : objectNode(field).properties()) {
            String entryPath = pathOf(field) + "." + entry.getKey();
            if (!entry.getValue().isObject()) {
                throw new CorruptRecordException("'" + entryPath + "' must be an object");
            }
            entries.add(Map.entry(entry.getKey(), new RecordReader(entry.getValue(), entryPath)));
        }
        return entries;
    }

    /**
     * @param field a field that must hold an object whose values are strings
     * @return its entries, by key
     * @throws CorruptRecordException if it is missing, or a value is not a string
     */
    public Map<String, String> stringMap(String field) {
        objectNode(field);
        int before = problems.size();
        Map<String, String> map = new TreeMap<>(fields.stringMap(field));
        if (problems.size() > before) {
            throw new CorruptRecordException(problems.lastMessage());
        }
        return map;
    }

    /**
     * @param <T> what each element is read as
     * @param field a field that must hold an array
     * @param read reads one element, given its reader
     * @return the elements, in order
     * @throws CorruptRecordException if it is missing or not an array, or {@code read} throws it
     */
    public <T> List<T> array(String field, Function<RecordReader, T> read) {
        JsonNode value = fields.get(field).orElseThrow(() -> missing(field));
        if (!value.isArray()) {
            throw wrongType(field, "an array");
        }
        List<T> elements = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String elementPath = Fields.pathOf(pathOf(field), i);
            if (!value.get(i).isObject()) {
                throw new CorruptRecordException("'" + elementPath + "' must be an object");
            }
            elements.add(read.apply(new RecordReader(value.get(i), elementPath)));
        }
        return elements;
    }

    /**
     * @param field a field that must hold an array of strings
     * @return the strings, in order
     * @throws CorruptRecordException if it is missing or not an array of strings
     */
    public List<String> strings(String field) {
        fields.get(field).orElseThrow(() -> missing(field));
        int before = problems.size();
        List<String> strings = fields.strings(field);
        if (problems.size() > before) {
            throw new CorruptRecordException(problems.lastMessage());
        }
        return strings;
    }

    /** Reads through {@code read}; a problem it records means the record is corrupt. */
    private <T> Optional<T> checked(String field, String expected, Supplier<Optional<T>> read) {
        int before = problems.size();
        Optional<T> value = read.get();
        if (problems.size() > before) {
            throw wrongType(field, expected);
        }
        return value;
    }

    private <T> T required(String field, Optional<T> value) {
        return value.orElseThrow(() -> missing(field));
    }

    private CorruptRecordException missing(String field) {
        return new CorruptRecordException("'" + pathOf(field) + "' is missing");
    }

    private CorruptRecordException wrongType(String field, String expected) {
        return new CorruptRecordException("'" + pathOf(field) + "' must be " + expected + ", but is " + node.get(field));
    }
}
