package dev.berth.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a container the task's FireLens log router ({@code firelensConfiguration}): the other containers that log
 * with the {@code awsfirelens} driver send their output to it.
 *
 * @param type the router's software: Fluentd or Fluent Bit
 * @param options {@code enable-ecs-log-metadata} ({@code true} by default: cluster, task and task definition are
 *     added to every record), {@code config-file-type} ({@code s3} or {@code file}) and
 *     {@code config-file-value} (the router's own configuration to include)
 */
public record FirelensConfiguration(Type type, Map<String, String> options) {

    /** The log router's software. */
    public enum Type {
        /** Fluentd. */
        FLUENTD("fluentd"),
        /** Fluent Bit. */
        FLUENTBIT("fluentbit");

        private final String ecsName;

        Type(String ecsName) {
            this.ecsName = ecsName;
        }

        /** @return ECS's spelling, {@code fluentd} or {@code fluentbit} */
        public String ecsName() {
            return ecsName;
        }
    }

    /**
     * Checks that every component is present and copies the collections.
     *
     * @throws NullPointerException if a component is null
     */
    public FirelensConfiguration {
        Objects.requireNonNull(type, "type");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * @param type Fluentd or Fluent Bit
     * @return a router of that type with ECS's default options
     */
    public static FirelensConfiguration of(Type type) {
        return new FirelensConfiguration(type, Map.of());
    }
}
