package dev.berth.registry;

import java.util.Objects;

/**
 * Names one image of a repository, by a tag or by its digest (ECR's imageId).
 *
 * @param value the tag, or the digest {@code sha256:...}
 * @param byDigest whether {@code value} is a digest
 */
public record ImageId(String value, boolean byDigest) {

    /**
     * @throws NullPointerException if {@code value} is null
     */
    public ImageId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param tag the tag
     * @return the image the tag points to
     */
    public static ImageId tag(String tag) {
        return new ImageId(tag, false);
    }

    /**
     * @param digest the manifest digest, e.g. {@code sha256:...}
     * @return the image with this manifest digest
     */
    public static ImageId digest(String digest) {
        return new ImageId(digest, true);
    }

    /** @return {@code tag} or {@code @sha256:...}, as it follows a repository name in a reference */
    @Override
    public String toString() {
        return byDigest ? "@" + value : ":" + value;
    }
}
