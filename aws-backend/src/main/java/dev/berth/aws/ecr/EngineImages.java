package dev.berth.aws.ecr;

import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.internal.EngineTransfer;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.registry.RegistryCredentialsProvider;
import java.util.Objects;

/**
 * Pushes and pulls through a Docker engine with the registry login a {@link RegistryCredentialsProvider} gives at
 * the moment of each transfer, so an ECR token is renewed between transfers. The transfers themselves, with their
 * deadline (the engine's pull timeout) and error translation, are berth-docker's; this class is the only one of
 * berth-aws that touches berth-docker's engine code, so that berth-docker stays an optional dependency for users who
 * never push or pull.
 */
final class EngineImages implements ImageTransfer {

    private final EngineTransfer transfer;
    private final RegistryCredentialsProvider credentials;

    private EngineImages(EngineTransfer transfer, RegistryCredentialsProvider credentials) {
        this.transfer = transfer;
        this.credentials = credentials;
    }

    /**
     * @param engine the engine
     * @param credentials the registry's login, asked for at each transfer
     * @return transfers through that engine; no connection is opened yet
     */
    static EngineImages open(DockerBackendConfig engine, RegistryCredentialsProvider credentials) {
        return new EngineImages(EngineTransfer.open(engine), Objects.requireNonNull(credentials, "credentials"));
    }

    /**
     * @param localImage the engine's image, by name, name:tag or id
     * @param name the target {@code <registry-host>/<repository>}
     * @param tag the target tag
     * @throws ResourceNotFoundException if the engine has no such image
     * @throws BackendUnavailableException if the login, the push or the engine fails or times out
     */
    @Override
    public void push(String localImage, String name, String tag) {
        transfer.push(localImage, name, tag, credentials.credentials());
    }

    /**
     * @param name {@code <registry-host>/<repository>}
     * @param reference a tag or a digest
     * @throws BackendUnavailableException if the login, the pull or the engine fails or times out
     */
    @Override
    public void pull(String name, String reference) {
        transfer.pull(name, reference, credentials.credentials());
    }

    @Override
    public void close() {
        transfer.close();
    }
}
