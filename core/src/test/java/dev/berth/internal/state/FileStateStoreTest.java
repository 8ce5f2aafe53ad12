package dev.berth.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cluster.ClusterRecord;
import dev.berth.cluster.ClusterStatus;
import dev.berth.cluster.InstanceRegistration;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.model.ArnScope;
import dev.berth.model.InstanceStatus;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.model.TaskDefinitionStatus;
import dev.berth.reconciler.ServiceState;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceSpec;
import dev.berth.testing.MutableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-backed stores: restarts, damaged files, the lock, failed writes and concurrent writers. */
class FileStateStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(T0);

    private static TaskDefinition web(int memoryMiB) {
        return TaskDefinition.builder("web")
                .container(c -> c.name("app").image("busybox:stable").memoryMiB(memoryMiB))
                .build();
    }

    private static ServiceState service(String name, RegisteredTaskDefinition revision) {
        return ServiceState.create("dev", ServiceSpec.builder(name, revision.ref()).desiredCount(1).build(), revision,
                T0);
    }

    private static RegisteredTaskDefinition revision() {
        return new RegisteredTaskDefinition(ArnScope.local().taskDefinitionArn("web", 1), 1,
                TaskDefinitionStatus.ACTIVE, web(64), T0, Optional.empty());
    }

    private Path serviceFile(String name) {
        return dir.resolve("services").resolve("dev").resolve(name + ".json");
    }

    @Test
    void reopen_afterRestart_keepsClustersServicesAndRevisionsAndNumberingContinues() {
        ServiceState web;
        try (StateDirectory state = StateDirectory.open(dir)) {
            FileStateStore store = FileStateStore.open(state);
            TaskDefinitionStore revisions = FileTaskDefinitions.open(state, clock, ArnScope.local());
            store.createCluster(ClusterRecord.create("dev", T0));
            store.updateCluster("dev", c -> c.with(InstanceRegistration.active("i-1")
                    .withStatus(InstanceStatus.DRAINING).withAttributes(Map.of("stack", "blue"))));
            RegisteredTaskDefinition first = revisions.register(web(64));
            revisions.register(web(128));
            revisions.register(web(256));
            clock.advance(Duration.ofMinutes(1));
            revisions.deregister(TaskDefinitionRef.of("web", 2));
            revisions.deregister(TaskDefinitionRef.of("web", 3));
            revisions.delete(List.of(TaskDefinitionRef.of("web", 3)));
            web = service("web", first).withEvent(new ServiceEvent(T0, ServiceEvent.Kind.SERVICE_STEADY_STATE,
                    "service (web) has reached a steady state."));
            store.createService(web);
        }

        try (StateDirectory state = StateDirectory.open(dir)) {
            FileStateStore store = FileStateStore.open(state);
            TaskDefinitionStore revisions = FileTaskDefinitions.open(state, clock, ArnScope.local());

            assertThat(store.cluster("dev").orElseThrow().registration("i-1").status())
                    .isEqualTo(InstanceStatus.DRAINING);
            assertThat(store.service("dev", "web")).contains(web);
            assertThat(revisions.describe(TaskDefinitionRef.parse("web:2")).status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
            assertThat(revisions.describe(TaskDefinitionRef.parse("web:2")).deregisteredAt()).contains(T0.plus(Duration.ofMinutes(1)));
            assertThat(revisions.describe(TaskDefinitionRef.parse("web:3")).status()).isEqualTo(TaskDefinitionStatus.DELETE_IN_PROGRESS);
            assertThat(revisions.describe(TaskDefinitionRef.parse("web")).revision()).isEqualTo(1);
            assertThat(revisions.register(web(512)).revision()).as("numbers are never reused").isEqualTo(4);
        }
    }

    @Test
    void open_whenAFileIsTruncated_refusesNamingTheFileAndKeepsTheBackup() throws IOException {
        try (StateDirectory state = StateDirectory.open(dir)) {
            FileStateStore store = FileStateStore.open(state);
            store.createService(service("web", revision()));
            store.updateService("dev", "web", s -> s.withSpec(s.spec().withDesiredCount(3)));
        }
        Path file = serviceFile("web");
        Path backup = dir.resolve("services").resolve("dev").resolve("web.json.bak");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        try (StateDirectory state = StateDirectory.open(dir)) {
            assertThatThrownBy(() -> FileStateStore.open(state))
                    .isInstanceOf(BerthException.class)
                    .hasMessageContaining(file.toRealPath() + " is truncated or corrupt")
                    .hasMessageContaining("refuses to start")
                    .hasMessageContaining("previous version is kept in " + backup.toRealPath());
        }
        assertThat(backup).exists();
        try (StateDirectory state = StateDirectory.open(dir)) {
            Files.copy(backup, file, StandardCopyOption.REPLACE_EXISTING);
            assertThat(FileStateStore.open(state).service("dev", "web").orElseThrow().spec().desiredCount())
                    .as("the backup is the version before the last write").isEqualTo(1);
        }
    }

    @Test
    void open_whenAFileWithoutBackupIsCorrupt_refusesAndSaysThereIsNoBackup() throws IOException {
        try (StateDirectory state = StateDirectory.open(dir)) {
            FileTaskDefinitions.open(state, clock, ArnScope.local()).register(web(64));
        }
        Path file = dir.resolve("task-definitions").resolve("web.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"family\": \"web\", \"lastRevision\": \"one\"}");

        try (StateDirectory state = StateDirectory.open(dir)) {
            assertThatThrownBy(() -> FileTaskDefinitions.open(state, clock, ArnScope.local()))
                    .isInstanceOf(BerthException.class)
                    .hasMessageContaining(file.toRealPath().toString())
                    .hasMessageContaining("'lastRevision' must be an integer")
                    .hasMessageContaining("There is no backup");
        }
    }

    @Test
    void open_whenEmptyFileLeftByACrash_refusesRatherThanStartingEmpty() throws IOException {
        try (StateDirectory state = StateDirectory.open(dir)) {
            FileStateStore.open(state).createCluster(ClusterRecord.create("dev", T0));
        }
        Files.write(dir.resolve("clusters").resolve("dev.json"), new byte[0]);

        try (StateDirectory state = StateDirectory.open(dir)) {
            assertThatThrownBy(() -> FileStateStore.open(state)).hasMessageContaining("it is empty");
        }
    }

    @Test
    void open_afterACrashMidWrite_dropsTheTemporaryFileAndKeepsTheRecord() throws IOException {
        ServiceState web = service("web", revision());
        try (StateDirectory state = StateDirectory.open(dir)) {
            FileStateStore.open(state).createService(web);
        }
        Path temp = dir.resolve("services").resolve("dev").resolve("web.json.tmp");
        Files.writeString(temp, "{\"formatVersion\": 1, \"clus");

        try (StateDirectory state = StateDirectory.open(dir)) {
            assertThat(FileStateStore.open(state).service("dev", "web")).contains(web);
        }
        assertThat(temp).doesNotExist();
    }

    @Test
    void open_whenABackupOutlivesItsRecord_refusesNamingBoth() throws IOException {
        try (StateDirectory state = StateDirectory.open(dir)) {
            FileStateStore store = FileStateStore.open(state);
            store.createCluster(ClusterRecord.create("dev", T0));
            store.updateCluster("dev", c -> c.withStatus(ClusterStatus.INACTIVE));
        }
        Path file = dir.resolve("clusters").resolve("dev.json");
        Files.delete(file);

        try (StateDirectory state = StateDirectory.open(dir)) {
            assertThatThrownBy(() -> FileStateStore.open(state))
                    .hasMessageContaining(file.getFileName() + " is missing, but its backup")
                    .hasMessageContaining("dev.json.bak");
        }
    }

    @Test
    void open_whenAnotherStoreOfThisProcessHoldsTheDirectory_isRefusedNamingDirectoryAndPid() throws IOException {
        try (StateDirectory first = StateDirectory.open(dir)) {
            assertThatThrownBy(() -> StateDirectory.open(dir))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining(dir.toRealPath().toString())
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            assertThat(first.root()).isEqualTo(dir.toRealPath());
        }
        StateDirectory.open(dir).close();
    }

    @Test
    void open_whenAnotherProcessHoldsTheDirectory_isRefusedNamingItsPid() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
            assertThat(line).isEqualTo("locked");

            assertThatThrownBy(() -> StateDirectory.open(dir))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining(dir.toRealPath().toString())
                    .hasMessageContaining("in use by process " + holder.pid());
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        StateDirectory.open(dir).close();
    }

    /** Holds a state directory's lock in another process until its standard input closes. */
    public static final class LockHolder {
        public static void main(String[] args) throws IOException {
            StateDirectory held = StateDirectory.open(Path.of(args[0]));
            try {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the test to close our input
                }
            } finally {
                held.close();
            }
        }
    }

    @Test
    void update_whenTheDiskIsFull_failsAndKeepsThePreviousState() {
        AtomicBoolean full = new AtomicBoolean();
        StateDirectory.ContentWriter disk = (file, content) -> {
            if (full.get()) {
                throw new IOException("No space left on device");
            }
            Files.write(file, content);
        };
        ServiceState web = service("web", revision());
        try (StateDirectory state = StateDirectory.open(dir, disk)) {
            FileStateStore store = FileStateStore.open(state);
            TaskDefinitionStore revisions = FileTaskDefinitions.open(state, clock, ArnScope.local());
            store.createService(web);
            revisions.register(web(64));
            full.set(true);

            assertThatThrownBy(() -> store.updateService("dev", "web", s -> s.withSpec(s.spec().withDesiredCount(5))))
                    .isInstanceOf(BerthException.class)
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining("still holds the previous state");
            assertThatThrownBy(() -> revisions.register(web(128))).hasMessageContaining("No space left on device");
            assertThatThrownBy(() -> store.createCluster(ClusterRecord.create("dev", T0)))
                    .hasMessageContaining("No space left on device");

            assertThat(store.service("dev", "web")).contains(web);
            assertThat(store.cluster("dev")).isEmpty();
            assertThat(revisions.describe(TaskDefinitionRef.parse("web")).revision()).isEqualTo(1);
            full.set(false);
            assertThat(revisions.register(web(128)).revision()).as("the failed registration used no number")
                    .isEqualTo(2);
        }
        try (StateDirectory state = StateDirectory.open(dir)) {
            assertThat(FileStateStore.open(state).service("dev", "web")).contains(web);
        }
    }

    @Test
    void delete_whenOneOfSeveralFamiliesCannotBeWritten_changesNoFamily() {
        AtomicBoolean fullForB = new AtomicBoolean();
        StateDirectory.ContentWriter disk = (file, content) -> {
            if (fullForB.get() && file.getFileName().toString().startsWith("b.json")) {
                throw new IOException("No space left on device");
            }
            Files.write(file, content);
        };
        try (StateDirectory state = StateDirectory.open(dir, disk)) {
            TaskDefinitionStore revisions = FileTaskDefinitions.open(state, clock, ArnScope.local());
            for (String family : List.of("a", "b")) {
                revisions.register(web(64).toBuilder().family(family).build());
                revisions.deregister(TaskDefinitionRef.of(family, 1));
            }
            fullForB.set(true);

            assertThatThrownBy(() -> revisions.delete(List.of(TaskDefinitionRef.of("a", 1),
                    TaskDefinitionRef.of("b", 1)))).hasMessageContaining("No space left on device");

            assertThat(revisions.describe(TaskDefinitionRef.parse("a:1")).status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        }
        try (StateDirectory state = StateDirectory.open(dir)) {
            TaskDefinitionStore reopened = FileTaskDefinitions.open(state, clock, ArnScope.local());
            assertThat(reopened.describe(TaskDefinitionRef.parse("a:1")).status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
            assertThat(reopened.describe(TaskDefinitionRef.parse("b:1")).status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        }
    }

    @Test
    void update_fromManyThreadsOnDifferentServices_losesNothing() throws Exception {
        int services = 16;
        int updatesEach = 25;
        try (StateDirectory state = StateDirectory.open(dir)) {
            FileStateStore store = FileStateStore.open(state);
            for (int i = 0; i < services; i++) {
                store.createService(service("svc" + i, revision()).withSpec(
                        ServiceSpec.builder("svc" + i, revision().ref()).desiredCount(0).build()));
            }
            ExecutorService pool = Executors.newFixedThreadPool(services);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < services; i++) {
                String name = "svc" + i;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int u = 0; u < updatesEach; u++) {
                        store.updateService("dev", name, s -> s.withSpec(s.spec()
                                .withDesiredCount(s.spec().desiredCount() + 1)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(store.services("dev")).extracting(s -> s.spec().desiredCount()).containsOnly(updatesEach);
        }
        try (StateDirectory state = StateDirectory.open(dir)) {
            assertThat(FileStateStore.open(state).services("dev")).hasSize(services)
                    .extracting(s -> s.spec().desiredCount()).containsOnly(updatesEach);
        }
    }

    @Test
    void removeCluster_deletesItsServicesAndBackups() throws IOException {
        try (StateDirectory state = StateDirectory.open(dir)) {
            FileStateStore store = FileStateStore.open(state);
            store.createCluster(ClusterRecord.create("dev", T0));
            store.createService(service("web", revision()));
            store.updateService("dev", "web", s -> s.withSpec(s.spec().withDesiredCount(2)));

            store.removeCluster("dev");

            assertThat(store.cluster("dev")).isEmpty();
            assertThat(store.services("dev")).isEmpty();
        }
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly("berth.lock");
        }
    }

    @Test
    void stem_keepsNamesThatDifferOnlyInCaseApartAndShort() {
        assertThat(StateDirectory.stem("web")).isEqualTo("web");
        assertThat(StateDirectory.stem("Web")).isNotEqualTo(StateDirectory.stem("web"))
                .isNotEqualToIgnoringCase(StateDirectory.stem("WEB"));
        assertThat(StateDirectory.stem("a".repeat(255)) + ".json.bak.tmp").hasSizeLessThanOrEqualTo(255);
    }

    @Test
    void open_whenAMixedCaseServiceIsStored_readsItBack() {
        ServiceState upper = service("Web", revision());
        try (StateDirectory state = StateDirectory.open(dir)) {
            FileStateStore store = FileStateStore.open(state);
            store.createService(upper);
            store.createService(service("web", revision()));
        }
        try (StateDirectory state = StateDirectory.open(dir)) {
            assertThat(FileStateStore.open(state).services("dev")).extracting(s -> s.spec().name())
                    .containsExactlyInAnyOrder("Web", "web");
        }
    }

    @Test
    void write_afterTheDirectoryIsClosed_isRefused() {
        StateDirectory state = StateDirectory.open(dir);
        FileStateStore store = FileStateStore.open(state);
        state.close();

        assertThatThrownBy(() -> store.createCluster(ClusterRecord.create("dev", T0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }
}
