package dev.berth.docker.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.berth.api.Berth;
import dev.berth.api.Service;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.RequiresDockerEngine;
import dev.berth.docker.internal.DockerClients;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.service.ServiceSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the state directory under a Berth on the real engine: a truncated, corrupt or emptied service file (Berth
 * refuses to start, names the file and keeps its backup, and never starts from empty), a second process on the same
 * directory (refused by the lock, naming the holder), and a full disk (a real tmpfs: the call fails and the stored
 * state stays as it was).
 */
@RequiresDockerEngine
class StateFaultsIT {

    private final String session = EngineTestBase.newSession("state");
    private final DockerBackendConfig config = FaultBerths.config(session);

    @TempDir
    Path dir;

    @AfterEach
    void removeWhatTheTestCreated() {
        try (DockerClients clients = DockerClients.open(config)) {
            FaultBerths.removeSession(clients, session);
        }
    }

    @Test
    void damagedServiceFile_berthRefusesToStartNamingTheFile_keepsTheBackup_andTheBackupRestoresTheService()
            throws IOException {
        Path state = dir.resolve("state");
        storeAServiceScaledTwice(state);
        Path file = serviceFile(state);
        Path backup = file.resolveSibling(file.getFileName() + ".bak");
        byte[] good = Files.readAllBytes(file);
        byte[] previous = Files.readAllBytes(backup);

        List<UnaryOperator<byte[]>> damages = List.of(
                bytes -> Arrays.copyOf(bytes, bytes.length / 2),
                bytes -> new byte[0],
                bytes -> "{\"not\": \"a service\"}".getBytes(StandardCharsets.UTF_8),
                bytes -> { byte[] copy = bytes.clone(); copy[copy.length / 3] = 0; return copy; });
        for (UnaryOperator<byte[]> damage : damages) {
            Files.write(file, damage.apply(good));
            Throwable refused = catchThrowable(() -> FaultBerths.open(config, state).close());
            assertThat(refused).as("opening over a damaged %s", file).isInstanceOf(BerthException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining(backup.toString())
                    .hasMessageContaining("refuses to start");
            assertThat(Files.readAllBytes(backup)).as("the backup after a refused start").isEqualTo(previous);
        }
        System.out.println("StateFaultsIT: " + damages.size() + " damaged state files refused; e.g. "
                + catchThrowable(() -> FaultBerths.open(config, state).close()).getMessage());

        Files.copy(backup, file, StandardCopyOption.REPLACE_EXISTING);
        try (Berth berth = FaultBerths.open(config, state)) {
            Service web = berth.clusters().get(session).orElseThrow().services().get("web").orElseThrow();
            assertThat(web.describe().desiredCount()).as("the service as the backup held it").isBetween(1, 2);
        }
    }

    @Test
    void secondProcessOnTheSameStateDirectory_isRefusedByTheLockNamingTheHolder() throws Exception {
        Path state = dir.resolve("state");
        storeAServiceScaledTwice(state);
        try (ChildJvm holder = ChildJvm.start(StateHolder.class, dir.resolve("holder.log"), state.toString(),
                session)) {
            FaultBerths.awaitTrue("the other process to open its Berth", Duration.ofMinutes(1),
                    () -> holder.output().contains(StateHolder.OPEN) || !holder.isAlive());
            assertThat(holder.output()).contains(StateHolder.OPEN);

            Throwable refused = catchThrowable(() -> FaultBerths.open(config, state).close());
            System.out.println("StateFaultsIT: second process refused: " + refused.getMessage());
            assertThat(refused).isInstanceOf(ConflictException.class)
                    .hasMessageContaining(state.toRealPath().toString())
                    .hasMessageContaining("process " + holder.pid());

            holder.closeInput();
            assertThat(holder.await(Duration.ofMinutes(1))).isZero();
        }
        try (Berth berth = FaultBerths.open(config, state)) {
            assertThat(berth.clusters().get(session)).as("the cluster, once the holder is gone").isPresent();
        }
    }

    @Test
    void fullDisk_failsTheCall_andTheStoredStateStaysAsItWas() throws Exception {
        Path mount = dir.resolve("tmpfs");
        Files.createDirectories(mount);
        mountTmpfs(mount, "1m");
        try {
            Path state = mount.resolve("state");
            try (Berth berth = FaultBerths.open(config, state)) {
                RegisteredTaskDefinition v1 = berth.taskDefinitions().register(FaultBerths.sleeper("fault-full",
                        "v1"));
                Service web = berth.clusters().create(session).services().create(ServiceSpec.builder("web",
                        v1.ref()).desiredCount(1).build());
                byte[] before = Files.readAllBytes(serviceFile(state));

                fill(mount.resolve("filler"));
                Throwable failed = catchThrowable(() -> web.scale(2));
                System.out.println("StateFaultsIT: scale on a full disk: " + failed.getMessage());
                assertThat(failed).isInstanceOf(BerthException.class).hasMessageContaining(serviceFile(state)
                        .toString()).hasMessageContaining("Nothing was changed");
                assertThat(web.describe().desiredCount()).as("desired count after the failed call").isEqualTo(1);
                assertThat(Files.readAllBytes(serviceFile(state))).as("the service file").isEqualTo(before);
                assertThat(catchThrowable(() -> berth.taskDefinitions().register(FaultBerths.sleeper("fault-full",
                        "v2")))).as("registering on a full disk").isInstanceOf(BerthException.class);

                Files.delete(mount.resolve("filler"));
                web.scale(2);
                assertThat(web.describe().desiredCount()).as("after space was freed").isEqualTo(2);
            }
            try (Berth berth = FaultBerths.open(config, state)) {
                Service web = berth.clusters().get(session).orElseThrow().services().get("web").orElseThrow();
                assertThat(web.describe().desiredCount()).isEqualTo(2);
                assertThat(berth.taskDefinitions().list("fault-full", TaskDefinitionStatus.ACTIVE)).as("revisions").hasSize(1);
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    /** Stores a cluster and service {@code web} at desired count 1, then 2, so that its file has a backup. */
    private void storeAServiceScaledTwice(Path state) {
        try (Berth berth = FaultBerths.open(config, state)) {
            RegisteredTaskDefinition v1 = berth.taskDefinitions().register(FaultBerths.sleeper("fault-state", "v1"));
            Service web = berth.clusters().create(session).services().create(ServiceSpec.builder("web", v1.ref())
                    .desiredCount(0).build());
            web.scale(1);
            web.scale(2);
        }
    }

    private static Path serviceFile(Path state) throws IOException {
        try (Stream<Path> files = Files.walk(state.resolve("services"))) {
            return files.filter(p -> p.getFileName().toString().equals("web.json")).findFirst().orElseThrow();
        }
    }

    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE_NEW)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // the disk is full: what the test wanted
        }
    }

    private static void mountTmpfs(Path mount, String size) throws Exception {
        String failure = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", mount.toString());
        if (failure.isEmpty()) {
            return;
        }
        String why = "cannot mount a tmpfs to fill (needs root): " + failure;
        if (Boolean.getBoolean("require.docker")) {
            throw new IllegalStateException(why + " (require.docker=true makes this a failure)");
        }
        Assumptions.abort(why);
    }

    /** @return empty if the command succeeded, else its output */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out: " + String.join(" ", command);
        }
        return p.exitValue() == 0 ? "" : "'" + String.join(" ", command) + "' exited " + p.exitValue() + ": "
                + output;
    }
}
