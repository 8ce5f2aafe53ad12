package dev.berth.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A data volume of a task definition (ECS's {@code Volume}), which containers mount through their
 * {@link MountPoint}s. Its kind follows from the one configuration it carries (see {@link #kind()}):
 * <ul>
 *   <li>none, or {@code host} without a {@code sourcePath}: a volume of the task's own, shared by its containers
 *       and removed with the task;</li>
 *   <li>{@code host.sourcePath}: a bind mount of that path on the container instance;</li>
 *   <li>{@code dockerVolumeConfiguration}: a Docker volume, of the task ({@code task} scope) or outliving it
 *       ({@code shared} scope);</li>
 *   <li>{@code efsVolumeConfiguration}, {@code fsxWindowsFileServerVolumeConfiguration},
 *       {@code s3filesVolumeConfiguration}: a network file system;</li>
 *   <li>{@code configuredAtLaunch}: an Amazon EBS volume configured when the task is run.</li>
 * </ul>
 * ECS's rules (a name of 1-255 letters, digits, underscores and hyphens, unique in the definition; one
 * configuration at most) are checked with the task definition, which reports every problem at once.
 *
 * @param name what mount points name in their {@code sourceVolume}
 * @param host a bind mount ({@code sourcePath} set) or a task-scoped volume (no {@code sourcePath})
 * @param dockerVolumeConfiguration a Docker volume
 * @param efsVolumeConfiguration an Amazon EFS file system
 * @param fsxWindowsFileServerVolumeConfiguration an Amazon FSx for Windows File Server file system
 * @param s3filesVolumeConfiguration an Amazon S3 Files file system
 * @param configuredAtLaunch whether the volume is configured at launch (an Amazon EBS volume)
 */
public record Volume(String name, Optional<HostVolume> host,
                     Optional<DockerVolumeConfiguration> dockerVolumeConfiguration,
                     Optional<EfsVolumeConfiguration> efsVolumeConfiguration,
                     Optional<FsxWindowsFileServerVolumeConfiguration> fsxWindowsFileServerVolumeConfiguration,
                     Optional<S3FilesVolumeConfiguration> s3filesVolumeConfiguration,
                     boolean configuredAtLaunch) {

    /** What a volume is, by the configuration it carries. */
    public enum Kind {
        /** A volume of the task's own, removed with the task (no configuration, or {@code host} without a path). */
        TASK_SCOPED,
        /** A bind mount of {@code host.sourcePath}. */
        BIND_MOUNT,
        /** A Docker volume ({@code dockerVolumeConfiguration}). */
        DOCKER,
        /** An Amazon EFS file system. */
        EFS,
        /** An Amazon FSx for Windows File Server file system (Windows only). */
        FSX_WINDOWS_FILE_SERVER,
        /** An Amazon S3 Files file system. */
        S3_FILES,
        /** An Amazon EBS volume configured when the task is run. */
        CONFIGURED_AT_LAUNCH
    }

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public Volume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dockerVolumeConfiguration, "dockerVolumeConfiguration");
        Objects.requireNonNull(efsVolumeConfiguration, "efsVolumeConfiguration");
        Objects.requireNonNull(fsxWindowsFileServerVolumeConfiguration, "fsxWindowsFileServerVolumeConfiguration");
        Objects.requireNonNull(s3filesVolumeConfiguration, "s3filesVolumeConfiguration");
    }

    /**
     * @param name the volume's name
     * @return a volume of the task's own, shared by its containers and removed with the task
     */
    public static Volume taskScoped(String name) {
        return new Volume(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false);
    }

    /**
     * @param name the volume's name
     * @param sourcePath the path on the container instance, e.g. {@code /var/log}
     * @return a bind mount of {@code sourcePath}
     */
    public static Volume bindMount(String name, String sourcePath) {
        return new Volume(name, Optional.of(new HostVolume(Optional.of(sourcePath))), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /**
     * @param name the volume's name
     * @param configuration its scope, driver and options
     * @return a Docker volume
     */
    public static Volume docker(String name, DockerVolumeConfiguration configuration) {
        return new Volume(name, Optional.empty(), Optional.of(configuration), Optional.empty(), Optional.empty(),
                Optional.empty(), false);
    }

    /**
     * @param name the volume's name
     * @param configuration the file system, its root directory and access
     * @return an Amazon EFS volume
     */
    public static Volume efs(String name, EfsVolumeConfiguration configuration) {
        return new Volume(name, Optional.empty(), Optional.empty(), Optional.of(configuration), Optional.empty(),
                Optional.empty(), false);
    }

    /**
     * @param name the volume's name
     * @param configuration the file system, its root directory and credentials
     * @return an Amazon FSx for Windows File Server volume
     */
    public static Volume fsxWindowsFileServer(String name, FsxWindowsFileServerVolumeConfiguration configuration) {
        return new Volume(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(configuration),
                Optional.empty(), false);
    }

    /**
     * @param name the volume's name
     * @param configuration the file system and its access
     * @return an Amazon S3 Files volume
     */
    public static Volume s3Files(String name, S3FilesVolumeConfiguration configuration) {
        return new Volume(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(configuration), false);
    }

    /**
     * @param name the volume's name
     * @return a volume whose configuration (an Amazon EBS volume) is given when the task is run
     */
    public static Volume configuredAtLaunch(String name) {
        return new Volume(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true);
    }

    /** @return the kind of the first configuration it carries; a valid volume carries at most one */
    public Kind kind() {
        if (configuredAtLaunch) {
            return Kind.CONFIGURED_AT_LAUNCH;
        } else if (dockerVolumeConfiguration.isPresent()) {
            return Kind.DOCKER;
        } else if (efsVolumeConfiguration.isPresent()) {
            return Kind.EFS;
        } else if (fsxWindowsFileServerVolumeConfiguration.isPresent()) {
            return Kind.FSX_WINDOWS_FILE_SERVER;
        } else if (s3filesVolumeConfiguration.isPresent()) {
            return Kind.S3_FILES;
        } else if (host.flatMap(HostVolume::sourcePath).isPresent()) {
            return Kind.BIND_MOUNT;
        }
        return Kind.TASK_SCOPED;
    }

    /** @return how many configurations it carries ({@code host} and {@code configuredAtLaunch} included) */
    public int configurationCount() {
        int count = configuredAtLaunch ? 1 : 0;
        for (Optional<?> configuration : java.util.List.of(host, dockerVolumeConfiguration, efsVolumeConfiguration,
                fsxWindowsFileServerVolumeConfiguration, s3filesVolumeConfiguration)) {
            count += configuration.isPresent() ? 1 : 0;
        }
        return count;
    }
}
