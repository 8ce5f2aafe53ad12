package dev.berth.docker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.api.Berth;
import dev.berth.api.Cluster;
import dev.berth.api.Registry;
import dev.berth.api.Repository;
import dev.berth.docker.DockerBackend;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.EngineTestBase;
import dev.berth.docker.ImagePullPolicy;
import dev.berth.docker.TestImages;
import dev.berth.docker.internal.DockerClients;
import dev.berth.model.TaskDefinition;
import dev.berth.model.TaskDefinitionRef;
import dev.berth.progress.ImagePullProgress.State;
import dev.berth.progress.ImagePullProgress;
import dev.berth.progress.ProgressEvent;
import dev.berth.registry.ImageId;
import dev.berth.registry.RepositorySettings;
import dev.berth.spi.Subscription;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pull progress end to end, from the real registry: a task whose image has to be pulled (pull policy ALWAYS) reports
 * through {@code Berth.builder(..).progressListener(..)}, a {@code Repository.pull} through
 * {@code Registry.onProgress}; both end with a completed report. The image is the test image plus a layer of random
 * bytes unique to the test, pushed and then removed from the engine, so that the pull really downloads a layer.
 */
@RequiresRegistry
class PullProgressIT extends EngineTestBase {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final int LAYER_BYTES = 1_500_000;

    private Registry registry;
    private Repository repo;
    private String local;

    @Override
    protected DockerBackendConfig configure(DockerBackendConfig discovered) {
        return super.configure(discovered).toBuilder().label(SESSION_LABEL, session)
                .pullPolicy(ImagePullPolicy.ALWAYS).build();
    }

    @AfterEach
    void removeImageAndRepository() {
        if (repo != null) {
            try (DockerClients clients = DockerClients.open(config)) {
                removeImage(clients, repo.uri() + ":1");
                removeImage(clients, local);
            }
            registry.repositories().delete(repo.name(), true);
            repo = null;
        }
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    @Test
    void runTask_withPolicyAlways_reportsThePullEndingWithCompleted() {
        String image = pushFreshImage();
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();

        try (Berth berth = Berth.builder(DockerBackend.create(config)).progressListener(events::add).build()) {
            berth.taskDefinitions().register(TaskDefinition.builder("progress")
                    .container(c -> c.name("app").image(image).memoryMiB(16)
                            .command("sh", "-c", "trap 'exit 0' TERM; sleep 60 & wait"))
                    .build());
            Cluster tasksCluster = berth.clusters().create(cluster);
            Task task = tasksCluster.tasks().run(RunTaskRequest.builder(TaskDefinitionRef.latest("progress"))
                    .build()).tasks().get(0);
            tasksCluster.tasks().awaitRunning(List.of(task.taskId()), WAIT);
            awaitFinishedPull(events);
            tasksCluster.tasks().stop(task.taskId(), "test over");
            tasksCluster.tasks().awaitStopped(List.of(task.taskId()), WAIT);
        }

        assertPullReported(events, image);
    }

    @Test
    void repositoryPull_reportsThePullEndingWithCompleted() {
        String image = pushFreshImage();
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();

        Subscription subscription = registry.onProgress(events::add);
        try {
            repo.pull(ImageId.tag("1"));
            awaitFinishedPull(events);
        } finally {
            subscription.close();
        }

        assertPullReported(events, image);
    }

    /** @return the pushed image's reference in the registry; the engine does not have it */
    private String pushFreshImage() {
        registry = Registry.create(OciRegistryBackend.create(OciRegistryConfig.builder(
                TestRegistry.shared().registry().orElseThrow().endpoint(), config).build()));
        repo = registry.repositories().create("it/progress-" + session, RepositorySettings.defaults());
        local = "berth-test/progress-" + session + ":1";
        try (DockerClients clients = DockerClients.open(config)) {
            buildWithRandomLayer(clients, local);
            repo.push(local, "1");
            removeImage(clients, local);
        }
        return repo.uri() + ":1";
    }

    private static void assertPullReported(List<ProgressEvent> events, String image) {
        List<ImagePullProgress> pulls = events.stream().filter(ImagePullProgress.class::isInstance)
                .map(ImagePullProgress.class::cast).toList();
        assertThat(pulls).isNotEmpty().allSatisfy(p -> assertThat(p.image()).isEqualTo(image));
        assertThat(pulls.get(0).state()).isEqualTo(State.PULLING);
        ImagePullProgress last = pulls.get(pulls.size() - 1);
        assertThat(last.state()).isEqualTo(State.COMPLETED);
        assertThat(last.layersTotal()).isPositive().isEqualTo(last.layersDone());
        assertThat(last.bytesTotal()).as("the random layer's compressed size").isGreaterThan(LAYER_BYTES / 2);
        assertThat(last.bytesDone()).isEqualTo(last.bytesTotal());
        assertThat(pulls.subList(0, pulls.size() - 1)).extracting(ImagePullProgress::state).containsOnly(State.PULLING);
    }

    private static void buildWithRandomLayer(DockerClients clients, String tag) {
        try {
            Path context = Files.createTempDirectory("berth-progress-");
            byte[] noise = new byte[LAYER_BYTES];
            new Random().nextBytes(noise);
            Files.write(context.resolve("noise"), noise);
            Files.writeString(context.resolve("Dockerfile"), "FROM " + TestImages.BUSYBOX + "\nCOPY noise /noise\n");
            clients.calls().buildImageCmd(context.toFile()).withTags(Set.of(tag)).withPull(false)
                    .exec(new BuildImageResultCallback()).awaitImageId(60, TimeUnit.SECONDS);
            Files.delete(context.resolve("noise"));
            Files.delete(context.resolve("Dockerfile"));
            Files.delete(context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeImage(DockerClients clients, String reference) {
        try {
            clients.calls().removeImageCmd(reference).withForce(true).exec();
        } catch (NotFoundException e) {
            // not there (any more)
        }
    }

    /** Reports arrive on the engine's delivery thread, shortly after the pull itself returned. */
    private static void awaitFinishedPull(List<ProgressEvent> events) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (events.stream().noneMatch(e -> e instanceof ImagePullProgress p && p.finished())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no finished pull report within 10 s; got " + events);
            }
            sleep(Duration.ofMillis(50));
        }
    }
}
