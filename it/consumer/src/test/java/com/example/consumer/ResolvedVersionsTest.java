package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * This project imports berth-bom, with Testcontainers declared first: it must resolve every library Berth's modules
 * use at the version Berth's own build resolved (and so ran its tests with), not at what Maven's nearest-first
 * mediation would pick. Berth's build lists what each module resolved in
 * {@code <module>/target/<artifactId>.resolved.txt}; this build lists its own in {@code target/resolved.txt}.
 */
class ResolvedVersionsTest {

    /** The conflict-prone libraries, printed as a table for the record. */
    private static final List<String> WATCHED = List.of(
            "com.github.docker-java:docker-java-api:jar", "com.github.docker-java:docker-java-core:jar",
            "com.github.docker-java:docker-java-transport:jar",
            "com.github.docker-java:docker-java-transport-httpclient5:jar",
            "com.github.docker-java:docker-java-transport-zerodep:jar",
            "org.apache.httpcomponents.client5:httpclient5:jar", "org.apache.httpcomponents.core5:httpcore5:jar",
            "org.apache.httpcomponents.core5:httpcore5-h2:jar", "org.slf4j:slf4j-api:jar",
            "com.fasterxml.jackson.core:jackson-databind:jar", "com.fasterxml.jackson.core:jackson-annotations:jar",
            "commons-io:commons-io:jar", "org.apache.commons:commons-lang3:jar",
            "org.apache.commons:commons-compress:jar", "net.java.dev.jna:jna:jar",
            "io.github.resilience4j:resilience4j-core:jar", "software.amazon.awssdk:apache5-client:jar",
            "org.testcontainers:testcontainers:jar", "org.junit.jupiter:junit-jupiter-api:jar");

    private static ResolvedVersions consumer;
    private static Map<String, ResolvedVersions> berth;

    @BeforeAll
    static void readListings() throws IOException {
        consumer = ResolvedVersions.read(Path.of(System.getProperty("consumer.resolved")));
        Path build = Path.of(System.getProperty("berth.build.directory"));
        berth = new LinkedHashMap<>();
        try (Stream<Path> modules = Files.list(build)) {
            for (Path module : modules.sorted().toList()) {
                Path target = module.resolve("target");
                if (!Files.isDirectory(target)) {
                    continue;
                }
                try (Stream<Path> listings = Files.list(target)) {
                    listings.filter(p -> p.getFileName().toString().endsWith(".resolved.txt")).forEach(p -> berth.put(
                            p.getFileName().toString().replace(".resolved.txt", ""), ResolvedVersions.read(p)));
                }
            }
        }
    }

    @Test
    void everyBerthModuleOnTheClasspath_hasTheListingOfItsOwnBuild() {
        List<String> berthModules = consumer.versions().keySet().stream()
                .filter(key -> key.startsWith("dev.berth:") && key.endsWith(":jar"))
                .map(key -> key.split(":")[1]).toList();

        assertThat(berthModules).containsExactlyInAnyOrder(
                "berth-core", "berth-docker", "berth-aws", "berth-junit-jupiter");
        assertThat(berth.keySet())
                .as("listings of Berth's build under %s (build Berth first: mvn install)",
                        System.getProperty("berth.build.directory"))
                .containsAll(berthModules);
    }

    @Test
    void berthsModules_resolvedOneVersionOfEachLibrary() {
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> disagreements = new ArrayList<>();
        berthListingsOfTheClasspath().forEach((module, listing) -> listing.versions().forEach((key, version) -> {
            String earlier = seen.putIfAbsent(key, version);
            if (earlier != null && !earlier.equals(version)) {
                disagreements.add(key + ": " + earlier + " and, in " + module + ", " + version);
            }
        }));

        assertThat(disagreements).isEmpty();
    }

    @Test
    void thisProject_resolvesEveryLibraryAtTheVersionBerthWasTestedWith() {
        List<String> differences = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        berthListingsOfTheClasspath().forEach((module, listing) -> listing.versions().forEach((key, version) -> {
            String mine = consumer.versions().get(key);
            if (mine == null) {
                if (!listing.optional().contains(key)) {
                    missing.add(key + " (" + module + ")");
                }
            } else if (!mine.equals(version)) {
                differences.add(key + ": Berth's " + module + " was tested with " + version + ", this project has "
                        + mine);
            }
        }));
        printWatchedTable();

        assertThat(differences).isEmpty();
        assertThat(missing).isEmpty();
    }

    private static Map<String, ResolvedVersions> berthListingsOfTheClasspath() {
        Map<String, ResolvedVersions> onClasspath = new LinkedHashMap<>();
        berth.forEach((module, listing) -> {
            if (consumer.versions().containsKey("dev.berth:" + module + ":jar")) {
                onClasspath.put(module, listing);
            }
        });
        return onClasspath;
    }

    private static void printWatchedTable() {
        StringBuilder table = new StringBuilder("| library | Berth's build | this project |\n|---|---|---|\n");
        for (String key : WATCHED) {
            String tested = berthListingsOfTheClasspath().values().stream().map(l -> l.versions().get(key))
                    .filter(v -> v != null).findFirst().orElse("-");
            table.append("| ").append(key.replaceFirst(":jar$", "")).append(" | ").append(tested).append(" | ")
                    .append(consumer.versions().getOrDefault(key, "-")).append(" |\n");
        }
        System.out.println(table);
    }
}
