package dev.berth.docker.internal;

import com.github.dockerjava.api.command.PullImageResultCallback;
import dev.berth.docker.ImagePullPolicy;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ImageRef;
import dev.berth.registry.RegistryCredentials;
import dev.berth.registry.RegistryCredentialsLookup;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an image present on the engine according to the pull policy, a whole pull bounded by the pull timeout, with
 * the container's own login ({@code repositoryCredentials}) or else the one the credentials lookup gives for the
 * image's registry (never logged). A pull reports its progress to the
 * {@link ProgressRelay}, throttled, ending with a completed or failed report.
 */
final class ImageResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ImageResolver.class);

    private final DockerClients clients;
    private final Duration pullTimeout;
    private final RegistryCredentialsLookup credentials;
    private final ProgressRelay progress;

    ImageResolver(DockerClients clients, Duration pullTimeout, RegistryCredentialsLookup credentials,
                  ProgressRelay progress) {
        this.clients = clients;
        this.pullTimeout = pullTimeout;
        this.credentials = credentials;
        this.progress = progress;
    }

    /**
     * @param image the image a container runs
     * @param policy when to pull
     * @throws ResourceNotFoundException if the image is missing and the policy is NEVER, or the registry has no
     *     such image
     * @throws BackendUnavailableException if the pull fails or does not finish within the pull timeout
     */
    void ensurePresent(ImageRef image, ImagePullPolicy policy) {
        ensurePresent(image, policy, Optional.empty());
    }

    /**
     * @param image the image a container runs
     * @param policy when to pull
     * @param login the login to pull with (a container's {@code repositoryCredentials}); empty = the credentials
     *     lookup's for the image's registry
     * @throws ResourceNotFoundException if the image is missing and the policy is NEVER, or the registry has no
     *     such image
     * @throws BackendUnavailableException if the pull fails or does not finish within the pull timeout
     */
    void ensurePresent(ImageRef image, ImagePullPolicy policy, Optional<RegistryCredentials> login) {
        String reference = image.toString();
        if (policy != ImagePullPolicy.ALWAYS && isPresent(reference)) {
            return;
        }
        if (policy == ImagePullPolicy.NEVER) {
            throw new ResourceNotFoundException("Image '" + reference + "' is not present on the Docker engine and"
                    + " the pull policy is NEVER: build or pull it on the engine first, or use IF_NOT_PRESENT");
        }
        pull(image, login);
    }

    private boolean isPresent(String reference) {
        try {
            clients.run("inspect image " + reference, () -> clients.calls().inspectImageCmd(reference).exec());
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private void pull(ImageRef image, Optional<RegistryCredentials> login) {
        // Without a tag the engine would pull every tag of the repository.
        String tag = image.digest().orElse(image.tag().orElse("latest"));
        String what = "pull image " + image;
        LOG.debug("pulling image={}", image);
        new PullProgress(image.toString(), System::nanoTime).report(progress,
                callbacks -> awaitPull(image, tag, what, login, callbacks));
    }

    private void awaitPull(ImageRef image, String tag, String what, Optional<RegistryCredentials> login,
                           Supplier<PullImageResultCallback> callbacks) {
        var command = clients.pulls().pullImageCmd(image.name()).withTag(tag);
        login.map(c -> RegistryAuth.authConfig(image.registry().orElse("docker.io"), c))
                .or(() -> RegistryAuth.forImage(image, credentials)).ifPresent(command::withAuthConfig);
        PullImageResultCallback callback = clients.call(what, () -> command.exec(callbacks.get()));
        try (callback) {
            boolean done = clients.call(what, () -> {
                try {
                    return callback.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw Pause.interrupted(e, what);
                }
            });
            if (!done) {
                throw new BackendUnavailableException("Pull of image '" + image + "' did not finish within "
                        + pullTimeout + " (DockerTimeouts.pull)", true);
            }
        } catch (java.io.IOException e) {
            throw new BackendUnavailableException("Closing the pull of image '" + image + "' failed: " + e, true, e);
        }
    }
}
