package dev.berth.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An Amazon EFS file system as a volume ({@code efsVolumeConfiguration} of a {@link Volume}); the fields of its
 * {@code authorizationConfig} are {@code accessPointId} and {@code iam}.
 *
 * @param fileSystemId the file system, e.g. {@code fs-1234abcd}
 * @param rootDirectory the directory of the file system mounted as the volume's root; empty = {@code /}. ECS documents
 *     {@code /} as the same as omitting the field, and some implementations fill it in on describe, so {@code /} is
 *     kept as empty: a definition with {@code "rootDirectory": "/"} equals one without it
 * @param transitEncryption whether data is encrypted between the instance and the file system (JSON
 *     {@code ENABLED}/{@code DISABLED}; ECS's default: disabled)
 * @param transitEncryptionPort the port used for encryption in transit; empty = the mount helper's choice
 * @param accessPointId the EFS access point to mount through
 * @param iam whether the task's IAM role is used to mount (JSON {@code ENABLED}/{@code DISABLED})
 */
public record EfsVolumeConfiguration(String fileSystemId, Optional<String> rootDirectory, boolean transitEncryption,
                                     OptionalInt transitEncryptionPort, Optional<String> accessPointId,
                                     boolean iam) {

    /**
     * Checks that every component is present and keeps a root directory of {@code /} as empty.
     *
     * @throws NullPointerException if a component is null
     */
    public EfsVolumeConfiguration {
        Objects.requireNonNull(fileSystemId, "fileSystemId");
        Objects.requireNonNull(rootDirectory, "rootDirectory");
        rootDirectory = rootDirectory.filter(root -> !root.equals("/"));
        Objects.requireNonNull(transitEncryptionPort, "transitEncryptionPort");
        Objects.requireNonNull(accessPointId, "accessPointId");
    }

    /**
     * @param fileSystemId the file system, e.g. {@code fs-1234abcd}
     * @return its root directory, without encryption in transit or authorization
     */
    public static EfsVolumeConfiguration of(String fileSystemId) {
        return new EfsVolumeConfiguration(fileSystemId, Optional.empty(), false, OptionalInt.empty(),
                Optional.empty(), false);
    }

    /**
     * @param directory the directory mounted as the volume's root, e.g. {@code /shared}
     * @return a copy with the given root directory
     */
    public EfsVolumeConfiguration withRootDirectory(String directory) {
        return new EfsVolumeConfiguration(fileSystemId, Optional.of(directory), transitEncryption,
                transitEncryptionPort, accessPointId, iam);
    }

    /**
     * @param accessPoint the access point id, e.g. {@code fsap-1234abcd}
     * @param useIam whether the task's IAM role is used to mount
     * @return a copy with encryption in transit (which ECS requires for both) and the given authorization
     */
    public EfsVolumeConfiguration withAuthorization(Optional<String> accessPoint, boolean useIam) {
        return new EfsVolumeConfiguration(fileSystemId, rootDirectory, true, transitEncryptionPort, accessPoint,
                useIam);
    }

    /** @return the root directory in force: the configured one, else {@code /} */
    public String effectiveRootDirectory() {
        return rootDirectory.filter(d -> !d.isEmpty()).orElse("/");
    }
}
