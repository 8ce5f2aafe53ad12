package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import dev.berth.docker.internal.ContainerObservation;
import dev.berth.docker.internal.DockerClients;
import dev.berth.docker.internal.TaskObservation;
import dev.berth.model.DependencyCondition;
import dev.berth.model.Device;
import dev.berth.model.DockerVolumeConfiguration;
import dev.berth.model.EfsVolumeConfiguration;
import dev.berth.model.EnvironmentFile;
import dev.berth.model.FirelensConfiguration;
import dev.berth.model.LinuxParameters;
import dev.berth.model.LogConfiguration;
import dev.berth.model.MountPoint;
import dev.berth.model.TaskDefinition;
import dev.berth.model.Tmpfs;
import dev.berth.model.Volume;
import dev.berth.task.StopCode;
import dev.berth.task.TaskStatus;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The task-definition fields beyond the basics, run on the real engine as ECS runs them: task-scoped, shared and EFS
 * volumes, bind and read-only mounts, volumesFrom, Linux parameters, kernel parameters and security options,
 * hostnames and DNS, a read-only root, PID and IPC sharing, environment files, and FireLens with a
 * router that receives the forward protocol.
 */
class DockerTaskDefinitionFieldsIT extends EngineTestBase {

    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final String MAPPED_EFS = "fs-0123456789abcdef0";
    private Path files;

