package dev.berth.docker.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A manifest as the registry serves it: the exact bytes (re-put unchanged when a tag is added or kept, so the digest
 * stays), its media type and digest. Image manifests (Docker v2 schema 2, OCI) and manifest lists / OCI indexes.
 *
 * @param digest the registry's {@code Docker-Content-Digest}
 * @param mediaType the {@code Content-Type} it was served with
 * @param body the manifest bytes
 */
public record ManifestDocument(String digest, String mediaType, byte[] body) {

    /** The media types a client accepts, image manifests and indexes, Docker and OCI. */
    static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws NullPointerException if a component is null
     */
    public ManifestDocument {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        body = body.clone();
    }

    /** @return a copy of the manifest bytes */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * @return for an image manifest, the size of its config and layers; for a manifest list or index, the sizes of
     *     the manifests it references
     */
    public long size() {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the registry served a manifest that is not JSON: " + digest, e);
        }
        long total = 0;
        if (tree.has("manifests")) {
            for (JsonNode m : tree.get("manifests")) {
                total += m.path("size").asLong(0);
            }
            return total;
        }
        total += tree.path("config").path("size").asLong(0);
        for (JsonNode layer : tree.path("layers")) {
            total += layer.path("size").asLong(0);
        }
        return total;
    }

}
