package dev.berth.model;

import java.util.Objects;

/**
 * A resource tag.
 *
 * @param key tag key
 * @param value tag value, may be empty
 */
public record Tag(String key, String value) {
    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public Tag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