    @Override
    protected DockerBackendConfig configure(DockerBackendConfig discovered) {
        try {
            files = Files.createTempDirectory("berth-files-");
            Files.createDirectories(files.resolve("config-bucket"));
            Files.writeString(files.resolve("config-bucket/app.env"), "# settings\nGREETING=from-file\nLEVEL=info\n");
            Files.createDirectories(files.resolve("efs/exports"));
            Files.writeString(files.resolve("efs/exports/motd"), "from the mapped directory\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return super.configure(discovered).toBuilder().fileResolver(FileResolver.directory(files))
                .efsDirectory(MAPPED_EFS, files.resolve("efs").toString()).build();
    }

    @BeforeAll
    void buildTheRouter() throws Exception {
        try (DockerClients clients = DockerClients.open(config)) {
            FluentReceiverImage.ensureBuilt(clients);
        }
    }

    @AfterAll
    void removeTheFiles() throws Exception {
        try (var paths = Files.walk(files)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static TaskDefinition.Builder task(String family) {
        return TaskDefinition.builder(family);
    }

    /** Starts the task and waits until its container {@code name} has exited; @return that container */
    private ContainerObservation runToExit(TaskDefinition definition, String name) {
        TaskObservation task = engine.start(request(definition));
        TaskObservation done = await(task.taskId(), EXIT, t -> t.container(name)
                .filter(c -> c.status() == TaskStatus.STOPPED).isPresent());
        lastTaskId = done.taskId();
        return done.container(name).orElseThrow();
    }

    private String lastTaskId;

    private List<String> logs(String container) {
        return engine.logs(lastTaskId, container, 200);
    }

    @Test
    void taskScopedVolume_initContainerWritesTheFile_theAppServesIt_andTheVolumeGoesWithTheTask() throws Exception {
        TaskDefinition site = task("static-site").volume(Volume.taskScoped("content"))
                .container(c -> c.name("init").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .mountPoint("content", "/content")
                        .command("sh", "-c", "echo 'release 42' > /content/index.html"))
                .container(c -> c.name("web").image(TestImages.BUSYBOX).memoryMiB(32).portMapping(8080)
                        .dependsOn("init", DependencyCondition.SUCCESS)
                        .mountPoint(new MountPoint("content", "/www", true))
                        .command("httpd", "-f", "-p", "8080", "-h", "/www"))
                .build();

        TaskObservation task = engine.start(request(site));
        int port = await(task.taskId(), EXIT, t -> t.hostPort("web", 8080).isPresent()).hostPort("web", 8080)
                .orElseThrow();

        assertThat(httpGet("http://" + config.endpointHost() + ":" + port + "/index.html")).isEqualTo("release 42\n");
        try (DockerClients clients = DockerClients.open(config)) {
            assertThat(volumesWith(clients, "dev.berth.task=" + task.taskId())).extracting(InspectVolumeResponse::getName)
                    .containsExactly("berth-" + task.taskId() + "-content");
            engine.stop(task.taskId(), StopCode.USER_INITIATED, "done");
            engine.remove(task.taskId());
            assertThat(volumesWith(clients, "dev.berth.task=" + task.taskId())).isEmpty();
        }
    }

    @Test
    void sharedDockerVolume_survivesItsTask_andTheNextTaskSeesWhatItWrote() {
        String volume = "berth-it-shared-" + UUID.randomUUID().toString().substring(0, 8);
        Volume shared = Volume.docker(volume, DockerVolumeConfiguration.shared(true)
                .withLabels(Map.of(SESSION_LABEL, session)));
        TaskDefinition writer = task("writer").volume(shared).container(c -> c.name("app").image(TestImages.BUSYBOX)
                .memoryMiB(16).mountPoint(volume, "/data").command("sh", "-c", "echo kept > /data/note")).build();
        TaskDefinition reader = task("reader").volume(shared).container(c -> c.name("app").image(TestImages.BUSYBOX)
                .memoryMiB(16).mountPoint(volume, "/data").command("cat", "/data/note")).build();

        assertThat(runToExit(writer, "app").exitCode()).hasValue(0);
        engine.remove(lastTaskId);
        ContainerObservation read = runToExit(reader, "app");

        assertThat(read.exitCode()).hasValue(0);
        assertThat(logs("app")).containsExactly("kept");
    }

    @Test
    void sharedDockerVolume_withoutAutoprovisionAndMissing_failsTheStartNamingIt() {
        String volume = "berth-it-absent-" + UUID.randomUUID().toString().substring(0, 8);
        TaskDefinition td = task("absent").volume(Volume.docker(volume, DockerVolumeConfiguration.shared(false)))
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).mountPoint(volume, "/data")
                        .command("true")).build();

        TaskObservation task = engine.start(request(td));

        assertThat(task.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(task.stoppedReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("ResourceInitializationError: failed to create a volume")
                .contains("'" + volume + "'").contains("autoprovision is false"));
    }

    @Test
    void efsVolume_isANamedLocalVolumeSharedByTasksNamingTheSameFileSystemAndRoot_andOutlivesThem() {
        String fileSystem = "fs-" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
        Volume efs = Volume.efs("shared-efs", EfsVolumeConfiguration.of(fileSystem).withRootDirectory("/uploads"));
        TaskDefinition writer = task("efs-writer").volume(efs).container(c -> c.name("app")
                .image(TestImages.BUSYBOX).memoryMiB(16).mountPoint("shared-efs", "/mnt/efs")
                .command("sh", "-c", "echo uploaded > /mnt/efs/file")).build();
        TaskDefinition reader = task("efs-reader").volume(efs).container(c -> c.name("app")
                .image(TestImages.BUSYBOX).memoryMiB(16).mountPoint("shared-efs", "/data")
                .command("cat", "/data/file")).build();
        TaskDefinition otherRoot = task("efs-other-root")
                .volume(Volume.efs("shared-efs", EfsVolumeConfiguration.of(fileSystem).withRootDirectory("/other")))
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .mountPoint("shared-efs", "/data")
                        .command("sh", "-c", "[ -e /data/file ] && echo present || echo absent")).build();

        try (DockerClients clients = DockerClients.open(config)) {
            try {
                assertThat(runToExit(writer, "app").exitCode()).hasValue(0);
                engine.remove(lastTaskId);
                assertThat(runToExit(reader, "app").exitCode()).hasValue(0);
                assertThat(logs("app")).containsExactly("uploaded");
                engine.remove(lastTaskId);
                runToExit(otherRoot, "app");
                assertThat(logs("app")).as("another root directory is another volume").containsExactly("absent");
                engine.remove(lastTaskId);

                assertThat(volumesWith(clients, "dev.berth.efs")).extracting(InspectVolumeResponse::getLabels)
                        .filteredOn(labels -> labels.get("dev.berth.efs").startsWith(fileSystem + ":"))
                        .extracting(labels -> labels.get("dev.berth.efs"))
                        .containsExactlyInAnyOrder(fileSystem + ":/uploads", fileSystem + ":/other");
            } finally {
                for (InspectVolumeResponse v : volumesWith(clients, "dev.berth.efs")) {
                    if (v.getLabels().get("dev.berth.efs").startsWith(fileSystem + ":")) {
                        clients.calls().removeVolumeCmd(v.getName()).exec();
                    }
                }
            }
        }
    }

    @Test
    void efsVolume_ofAFileSystemMappedToADirectory_mountsThatDirectoryAndItsRoot() {
        TaskDefinition td = task("efs-mapped")
                .volume(Volume.efs("efs", EfsVolumeConfiguration.of(MAPPED_EFS).withRootDirectory("/exports")))
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .mountPoint(new MountPoint("efs", "/mnt/efs", true)).command("cat", "/mnt/efs/motd"))
                .build();

        assertThat(runToExit(td, "app").exitCode()).hasValue(0);

        assertThat(logs("app")).containsExactly("from the mapped directory");
    }

    @Test
    void readOnlyMountAndReadOnlyRoot_refuseWrites_whileAWritableMountAndTmpfsTakeThem() {
        TaskDefinition td = task("read-only").volume(Volume.taskScoped("data"))
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .mountPoint(new MountPoint("data", "/ro", true)).mountPoint("data", "/rw")
                        .readonlyRootFilesystem(true)
                        .linuxParameters(LinuxParameters.builder().tmpfs(new Tmpfs("/scratch", 16, List.of()))
                                .build())
                        .command("sh", "-c", "touch /ro/x 2>&1; echo ro=$?; touch /root-file 2>&1; echo root=$?;"
                                + " touch /rw/x; echo rw=$?; touch /scratch/x; echo tmpfs=$?"))
                .build();

        runToExit(td, "app");

        assertThat(logs("app")).contains("ro=1", "root=1", "rw=0", "tmpfs=0")
                .anyMatch(line -> line.contains("Read-only file system"));
    }

