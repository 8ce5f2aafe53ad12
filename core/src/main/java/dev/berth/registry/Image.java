package dev.berth.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One image of a repository: a manifest (or a manifest list / OCI index) addressed by its digest, with the tags
 * that point to it.
 *
 * @param digest the manifest's content digest, {@code sha256:<64 hex>}
 * @param tags the tags pointing to it, sorted; empty for an untagged image
 * @param pushedAt when it was pushed
 * @param sizeBytes its size as a registry reports it: the config and layer blobs of a manifest, the referenced
 *     manifests of an index
 */
public record Image(String digest, List<String> tags, Instant pushedAt, long sizeBytes) {

    /**
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code sizeBytes} is negative
     */
    public Image {
        Objects.requireNonNull(digest, "digest");
        tags = tags.stream().sorted().distinct().toList();
        Objects.requireNonNull(pushedAt, "pushedAt");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
    }

    /**
     * @param newTags the tags pointing to the image
     * @return a copy with the given tags
     */
    public Image withTags(List<String> newTags) {
        return new Image(digest, newTags, pushedAt, sizeBytes);
    }
}
