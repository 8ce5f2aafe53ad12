package dev.berth.json;

import dev.berth.exception.BerthException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.internal.json.JsonDocuments;
import dev.berth.internal.json.ServiceJsonReader;
import dev.berth.service.ServiceSpec;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads services in Amazon ECS's JSON format: a file made for {@code aws ecs create-service --cli-input-json}
 * becomes a {@link ServiceSpec} to pass to {@code cluster.services().create(...)}.
 *
 * <pre>{@code
 * ServiceSpec api = EcsServiceJson.create().read(Path.of("api-service.json"));
 * cluster.services().create(api);
 * }</pre>
 *
 * <p><b>What is read.</b> {@code serviceName}, {@code taskDefinition} ({@code family}, {@code family:revision} or
 * an ARN), {@code desiredCount}, {@code schedulingStrategy}, {@code deploymentConfiguration} (the percentages and
 * {@code deploymentCircuitBreaker}; a field left out takes ECS's default for the scheduling strategy),
 * {@code placementConstraints}, {@code placementStrategy}, {@code healthCheckGracePeriodSeconds},
 * {@code loadBalancers}, {@code serviceRegistries} and {@code serviceConnectConfiguration}. A
 * {@code targetGroupArn} names a target group of {@code berth.targetGroups()} on the local backends, an Elastic Load
 * Balancing one on ECS.
 *
 * <p><b>Accepted and not kept:</b> {@code cluster} (the service goes to the cluster it is created in),
 * {@code clientToken}, {@code launchType}, {@code tags}, {@code propagateTags}, {@code enableECSManagedTags},
 * {@code enableExecuteCommand}. ECS fields Berth does not model ({@code networkConfiguration},
 * {@code capacityProviderStrategy}, {@code deploymentController}, Service Connect's {@code logConfiguration},
 * {@code tls}, {@code timeout}, ...) are accepted when empty and rejected otherwise; fields ECS does not know are
 * rejected with the closest known name as a hint. With {@link Builder#ignoreUnknownFields(boolean)
 * ignoreUnknownFields(true)} both kinds are dropped instead.
 *
 * <p><b>Errors.</b> Every JSON problem (wrong types, unknown values, missing required fields, a value a field's own
 * ECS rule refuses) is reported at once in one {@link InvalidSpecException}, each problem with the JSON path of the
 * bad value, e.g. {@code serviceConnectConfiguration.services[0].clientAliases}. Rules that need the task
 * definition (a load balancer's container and port, a Service Connect {@code portName}) are checked when the
 * service is created.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EcsServiceJson {

    private static final String SUBJECT = "create-service JSON";

    private final JsonDocuments documents;
    private final ServiceJsonReader reader;

    private EcsServiceJson(Builder builder) {
        documents = new JsonDocuments();
        reader = new ServiceJsonReader(builder.ignoreUnknownFields);
    }

    /** @return a reader that rejects unknown fields */
    public static EcsServiceJson create() {
        return builder().build();
    }

    /** @return a builder for a reader with other options */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param json create-service input
     * @return the service's spec
     * @throws InvalidSpecException listing every JSON problem with its path
     * @throws IllegalArgumentException if the fields together break a service rule (e.g. a DAEMON service with a
     *     placement strategy)
     */
    public ServiceSpec read(String json) {
        Objects.requireNonNull(json, "json");
        return reader.read(documents.parse(json, SUBJECT), SUBJECT);
    }

    /**
     * @param json create-service input in UTF-8, -16 or -32; read to its end, not closed
     * @return the service's spec
     * @throws InvalidSpecException listing every JSON problem with its path
     * @throws IllegalArgumentException if the fields together break a service rule
     * @throws BerthException if the stream cannot be read
     */
    public ServiceSpec read(InputStream json) {
        Objects.requireNonNull(json, "json");
        return reader.read(documents.parse(json, SUBJECT), SUBJECT);
    }

    /**
     * @param file a create-service input file
     * @return the service's spec
     * @throws InvalidSpecException listing every JSON problem with its path
     * @throws IllegalArgumentException if the fields together break a service rule
     * @throws BerthException if the file cannot be read
     */
    public ServiceSpec read(Path file) {
        String subject = SUBJECT + " " + file;
        return reader.read(documents.parse(file, subject), subject);
    }

    /** Options of an {@link EcsServiceJson}. */
    public static final class Builder {
        private boolean ignoreUnknownFields;

        private Builder() {
        }

        /**
         * @param value whether fields unknown to ECS, and ECS fields Berth does not model, are dropped instead of
         *     reported (default false)
         * @return this builder
         */
        public Builder ignoreUnknownFields(boolean value) {
            ignoreUnknownFields = value;
            return this;
        }

        /** @return the reader */
        public EcsServiceJson build() {
            return new EcsServiceJson(this);
        }
    }
}
