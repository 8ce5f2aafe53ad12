package dev.berth.docker.registry.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate} challenge of a registry: {@code Basic realm="..."} or {@code Bearer realm="...",
 * service="...",scope="..."} as Docker Hub-style token authentication sends it.
 *
 * @param scheme {@code basic} or {@code bearer}, lowercase
 * @param parameters the challenge's parameters, e.g. {@code realm}, {@code service}, {@code scope}
 */
record Challenge(String scheme, Map<String, String> parameters) {

    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z]+)=\"([^\"]*)\"");

    Challenge {
        parameters = Map.copyOf(parameters);
    }

    /** @return the challenge in a header value, or empty when the header names no scheme */
    static Optional<Challenge> parse(String header) {
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (space > 0) {
            Matcher m = PARAMETER.matcher(trimmed.substring(space + 1));
            while (m.find()) {
                parameters.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
            }
        }
        return Optional.of(new Challenge(scheme, parameters));
    }

    /** @return the parameter, or empty */
    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }
}
