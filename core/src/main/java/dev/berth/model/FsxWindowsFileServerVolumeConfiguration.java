package dev.berth.model;

import java.util.Objects;

/**
 * An Amazon FSx for Windows File Server file system as a volume ({@code fsxWindowsFileServerVolumeConfiguration}
 * of a {@link Volume}), for Windows containers only; the fields of its {@code authorizationConfig} are
 * {@code credentialsParameter} and {@code domain}.
 *
 * @param fileSystemId the file system, e.g. {@code fs-0eeb5730b2EXAMPLE}
 * @param rootDirectory the directory of the file system mounted as the volume's root
 * @param credentialsParameter the Secrets Manager secret or SSM parameter holding the credentials
 * @param domain the fully qualified domain name of the Active Directory
 */
public record FsxWindowsFileServerVolumeConfiguration(String fileSystemId, String rootDirectory,
                                                      String credentialsParameter, String domain) {

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public FsxWindowsFileServerVolumeConfiguration {
        Objects.requireNonNull(fileSystemId, "fileSystemId");
        Objects.requireNonNull(rootDirectory, "rootDirectory");
        Objects.requireNonNull(credentialsParameter, "credentialsParameter");
        Objects.requireNonNull(domain, "domain");
    }
}
