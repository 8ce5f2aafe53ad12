package dev.berth.internal.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The JSON spellings of enum constants, for reading them with {@link Fields#enumValue}. */
final class EnumNames {

    /** ECS's {@code ENABLED}/{@code DISABLED} switches (EFS transit encryption and IAM authorization). */
    static final Map<String, Boolean> ENABLED_DISABLED = orderedOf("ENABLED", true, "DISABLED", false);

    private EnumNames() {
    }

    /**
     * @param values the constants, in the order messages list them
     * @param ecsName a constant's JSON spelling
     * @return the constants by spelling
     */
    static <E> Map<String, E> byName(E[] values, Function<E, String> ecsName) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E value : values) {
            byName.put(ecsName.apply(value), value);
        }
        return Collections.unmodifiableMap(byName);
    }

    private static Map<String, Boolean> orderedOf(String first, boolean firstValue, String second,
                                                  boolean secondValue) {
        Map<String, Boolean> map = new LinkedHashMap<>();
        map.put(first, firstValue);
        map.put(second, secondValue);
        return Collections.unmodifiableMap(map);
    }
}
