package dev.berth.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture under {@code task-definitions/} parses, validates and round-trips exactly. */
class EcsTaskDefinitionJsonFixturesTest {

    private final EcsTaskDefinitionJson json = EcsTaskDefinitionJson.create();

    static List<Path> fixtureFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(EcsTaskDefinitionJsonFixturesTest.class.getResource("/task-definitions").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    static Stream<Named<Path>> fixtures() throws IOException, URISyntaxException {
        return fixtureFiles().stream().map(f -> Named.of(f.getFileName().toString(), f));
    }

    static Stream<Named<Path>> describeFixtures() throws IOException, URISyntaxException {
        return fixtures().filter(f -> f.getName().startsWith("describe-") || f.getName().startsWith("moto-"));
    }

    @Test
    void fixtures_whenListed_areAtLeastFifteen() throws IOException, URISyntaxException {
        assertThat(fixtureFiles()).hasSizeGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void read_whenWrittenAndReadAgain_givesAnEqualTaskDefinition(Path fixture) {
        TaskDefinition td = json.read(fixture);

        assertThat(json.read(json.write(td))).isEqualTo(td);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void write_whenRepeatedOnWhatItRead_isStable(Path fixture) {
        String written = json.write(json.read(fixture));

        assertThat(json.write(json.read(written))).isEqualTo(written);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("describeFixtures")
    void readRegistered_whenWrittenAndReadAgain_givesAnEqualRevision(Path fixture) {
        RegisteredTaskDefinition registered = json.readRegistered(fixture);
        String written = json.writeRegistered(registered);

        assertThat(json.readRegistered(written)).isEqualTo(registered);
        assertThat(json.writeRegistered(json.readRegistered(written))).isEqualTo(written);
        assertThat(json.read(fixture)).isEqualTo(registered.definition());
    }
}
