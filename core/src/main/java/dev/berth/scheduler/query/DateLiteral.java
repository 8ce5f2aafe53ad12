package dev.berth.scheduler.query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A {@code registeredAt} argument: a date ({@code 2018-06-18}) or a date-time with an offset
 * ({@code 2018-06-18T22:28:28Z}, {@code 2018-06-18T22:28:28+00:00}). It stands for the interval its precision
 * covers: a whole UTC day for a date, a second for a date-time without fraction. So
 * {@code registeredAt == 2018-06-18} holds for any instant of that day, and {@code <=} includes the whole day.
 */
record DateLiteral(Instant start, Instant end) {

    static Optional<String> problem(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("registeredAt compares with a date such as 2018-06-18 or 2018-06-18T22:28:28Z,"
                    + " was '" + text + "'");
        }
    }

    static DateLiteral parse(String text) {
        if (text.indexOf('T') < 0) {
            Instant day = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            return new DateLiteral(day, day.plus(Duration.ofDays(1)));
        }
        OffsetDateTime time = OffsetDateTime.parse(text);
        Instant start = time.toInstant();
        return new DateLiteral(start, start.plus(time.getNano() == 0 ? Duration.ofSeconds(1) : Duration.ofNanos(1)));
    }

    /** @return negative, zero or positive as {@code instant} is before, inside or after this interval */
    int locate(Instant instant) {
        if (instant.isBefore(start)) {
            return -1;
        }
        return instant.isBefore(end) ? 0 : 1;
    }
}
