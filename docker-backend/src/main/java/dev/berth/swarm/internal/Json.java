package dev.berth.swarm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Small readers for the engine's JSON: absent fields are empty values, never {@code null}. */
final class Json {

    private Json() {
    }

    /** @return a JSON object of strings as a map; empty when absent */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /**
     * @return an RFC 3339 timestamp; empty when absent, unreadable, or Go's zero time (which the engine writes for
     *     "never")
     */
    static Optional<Instant> instant(JsonNode text) {
        return text.isTextual() ? instant(text.asText()) : Optional.empty();
    }

    /** @return an RFC 3339 timestamp; empty when blank, unreadable, or Go's zero time */
    static Optional<Instant> instant(String text) {
        if (text.isEmpty() || text.startsWith("0001-01-01")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