    @Test
    void volumesFrom_mountsTheOtherContainersVolumesAtTheSamePaths() {
        TaskDefinition td = task("volumes-from").volume(Volume.taskScoped("templates"))
                .container(c -> c.name("templates").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .mountPoint("templates", "/templates")
                        .command("sh", "-c", "echo invoice-template > /templates/invoice.txt"))
                .container(c -> c.name("renderer").image(TestImages.BUSYBOX).memoryMiB(16)
                        .volumesFrom("templates", true).dependsOn("templates", DependencyCondition.SUCCESS)
                        .command("sh", "-c", "cat /templates/invoice.txt; touch /templates/new 2>/dev/null;"
                                + " echo write=$?"))
                .build();

        runToExit(td, "renderer");

        assertThat(logs("renderer")).containsExactly("invoice-template", "write=1");
    }

    @Test
    void initProcessEnabled_makesAPid1ThatIgnoresSigtermStopWellUnderItsStopTimeout() {
        // sleep installs no SIGTERM handler: as PID 1 it ignores SIGTERM; under Docker's init it is PID 2 and dies.
        TaskDefinition withInit = task("init-on").container(c -> c.name("app").image(TestImages.BUSYBOX)
                .memoryMiB(16).stopTimeout(Duration.ofSeconds(30)).command("sleep", "3600")
                .linuxParameters(LinuxParameters.builder().initProcessEnabled(true).build())).build();
        TaskDefinition withoutInit = task("init-off").container(c -> c.name("app").image(TestImages.BUSYBOX)
                .memoryMiB(16).stopTimeout(Duration.ofSeconds(4)).command("sleep", "3600")).build();

        Duration withInitStop = timeStop(withInit);
        Duration withoutInitStop = timeStop(withoutInit);

        assertThat(withInitStop).isLessThan(Duration.ofSeconds(15));
        assertThat(withoutInitStop).as("the control: without init, only SIGKILL after stopTimeout ends it")
                .isGreaterThanOrEqualTo(Duration.ofMillis(3500));
    }

    private Duration timeStop(TaskDefinition td) {
        TaskObservation task = engine.start(request(td));
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        Instant before = Instant.now();
        TaskObservation stopped = engine.stop(task.taskId(), StopCode.USER_INITIATED, "timing the stop")
                .orElseThrow();
        Duration took = Duration.between(before, Instant.now());
        assertThat(stopped.container("app").orElseThrow().status()).isEqualTo(TaskStatus.STOPPED);
        return took;
    }

