package dev.berth.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.inmemory.InMemoryBackend;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.service.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The state holds environment values: everything a Berth creates in its state directory is its owner's only. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class StateDirectoryPermissionsTest {

    @TempDir
    Path parent;

    @Test
    void stateDirectory_createdByBerth_isOwnerOnly_directories0700_files0600_backupsIncluded() throws IOException {
        Path state = parent.resolve("new").resolve("state");
        try (Berth berth = Berth.builder(InMemoryBackend.create(Clock.systemUTC())).stateDirectory(state).build()) {
            RegisteredTaskDefinition td = berth.taskDefinitions().register(TaskDefinition.builder("web")
                    .container(c -> c.name("app").image("busybox").memoryMiB(16).environment("TOKEN", "t0ken"))
                    .build());
            Service web = berth.clusters().create("dev").services().create(ServiceSpec.builder("web", td.ref())
                    .desiredCount(0).build());
            web.scale(1);
            web.scale(2);
        }

        List<Path> entries;
        try (Stream<Path> walk = Files.walk(parent.resolve("new"))) {
            entries = walk.toList();
        }
        assertThat(entries).as("files of the state directory").anyMatch(p -> p.toString().endsWith(".json.bak"))
                .anyMatch(p -> p.getFileName().toString().equals(StateDirectory.LOCK_FILE));
        for (Path entry : entries) {
            String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(entry));
            assertThat(permissions).as("permissions of %s", entry)
                    .isEqualTo(Files.isDirectory(entry) ? "rwx------" : "rw-------");
        }
    }
}
