package dev.berth.registry;

import java.util.Objects;

/**
 * How a repository is created: its tag mutability and whether images are scanned on push.
 *
 * @param tagMutability whether tags may move to other images
 * @param scanOnPush whether the registry scans each pushed image (recorded; registries without a scanner ignore it)
 */
public record RepositorySettings(TagMutability tagMutability, boolean scanOnPush) {

    /**
     * @throws NullPointerException if {@code tagMutability} is null
     */
    public RepositorySettings {
        Objects.requireNonNull(tagMutability, "tagMutability");
    }

    /** @return ECR's defaults: {@link TagMutability#MUTABLE}, no scan on push */
    public static RepositorySettings defaults() {
        return new RepositorySettings(TagMutability.MUTABLE, false);
    }

    /**
     * @param value MUTABLE or IMMUTABLE
     * @return a copy with the given tag mutability
     */
    public RepositorySettings withTagMutability(TagMutability value) {
        return new RepositorySettings(value, scanOnPush);
    }

    /**
     * @param value whether images are scanned when pushed
     * @return a copy with the given scan-on-push flag
     */
    public RepositorySettings withScanOnPush(boolean value) {
        return new RepositorySettings(tagMutability, value);
    }
}
