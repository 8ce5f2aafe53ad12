package dev.berth.registry;

/** Whether a tag of a repository may move to another image once it has been pushed (ECR's imageTagMutability). */
public enum TagMutability {
    /** A push or a retag moves the tag; the image it left stays, untagged if that was its last tag (the default). */
    MUTABLE,
    /** A push or a retag to a tag that exists fails with a {@link dev.berth.exception.ConflictException}. */
    IMMUTABLE
}
