package dev.berth.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The fields of one JSON object at a known path, read with typed accessors. A field of the wrong type is
 * recorded as a problem carrying its path and read as absent, so that one pass finds every problem of a
 * document. JSON {@code null} counts as absent.
 */
final class Fields {

    private final JsonNode node;
    private final String path;
    private final String kind;
    private final Problems problems;
    private final boolean ignoreUnknownFields;

    private Fields(JsonNode node, String path, String kind, Problems problems, boolean ignoreUnknownFields) {
        this.node = node;
        this.path = path;
        this.kind = kind;
        this.problems = problems;
        this.ignoreUnknownFields = ignoreUnknownFields;
    }

    /**
     * Opens {@code node} as an object of the given kind and reports the fields ECS does not know there (unless unknown
     * fields are ignored), with a hint when the field belongs to another level or looks misspelt.
     *
     * @return the object's fields, or empty if {@code node} is not an object (a problem is recorded)
     */
    static Optional<Fields> open(JsonNode node, String path, Schema schema, Problems problems,
                                 boolean ignoreUnknownFields) {
        if (!node.isObject()) {
            problems.add(path, "json.type", node, mustBe(path, "an object such as {\"field\": ...}", node));
            return Optional.empty();
        }
        Fields fields = new Fields(node, path, schema.kind(), problems, ignoreUnknownFields);
        if (!ignoreUnknownFields) {
            fields.checkNames(schema);
        }
        return Optional.of(fields);
    }

