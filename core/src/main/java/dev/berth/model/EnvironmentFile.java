package dev.berth.model;

import java.util.Objects;

/**
 * A file of {@code VARIABLE=value} lines whose variables are set in a container at start ({@code environmentFiles}).
 * Variables of {@code environment} take precedence over those of files; among files, the first one that sets a
 * variable wins.
 *
 * @param value where the file lives: on ECS an S3 object ARN; on the Docker backend a key for its configured
 *     environment file resolver
 * @param type where to read it from; only {@code s3}
 */
public record EnvironmentFile(String value, Type type) {

    /** Where an environment file is read from. */
    public enum Type {
        /** Amazon S3. */
        S3;

        /** @return ECS's spelling, {@code s3} */
        public String ecsName() {
            return "s3";
        }
    }

    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a component is null
     */
    public EnvironmentFile {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
    }

    /**
     * @param objectArn e.g. {@code arn:aws:s3:::my-bucket/app.env}
     * @return an environment file read from S3
     */
    public static EnvironmentFile s3(String objectArn) {
        return new EnvironmentFile(objectArn, Type.S3);
    }
}
