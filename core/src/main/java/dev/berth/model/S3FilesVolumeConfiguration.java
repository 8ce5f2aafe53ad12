package dev.berth.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An Amazon S3 Files file system as a volume ({@code s3filesVolumeConfiguration} of a {@link Volume}).
 *
 * @param fileSystemArn the file system's ARN
 * @param rootDirectory the directory mounted as the volume's root; empty = the file system's root
 * @param transitEncryptionPort the port used for encryption in transit; empty = the mount helper's choice
 * @param accessPointArn the access point to mount through
 */
public record S3FilesVolumeConfiguration(String fileSystemArn, Optional<String> rootDirectory,
                                         OptionalInt transitEncryptionPort, Optional<String> accessPointArn) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public S3FilesVolumeConfiguration {
        Objects.requireNonNull(fileSystemArn, "fileSystemArn");
        Objects.requireNonNull(rootDirectory, "rootDirectory");
        Objects.requireNonNull(transitEncryptionPort, "transitEncryptionPort");
        Objects.requireNonNull(accessPointArn, "accessPointArn");
    }
}