    @Test
    void capabilities_droppedOnesAreAbsentFromTheProcess_andAddedOnesPresent() {
        TaskDefinition td = task("caps").container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                .linuxParameters(LinuxParameters.builder().dropCapability("NET_RAW").dropCapability("CHOWN")
                        .addCapability("NET_ADMIN").build())
                .command("grep", "CapEff", "/proc/self/status")).build();
        TaskDefinition control = task("caps-default").container(c -> c.name("app").image(TestImages.BUSYBOX)
                .memoryMiB(16).command("grep", "CapEff", "/proc/self/status")).build();

        runToExit(td, "app");
        BigInteger effective = capabilities(logs("app"));
        runToExit(control, "app");
        BigInteger defaults = capabilities(logs("app"));

        int chown = 0;
        int netAdmin = 12;
        int netRaw = 13;
        assertThat(defaults.testBit(chown)).isTrue();
        assertThat(defaults.testBit(netRaw)).isTrue();
        assertThat(defaults.testBit(netAdmin)).isFalse();
        assertThat(effective.testBit(chown)).isFalse();
        assertThat(effective.testBit(netRaw)).isFalse();
        assertThat(effective.testBit(netAdmin)).isTrue();
    }

    private static BigInteger capabilities(List<String> statusLines) {
        String line = statusLines.stream().filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow();
        return new BigInteger(line.substring("CapEff:".length()).strip(), 16);
    }

    @Test
    void sharedMemoryAndTmpfs_haveTheirSizesInTheContainer() {
        TaskDefinition td = task("shm").container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(64)
                .linuxParameters(LinuxParameters.builder().sharedMemorySizeMiB(128)
                        .tmpfs(new Tmpfs("/scratch", 16, List.of("noexec"))).build())
                .command("sh", "-c", "df -k /dev/shm /scratch | tail -n 2; grep ' /scratch ' /proc/mounts")).build();

        runToExit(td, "app");

        List<String> lines = logs("app");
        assertThat(lines.get(0)).matches("shm\\s+131072\\s.*/dev/shm");
        assertThat(lines.get(1)).matches("tmpfs\\s+16384\\s.*/scratch");
        assertThat(lines.get(2)).contains("noexec");
    }

    @Test
    void kernelAndSecurityOptions_sysctlsSwapDevicesNoNewPrivilegesAndNoNetwork_areWhatTheContainerSees() {
        TaskDefinition td = task("kernel-options").container(c -> c.name("app").image(TestImages.BUSYBOX)
                .memoryMiB(64).systemControl("net.core.somaxconn", "1024")
                .dockerSecurityOptions(List.of("no-new-privileges")).disableNetworking(true)
                .linuxParameters(LinuxParameters.builder().maxSwapMiB(32).swappiness(10)
                        .device(new Device("/dev/null", Optional.of("/dev/berth-null"),
                                List.of(Device.Permission.READ, Device.Permission.WRITE)))
                        .build())
                .command("sh", "-c", "echo somaxconn=$(cat /proc/sys/net/core/somaxconn);"
                        + " grep NoNewPrivs /proc/self/status;"
                        + " echo swappiness=$(cat /sys/fs/cgroup/memory/memory.swappiness);"
                        + " echo memsw=$(cat /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes);"
                        + " [ -c /dev/berth-null ] && echo device=char; echo interfaces=$(ls /sys/class/net)"))
                .build();

        runToExit(td, "app");

        assertThat(logs("app")).contains("somaxconn=1024", "swappiness=10",
                        "memsw=" + (64 + 32) * 1024 * 1024, "device=char", "interfaces=lo")
                .anyMatch(l -> l.matches("NoNewPrivs:\\s+1"));
    }

    @Test
    void hostnameExtraHostsAndDnsServers_areWhatTheContainerSees() {
        TaskDefinition td = task("names").container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                .hostname("ledger-01").extraHost("ldap.corp.internal", "10.20.0.15")
                .dnsServers(List.of("10.20.0.2")).dnsSearchDomains(List.of("corp.internal"))
                .command("sh", "-c", "hostname; grep ldap /etc/hosts; grep -E 'nameserver|search' /etc/resolv.conf"))
                .build();

        runToExit(td, "app");

        assertThat(logs("app")).contains("ledger-01").anyMatch(l -> l.matches("10\\.20\\.0\\.15\\s+ldap.corp.internal"))
                .contains("nameserver 10.20.0.2", "search corp.internal");
    }

    @Test
    void taskPidMode_letsTheSidecarSeeTheAppsProcesses() {
        TaskDefinition td = task("pid-task").pidMode("task")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16).command("sleep", "3601"))
                .container(c -> c.name("sidecar").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .dependsOn("app", DependencyCondition.START).command("sh", "-c", "ps -o args | grep -c '^sleep 3601'"))
                .build();

        runToExit(td, "sidecar");

        assertThat(logs("sidecar")).containsExactly("1");
    }

    @Test
    void taskIpcMode_letsTheSidecarReadTheAppsSharedMemory_andWithoutItTheSidecarHasItsOwn() {
        String writeThenSleep = "echo from-app > /dev/shm/marker; sleep 3602";
        String readWithin10s = "for i in $(seq 100); do [ -f /dev/shm/marker ] && exec cat /dev/shm/marker;"
                + " sleep 0.1; done; echo absent";
        TaskDefinition separate = task("ipc-none")
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .command("sh", "-c", writeThenSleep))
                .container(c -> c.name("sidecar").image(TestImages.BUSYBOX).memoryMiB(16).essential(false)
                        .dependsOn("app", DependencyCondition.START).command("sh", "-c", readWithin10s))
                .build();
        TaskDefinition shared = separate.toBuilder().family("ipc-task").ipcMode("task").build();

        runToExit(shared, "sidecar");
        assertThat(logs("sidecar")).containsExactly("from-app");
        runToExit(separate, "sidecar");
        assertThat(logs("sidecar")).containsExactly("absent");
    }

    @Test
    void environmentFiles_areReadThroughTheResolver_andTheEnvironmentWins() {
        TaskDefinition td = task("env-files").container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                .environmentFile(EnvironmentFile.s3("arn:aws:s3:::config-bucket/app.env")).environment("LEVEL", "debug")
                .command("sh", "-c", "echo $GREETING $LEVEL")).build();

        runToExit(td, "app");

        assertThat(logs("app")).containsExactly("from-file debug");
    }

    @Test
    void firelens_theAppsStdoutArrivesAtTheRouter_taggedAsTheAgentTagsIt() {
        TaskDefinition td = task("firelens")
                .container(c -> c.name("log_router").image(FluentReceiverImage.NAME).memoryMiB(32)
                        .firelensConfiguration(FirelensConfiguration.of(FirelensConfiguration.Type.FLUENTBIT)))
                .container(c -> c.name("app").image(TestImages.BUSYBOX).memoryMiB(16)
                        .logConfiguration(LogConfiguration.of("awsfirelens", Map.of("Name", "stdout")))
                        .command("sh", "-c", "echo order-1234 shipped; echo router=$FLUENT_HOST:$FLUENT_PORT;"
                                + " sleep 300"))
                .build();

        TaskObservation task = engine.start(request(td));
        String tag = "tag=app-firelens-" + task.taskId() + " ";
        await(task.taskId(), EXIT, t -> engine.logs(t.taskId(), "log_router", 50).stream()
                .filter(l -> l.startsWith(tag)).count() == 2);

        List<String> received = engine.logs(task.taskId(), "log_router", 50);
        assertThat(received).anyMatch(l -> l.startsWith(tag + "log=order-1234 shipped ") && l.contains("source=stdout"))
                .anyMatch(l -> l.startsWith(tag + "log=router=log_router:24224 "));
        ContainerObservation router = task.container("log_router").orElseThrow();
        ContainerObservation app = task.container("app").orElseThrow();
        assertThat(app.startedAt().orElseThrow()).isAfterOrEqualTo(router.startedAt().orElseThrow());
    }

    private static String httpGet(String uri) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build();
        Exception last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (java.io.IOException e) {
                last = e;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("no 200 from " + uri, last);
    }
}
