package dev.berth.docker;

import dev.berth.exception.BerthException;
import dev.berth.exception.ResourceNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Gives the content of a file a task definition names in Amazon S3, at task start: a container's
 * {@code environmentFiles} and a FireLens router's {@code config-file-type s3} configuration. On ECS the agent
 * downloads them with the task's execution role; on Docker this resolver stands in for S3. Environment files may hold
 * secrets: implementations must not log their content.
 *
 * <pre>{@code
 * DockerBackendConfig.builder().fileResolver(FileResolver.directory(Path.of("s3-mirror"))).build();
 * // arn:aws:s3:::config-bucket/app/prod.env  ->  s3-mirror/config-bucket/app/prod.env
 * }</pre>
 */
@FunctionalInterface
public interface FileResolver {

    /** The prefix of an S3 object ARN, {@code arn:aws:s3:::bucket/key}. */
    String S3_ARN_PREFIX = "arn:aws:s3:::";

    /**
     * @param location the file's location as the task definition names it, e.g. an S3 object ARN
     * @return the file's content
     * @throws ResourceNotFoundException if there is no such file
     * @throws BerthException for any other failure to read it
     */
    String read(String location);

    /**
     * @return a resolver that knows no file, the default: a task definition with environment files fails to start
     *     and the message says how to configure a resolver
     */
    static FileResolver none() {
        return location -> {
            throw new ResourceNotFoundException("No file resolver is configured, so '" + location + "' cannot be"
                    + " read: set one with DockerBackendConfig.builder().fileResolver(...), e.g."
                    + " FileResolver.directory(...)");
        };
    }

    /**
     * A local mirror of S3: {@code arn:aws:s3:::bucket/key} is read from {@code root/bucket/key}, and any other
     * location from {@code root/location}. A location that leaves {@code root} (through {@code ..}) is refused.
     *
     * @param root the mirror's directory
     * @return a resolver reading files under {@code root}, as UTF-8
     */
    static FileResolver directory(Path root) {
        Path base = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        return location -> {
            String relative = location.startsWith(S3_ARN_PREFIX) ? location.substring(S3_ARN_PREFIX.length())
                    : location;
            Path file = base.resolve(relative).normalize();
            if (!file.startsWith(base)) {
                throw new ResourceNotFoundException("'" + location + "' lies outside " + base);
            }
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ResourceNotFoundException("'" + location + "' is not in " + base + " (looked for " + file
                        + ")");
            } catch (IOException e) {
                throw new BerthException("Cannot read '" + location + "' from " + file + ": " + e.getMessage(), e);
            }
        };
    }
}
