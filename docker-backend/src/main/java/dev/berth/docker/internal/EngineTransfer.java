package dev.berth.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.progress.ProgressListener;
import dev.berth.registry.RegistryCredentials;
import dev.berth.spi.Subscription;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes and pulls images between a Docker engine and a registry with the registry's login, each transfer bounded by
 * the pull timeout of the engine's {@link dev.berth.docker.DockerTimeouts}. Pulls report their progress to
 * {@link #watchProgress} listeners.
 */
public final class EngineTransfer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineTransfer.class);

    private final DockerClients clients;
    private final Duration timeout;
    private final ProgressRelay progress = new ProgressRelay();

    private EngineTransfer(DockerClients clients, Duration timeout) {
        this.clients = clients;
        this.timeout = timeout;
    }

    /**
     * @param config the engine, and its pull timeout
     * @return transfers through the engine {@code config} names; no connection is opened yet
     */
    public static EngineTransfer open(DockerBackendConfig config) {
        return new EngineTransfer(DockerClients.open(config), config.timeouts().pull());
    }

    /**
     * Tags {@code localImage} as {@code name:tag}, pushes it, and removes that extra tag from the engine again.
     *
     * @param localImage the engine's image, by name, name:tag or id
     * @param name the target {@code <registry-host>/<repository>}
     * @param tag the target tag
     * @param credentials the registry's login, if it needs one
     * @throws ResourceNotFoundException if the engine has no such local image
     * @throws BackendUnavailableException if the push fails or does not finish in time
     */
    public void push(String localImage, String name, String tag, Optional<RegistryCredentials> credentials) {
        String target = name + ":" + tag;
        String what = "push image " + localImage + " as " + target;
        DockerCalls.run("inspect image " + localImage, () -> clients.calls().inspectImageCmd(localImage).exec());
        boolean tagExisted = exists(target);
        DockerCalls.run("tag image " + localImage + " as " + target,
                () -> clients.calls().tagImageCmd(localImage, name, tag).exec());
        try {
            AtomicReference<String> error = new AtomicReference<>();
            ResultCallback.Adapter<PushResponseItem> callback = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(PushResponseItem item) {
                    if (item.isErrorIndicated()) {
                        // Engines send the message in errorDetail and repeat it in the deprecated error field.
                        error.compareAndSet(null, item.getErrorDetail() != null
                                ? item.getErrorDetail().getMessage() : "the engine reported an error without detail");
                    }
                }
            };
            LOG.debug("pushing image={} target={}", localImage, target);
            var command = clients.pulls().pushImageCmd(name).withTag(tag);
            credentials.ifPresent(c -> command.withAuthConfig(auth(name, c)));
            await(DockerCalls.call(what, () -> command.exec(callback)), what);
            if (error.get() != null) {
                throw new BackendUnavailableException("Docker engine could not " + what + ": " + error.get(), false);
            }
        } finally {
            if (!tagExisted) {
                DockerCalls.run("remove tag " + target, () -> clients.calls().removeImageCmd(target).exec());
            }
        }
    }

    /**
     * @param name {@code <registry-host>/<repository>}
     * @param reference a tag or a digest
     * @param credentials the registry's login, if it needs one
     * @throws ResourceNotFoundException if the registry has no such image
     * @throws BackendUnavailableException if the pull fails or does not finish in time
     */
    public void pull(String name, String reference, Optional<RegistryCredentials> credentials) {
        String what = "pull image " + name + (reference.startsWith("sha256:") ? "@" : ":") + reference;
        LOG.debug("pulling image={} reference={}", name, reference);
        var command = clients.pulls().pullImageCmd(name).withTag(reference);
        credentials.ifPresent(c -> command.withAuthConfig(auth(name, c)));
        String image = name + (reference.startsWith("sha256:") ? "@" : ":") + reference;
        new PullProgress(image, System::nanoTime).report(progress,
                callbacks -> await(DockerCalls.call(what, () -> command.exec(callbacks.get())), what));
    }

    /**
     * Registers a listener for the progress of pulls through this engine; reports reach it on a thread of the
     * transfer's own, so a slow listener never holds up a pull.
     *
     * @param listener receives the reports
     * @return the handle that unregisters it
     */
    public Subscription watchProgress(ProgressListener listener) {
        return progress.add(listener);
    }

    /** Ends progress delivery and closes the engine clients. */
    @Override
    public void close() {
        progress.close();
        clients.close();
    }

    private boolean exists(String reference) {
        try {
            DockerCalls.run("inspect image " + reference, () -> clients.calls().inspectImageCmd(reference).exec());
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static AuthConfig auth(String name, RegistryCredentials credentials) {
        return RegistryAuth.authConfig(name.substring(0, name.indexOf('/')), credentials);
    }

    private void await(ResultCallback.Adapter<?> callback, String what) {
        try (callback) {
            boolean done = DockerCalls.call(what, () -> {
                try {
                    return callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BerthException("Interrupted while waiting to " + what, e);
                }
            });
            if (!done) {
                throw new BackendUnavailableException("Could not " + what + " within " + timeout
                        + " (DockerTimeouts.pull)", true);
            }
        } catch (IOException e) {
            throw new BackendUnavailableException("Closing the transfer to " + what + " failed: " + e, true, e);
        }
    }
}
