package dev.berth.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a container's output goes.
 *
 * @param logDriver one of ECS's drivers: json-file, syslog, journald, gelf, fluentd, awslogs, splunk, awsfirelens
 * @param options driver options
 * @param secretOptions driver options whose values come from a secret store
 */
public record LogConfiguration(String logDriver, Map<String, String> options, List<Secret> secretOptions) {
    /**
     * Copies the collections, so that the record stays immutable.
     *
     * @throws NullPointerException if a required component is null
     */
    public LogConfiguration {
        Objects.requireNonNull(logDriver, "logDriver");
        options = Map.copyOf(options);
        secretOptions = List.copyOf(secretOptions);
    }

    /**
     * @param logDriver the log driver, e.g. {@code json-file} or {@code awslogs}
     * @param options the driver's options
     * @return a configuration for the driver with the given options
     */
    public static LogConfiguration of(String logDriver, Map<String, String> options) {
        return new LogConfiguration(logDriver, options, List.of());
    }
}
