package dev.berth.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A container image reference, {@code [registry/]repository[:tag][@digest]}, split the way Docker splits it:
 * the first path component is the registry when it contains a dot or a colon or is {@code localhost}.
 *
 * <p>{@link #parse(String)} only splits; whether the reference is acceptable to ECS is checked with the task
 * definition that holds it, so that every problem of a definition is reported at once. {@link #toString()}
 * gives back exactly the text that was parsed.
 *
 * @param registry registry host (and port), e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}
 * @param repository repository path within the registry, e.g. {@code library/busybox}
 * @param tag tag, e.g. {@code 1.36}; empty when none was given (Docker then uses {@code latest})
 * @param digest content digest, e.g. {@code sha256:…}
 */
public record ImageRef(Optional<String> registry, String repository, Optional<String> tag, Optional<String> digest) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public ImageRef {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
    }

    /**
     * Splits an image reference into its parts.
     *
     * @param reference e.g. {@code busybox}, {@code localhost:5000/team/app:1.2}, {@code app@sha256:…}
     * @return the parts; never fails for a non-null input
     */
    public static ImageRef parse(String reference) {
        Objects.requireNonNull(reference, "reference");
        String name = reference;
        Optional<String> digest = Optional.empty();
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(name.substring(at + 1));
            name = name.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = Optional.of(name.substring(colon + 1));
            name = name.substring(0, colon);
        }
        Optional<String> registry = Optional.empty();
        int slash = name.indexOf('/');
        if (slash >= 0 && looksLikeRegistry(name.substring(0, slash))) {
            registry = Optional.of(name.substring(0, slash));
            name = name.substring(slash + 1);
        }
        return new ImageRef(registry, name, tag, digest);
    }

    private static boolean looksLikeRegistry(String component) {
        return component.contains(".") || component.contains(":") || component.equals("localhost");
    }

    /**
     * @param newTag the tag
     * @return a copy with the given tag (any digest is kept)
     */
    public ImageRef withTag(String newTag) {
        return new ImageRef(registry, repository, Optional.of(newTag), digest);
    }

    /**
     * @param newDigest the digest, e.g. {@code sha256:...}
     * @return a copy pinned to the given digest
     */
    public ImageRef withDigest(String newDigest) {
        return new ImageRef(registry, repository, tag, Optional.of(newDigest));
    }

    /** @return the reference without tag and digest, e.g. {@code localhost:5000/team/app} */
    public String name() {
        return registry.map(r -> r + "/").orElse("") + repository;
    }

    /** @return the reference in Docker's text form, exactly as parsed */
    @Override
    public String toString() {
        return name() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
