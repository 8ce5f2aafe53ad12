package dev.berth.model.internal;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Checks of {@link Duration} fields that ECS takes as integer seconds: a duration with a sub-second part cannot
 * be written to ECS, so it is reported rather than rounded.
 */
final class Seconds {

    private Seconds() {
    }

    /**
     * Reports {@code wholeSecondsRule} when {@code value} has a sub-second part and {@code rangeRule} when it lies
     * outside {@code [min, max]} seconds.
     */
    static void check(Problems problems, String path, Duration value, long min, long max, Rule rangeRule,
                      Rule wholeSecondsRule) {
        if (value.getNano() != 0) {
            problems.add(path, wholeSecondsRule, text(value));
        }
        if (value.compareTo(Duration.ofSeconds(min)) < 0 || value.compareTo(Duration.ofSeconds(max)) > 0) {
            problems.add(path, rangeRule, text(value));
        }
    }

    /** @return the duration in seconds as ECS JSON would hold it, e.g. {@code 30} or {@code 4.5} */
    static String text(Duration value) {
        return new BigDecimal(value.getSeconds()).add(BigDecimal.valueOf(value.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }
}
