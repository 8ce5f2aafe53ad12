package com.example.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One listing of resolved artifacts as {@code mvn dependency:list} writes it, e.g.
 * {@code    com.github.docker-java:docker-java-api:jar:3.7.1:compile (optional) -- module com.github.dockerjava.api}.
 *
 * @param versions version by artifact key ({@code group:artifact:type[:classifier]})
 * @param optional the keys marked optional
 */
record ResolvedVersions(Map<String, String> versions, Set<String> optional) {

    ResolvedVersions {
        versions = Map.copyOf(versions);
        optional = Set.copyOf(optional);
    }

    /** group:artifact:type[:classifier]:version:scope, then optional, then anything. */
    private static final Pattern LINE = Pattern.compile(
            "^\\s+([^:\\s]+):([^:\\s]+):([^:\\s]+)(?::([^:\\s]+))?:([^:\\s]+):([a-z]+)(\\s+\\(optional\\))?.*$");

    static ResolvedVersions read(Path listing) {
        Map<String, String> versions = new TreeMap<>();
        Set<String> optional = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(listing)) {
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                String key = m.group(1) + ":" + m.group(2) + ":" + m.group(3)
                        + (m.group(4) == null ? "" : ":" + m.group(4));
                versions.put(key, m.group(5));
                if (m.group(7) != null) {
                    optional.add(key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + listing, e);
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException(listing + " lists no artifact");
        }
        return new ResolvedVersions(versions, optional);
    }
}
