package dev.berth.docker.registry;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.TestImages;
import dev.berth.docker.internal.DockerClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Local images of distinct content for pushing: {@link TestImages#BUSYBOX} with a label unique to the session and
 * the variant, so that every run pushes digests no earlier run pushed. Built in well under a second each (no layer
 * changes); removed by {@link #close()}.
 */
final class VariantImages implements AutoCloseable {

    private final DockerClients clients;
    private final String session;
    private final List<String> built = new ArrayList<>();
    private final Supplier<Optional<String>> registryHost;

    /** Images for the shared {@link TestRegistry}: {@link #close()} removes what was pulled from or pushed to it. */
    VariantImages(DockerBackendConfig config, String session) {
        this(config, session, () -> TestRegistry.shared().registry().map(r -> r.endpoint().getAuthority()));
    }

    /** Images for the registry at {@code registryHost}, e.g. {@code 127.0.0.1:5055}. */
    VariantImages(DockerBackendConfig config, String session, Supplier<Optional<String>> registryHost) {
        this.clients = DockerClients.open(config);
        this.session = session;
        this.registryHost = registryHost;
    }

    /** @return the local name of variant {@code n}, built at the first call */
    synchronized String variant(int n) {
        String name = "berth-test/variant-" + session + ":" + n;
        if (!built.contains(name)) {
            build(name, n);
            built.add(name);
        }
        return name;
    }

    /** @return the engine's id of a local image, or the failure's message */
    boolean present(String reference) {
        try {
            clients.calls().inspectImageCmd(reference).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }

    /** Removes a local image (by name or reference), forcibly. */
    void remove(String reference) {
        if (present(reference)) {
            clients.calls().removeImageCmd(reference).withForce(true).exec();
        }
    }

    /** Removes every engine image pulled from or pushed to {@code registryHost}, e.g. {@code 127.0.0.1:5055}. */
    void removeImagesOf(String registryHost) {
        String prefix = registryHost + "/";
        for (var image : clients.calls().listImagesCmd().exec()) {
            boolean ours = java.util.stream.Stream.concat(
                    java.util.Arrays.stream(image.getRepoDigests() == null ? new String[0] : image.getRepoDigests()),
                    java.util.Arrays.stream(image.getRepoTags() == null ? new String[0] : image.getRepoTags()))
                    .anyMatch(r -> r.startsWith(prefix));
            if (ours) {
                clients.calls().removeImageCmd(image.getId()).withForce(true).exec();
            }
        }
    }

    private void build(String name, int n) {
        try {
            Path context = Files.createTempDirectory("berth-variant-");
            Files.writeString(context.resolve("Dockerfile"), "FROM " + TestImages.BUSYBOX + "\n"
                    + "LABEL dev.berth.test-variant=\"" + session + "-" + n + "\"\n");
            clients.calls().buildImageCmd(context.toFile()).withTags(java.util.Set.of(name)).withPull(false)
                    .exec(new BuildImageResultCallback()).awaitImageId(60, TimeUnit.SECONDS);
            Files.delete(context.resolve("Dockerfile"));
            Files.delete(context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            built.forEach(this::remove);
            registryHost.get().ifPresent(this::removeImagesOf);
        } finally {
            clients.close();
        }
    }
}
