package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.json.EcsTaskDefinitionJson;
import dev.berth.model.TaskDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every task-definition file shipped with the examples, and every one the other modules' tests read by file name,
 * reads strictly ({@link EcsTaskDefinitionJson#create()}: no unknown field dropped) and round-trips. (Core's own
 * fixtures are checked by its {@code EcsTaskDefinitionJsonFixturesTest}.)
 */
class TaskDefinitionFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> DIRECTORIES = List.of("examples/src/main/resources",
            "examples/src/test/resources", "junit-jupiter/src/test/resources", "docker-backend/src/test/resources",
            "aws-backend/src/test/resources");

    private final EcsTaskDefinitionJson json = EcsTaskDefinitionJson.create();

    static List<Path> taskDefinitionFiles() {
        return DIRECTORIES.stream().map(ROOT::resolve).filter(Files::isDirectory)
                .flatMap(TaskDefinitionFilesTest::jsonFiles)
                .filter(TaskDefinitionFilesTest::isTaskDefinition)
                .sorted().toList();
    }

    static Stream<Named<Path>> files() {
        return taskDefinitionFiles().stream().map(f -> Named.of(ROOT.relativize(f).toString(), f));
    }

    @Test
    void files_includeTheBundledExample() {
        assertThat(taskDefinitionFiles()).contains(ROOT.resolve("examples/src/main/resources/ecs/hello-web.json"),
                ROOT.resolve("examples/src/test/resources/greeter-task.json"),
                ROOT.resolve("junit-jupiter/src/test/resources/web-task.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void read_strictly_roundTrips(Path file) {
        TaskDefinition definition = json.read(file);

        assertThat(json.read(json.write(definition))).isEqualTo(definition);
    }

    private static Stream<Path> jsonFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.toString().endsWith(".json")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isTaskDefinition(Path file) {
        try {
            return Files.readString(file).contains("\"containerDefinitions\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
