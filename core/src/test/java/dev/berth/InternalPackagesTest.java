package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package that is not Berth's API ({@link ArchitectureTest#INTERNAL}) says so in its package-info, so that a
 * reader of the sources or the javadoc sees the marker where the types are.
 */
class InternalPackagesTest {

    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void everyInternalPackageSaysSoInItsPackageInfo() throws IOException {
        List<Path> internal;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            internal = files.filter(p -> p.getFileName().toString().endsWith(".java"))
                    .map(Path::getParent).distinct()
                    .filter(dir -> isInternal(SOURCES.relativize(dir).toString().replace('/', '.')))
                    .toList();
        }

        assertThat(internal).as("internal packages").isNotEmpty().allSatisfy(dir -> {
            Path info = dir.resolve("package-info.java");
            assertThat(info).exists();
            assertThat(Files.readString(info)).as(info.toString()).contains("Internal:")
                    .containsPattern("Not (part of Berth's API|an API)");
        });
    }

    private static boolean isInternal(String pkg) {
        return List.of(pkg.split("\\.")).contains("internal") || pkg.startsWith("dev.berth.runtime")
                || pkg.startsWith("dev.berth.reconciler");
    }
}
