package dev.berth.aws.ecr;

/**
 * Moves image content between a local engine and the registry: the part of a push or pull that is not an ECR API
 * call. {@link EngineImages} does it through a Docker engine; tests against moto, which takes no layers, substitute
 * the final PutImage of a push.
 */
interface ImageTransfer extends AutoCloseable {

    /**
     * @param localImage the local image, by name, name:tag or id
     * @param name the target {@code <registry-host>/<repository>}
     * @param tag the target tag
     */
    void push(String localImage, String name, String tag);

    /**
     * @param name {@code <registry-host>/<repository>}
     * @param reference a tag or a digest
     */
    void pull(String name, String reference);

    @Override
    void close();
}
