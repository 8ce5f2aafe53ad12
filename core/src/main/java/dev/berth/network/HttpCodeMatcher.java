package dev.berth.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP status codes a health check accepts, in ELB's {@code Matcher.HttpCode} syntax: a code ({@code 200}),
 * a list ({@code 200,202}) or a range ({@code 200-299}), codes between 200 and 499.
 *
 * @param httpCode the codes, e.g. {@code 200-299}
 */
public record HttpCodeMatcher(String httpCode) {

    private static final Pattern PART = Pattern.compile("([0-9]{3})(?:-([0-9]{3}))?");

    /**
     * @throws IllegalArgumentException if it is not a code, list or range of codes within 200..499
     * @throws NullPointerException if it is null
     */
    public HttpCodeMatcher {
        Objects.requireNonNull(httpCode, "httpCode");
        ranges(httpCode);
    }

    /** @return ELB's default: {@code 200} */
    public static HttpCodeMatcher ok() {
        return new HttpCodeMatcher("200");
    }

    /**
     * @param status an HTTP status code
     * @return whether a health check that got it passes
     */
    public boolean matches(int status) {
        for (int[] range : ranges(httpCode)) {
            if (status >= range[0] && status <= range[1]) {
                return true;
            }
        }
        return false;
    }

    private static List<int[]> ranges(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher m = PART.matcher(part.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("healthCheck matcher must be an HTTP code (200), a list (200,202)"
                        + " or a range (200-299), was '" + text + "'");
            }
            int low = Integer.parseInt(m.group(1));
            int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
            if (low < 200 || high > 499 || low > high) {
                throw new IllegalArgumentException("healthCheck matcher codes must be within 200..499, low to high,"
                        + " was '" + text + "'");
            }
            ranges.add(new int[] {low, high});
        }
        return ranges;
    }
}