    private void checkNames(Schema schema) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            String fieldPath = pathOf(name);
            Optional<String> misplaced = schema.misplacedHint(name);
            if (misplaced.isPresent()) {
                problems.add(fieldPath, "json.misplacedField", name, "'" + fieldPath + "' is not a field of an ECS "
                        + schema.kind() + ": " + name + " " + misplaced.get() + ".");
            } else if (!schema.knows(name)) {
                String suggestion = closest(name, schema.allFields()).map(s -> " (did you mean '" + s + "'?)")
                        .orElse("");
                problems.add(fieldPath, "json.unknownField", name, "'" + fieldPath + "' is not a field of an "
                        + (schema.ecr() ? "ECR " : "ECS ") + schema.kind() + suggestion + (schema.ecr()
                        ? ". Fix or remove it." : ". Fix or remove it, or read with ignoreUnknownFields(true) to drop"
                        + " unknown fields."));
            }
        }
    }

    String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String pathOf(String arrayPath, int index) {
        return arrayPath + "[" + index + "]";
    }

    Problems problems() {
        return problems;
    }

    /** @return the field's value; empty when it is absent or {@code null} */
    Optional<JsonNode> get(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    boolean has(String field) {
        return get(field).isPresent();
    }

    Optional<String> string(String field) {
        return get(field).flatMap(v -> asString(v, pathOf(field)));
    }

    /**
     * A string that may be a credential, such as an environment variable's value: a value of another type is
     * reported by its type only, never shown.
     */
    Optional<String> confidentialString(String field) {
        return get(field).flatMap(v -> {
            if (v.isTextual()) {
                return Optional.of(v.textValue());
            }
            String valuePath = pathOf(field);
            problems.add(valuePath, "json.type", "", "'" + valuePath + "' must be a string, but is "
                    + (v.isNumber() ? "a number" : v.isBoolean() ? "a boolean" : v.isArray() ? "an array"
                            : v.isObject() ? "an object" : "another type") + " (not shown: it may be a credential).");
            return Optional.empty();
        });
    }

    OptionalInt integer(String field) {
        Optional<JsonNode> value = get(field);
        return value.isEmpty() ? OptionalInt.empty() : asInt(value.get(), pathOf(field));
    }

    /** @return a duration given in whole seconds, as ECS writes {@code stopTimeout} or a health-check interval */
    Optional<Duration> seconds(String field) {
        Optional<JsonNode> value = get(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        JsonNode v = value.get();
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            typeProblem(pathOf(field), "a whole number of seconds such as 30", v);
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(v.longValue()));
    }

    /** @return a duration given in ISO-8601, such as {@code PT30S}, as Berth stores them */
    Optional<Duration> isoDuration(String field) {
        return get(field).flatMap(v -> asString(v, pathOf(field)).flatMap(text -> {
            try {
                return Optional.of(Duration.parse(text));
            } catch (DateTimeParseException notIso) {
                typeProblem(pathOf(field), "an ISO-8601 duration such as \"PT30S\"", v);
                return Optional.empty();
            }
        }));
    }

    /** @return the constant of {@code type} the field names, by its Java name */
    <E extends Enum<E>> Optional<E> enumNamed(String field, Class<E> type) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            byName.put(constant.name(), constant);
        }
        return enumValue(field, byName);
    }

    Optional<Boolean> bool(String field) {
        Optional<JsonNode> value = get(field);
        if (value.isPresent() && !value.get().isBoolean()) {
            typeProblem(pathOf(field), "true or false", value.get());
            return Optional.empty();
        }
        return value.map(JsonNode::booleanValue);
    }

    /** @return a point in time given as epoch seconds (a number) or as an ISO-8601 string with an offset */
    Optional<Instant> instant(String field) {
        Optional<JsonNode> value = get(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        JsonNode v = value.get();
        if (v.isNumber()) {
            BigDecimal epochSeconds = v.decimalValue();
            BigDecimal whole = epochSeconds.setScale(0, RoundingMode.FLOOR);
            long nanos = epochSeconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.DOWN).longValue();
            try {
                return Optional.of(Instant.ofEpochSecond(whole.longValueExact(), nanos));
            } catch (ArithmeticException | java.time.DateTimeException outOfRange) {
                // reported below
            }
        } else if (v.isTextual()) {
            try {
                return Optional.of(OffsetDateTime.parse(v.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant());
            } catch (DateTimeParseException notIso) {
                // reported below
            }
        }
        typeProblem(pathOf(field), "epoch seconds such as 1700000000.5 or an ISO-8601 time such as"
                + " \"2023-11-14T22:13:20.5Z\"", v);
        return Optional.empty();
    }

    List<String> strings(String field) {
        return list(field, "an array of strings such as [\"a\", \"b\"]", this::asString);
    }

    List<Integer> integers(String field) {
        return list(field, "an array of whole numbers such as [0, 143]", (v, p) -> {
            OptionalInt i = asInt(v, p);
            return i.isPresent() ? Optional.of(i.getAsInt()) : Optional.empty();
        });
    }

    /** @return a JSON object of string values, in document order */
    Map<String, String> stringMap(String field) {
        Map<String, String> result = new LinkedHashMap<>();
        Optional<JsonNode> value = get(field);
        if (value.isEmpty()) {
            return result;
        }
        String fieldPath = pathOf(field);
        if (!value.get().isObject()) {
            typeProblem(fieldPath, "an object of strings such as {\"key\": \"value\"}", value.get());
            return result;
        }
        for (Map.Entry<String, JsonNode> entry : value.get().properties()) {
            asString(entry.getValue(), fieldPath + "." + entry.getKey()).ifPresent(s -> result.put(entry.getKey(), s));
        }
        return result;
    }

    /** @return the objects of an array field, each read by {@code reader}; elements that fail are left out */
    <T> List<T> objects(String field, Schema schema, Function<Fields, Optional<T>> reader) {
        return list(field, "an array of objects such as [{...}]",
                (v, p) -> open(v, p, schema, problems, ignoreUnknownFields).flatMap(reader));
    }

    <T> Optional<T> object(String field, Schema schema, Function<Fields, Optional<T>> reader) {
        return get(field).flatMap(v -> open(v, pathOf(field), schema, problems, ignoreUnknownFields))
                .flatMap(reader);
    }

    /**
     * @param byEcsName the accepted spellings, in the order the message lists them
     * @return the constant the field's value names
     */
    <E> Optional<E> enumValue(String field, Map<String, E> byEcsName) {
        return get(field).flatMap(v -> asEnum(v, pathOf(field), byEcsName));
    }

    <E> List<E> enumValues(String field, Map<String, E> byEcsName) {
        return list(field, "an array of strings such as [\"" + byEcsName.keySet().iterator().next() + "\"]",
                (v, p) -> asEnum(v, p, byEcsName));
    }

    private <E> Optional<E> asEnum(JsonNode value, String valuePath, Map<String, E> byEcsName) {
        Optional<String> text = asString(value, valuePath);
        if (text.isPresent() && !byEcsName.containsKey(text.get())) {
            problems.add(valuePath, "json.enum", value, "'" + valuePath + "' must be one of "
                    + String.join(", ", byEcsName.keySet()) + " (case-sensitive), but is '" + text.get() + "'.");
            return Optional.empty();
        }
        return text.map(byEcsName::get);
    }

    /** Records a problem for each of {@code fields} that is absent or {@code null}. */
    void require(String... fields) {
        for (String field : fields) {
            if (!has(field)) {
                String fieldPath = pathOf(field);
                problems.add(fieldPath, "json.required", "", "'" + fieldPath + "' is required in an ECS " + kind
                        + "; add it.");
            }
        }
    }

    private interface ElementReader<T> {
        Optional<T> read(JsonNode value, String valuePath);
    }

    private <T> List<T> list(String field, String expected, ElementReader<T> reader) {
        List<T> result = new ArrayList<>();
        Optional<JsonNode> value = get(field);
        if (value.isEmpty()) {
            return result;
        }
        String fieldPath = pathOf(field);
        if (!value.get().isArray()) {
            typeProblem(fieldPath, expected, value.get());
            return result;
        }
        for (int i = 0; i < value.get().size(); i++) {
            reader.read(value.get().get(i), pathOf(fieldPath, i)).ifPresent(result::add);
        }
        return result;
    }

    private Optional<String> asString(JsonNode value, String valuePath) {
        if (!value.isTextual()) {
            typeProblem(valuePath, "a string", value);
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    private OptionalInt asInt(JsonNode value, String valuePath) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            typeProblem(valuePath, "a whole number (32-bit) such as 512", value);
            return OptionalInt.empty();
        }
        return OptionalInt.of(value.intValue());
    }

    private void typeProblem(String valuePath, String expected, JsonNode value) {
        problems.add(valuePath, "json.type", value, mustBe(valuePath, expected, value));
    }

    private static String mustBe(String valuePath, String expected, JsonNode value) {
        String where = valuePath.isEmpty() ? "The document" : "'" + valuePath + "'";
        return where + " must be " + expected + ", but is " + describe(value) + ".";
    }

    private static String describe(JsonNode value) {
        String text = Problems.valueText(value);
        if (value.isTextual()) {
            return "a string (\"" + text + "\")";
        } else if (value.isBoolean()) {
            return "a boolean (" + text + ")";
        } else if (value.isIntegralNumber()) {
            return "a number (" + text + ")";
        } else if (value.isNumber()) {
            return "a decimal number (" + text + ")";
        } else if (value.isArray()) {
            return "an array (" + text + ")";
        } else if (value.isObject()) {
            return "an object (" + text + ")";
        }
        return text;
    }

    /** @return the known name a misspelt {@code name} most likely meant: at most 2 edits away, ignoring case */
    private static Optional<String> closest(String name, List<String> known) {
        return known.stream()
                .filter(k -> editDistance(k.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)) <= 2)
                .min(Comparator.comparingInt((String k) -> editDistance(k.toLowerCase(Locale.ROOT),
                                name.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
