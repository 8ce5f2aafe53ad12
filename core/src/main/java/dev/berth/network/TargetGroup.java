package dev.berth.network;

import java.time.Instant;
import java.util.Objects;

/**
 * A target group as Berth stores it.
 *
 * @param arn its ARN, {@code arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>}
 * @param spec its settings
 * @param createdAt when it was created
 */
public record TargetGroup(String arn, TargetGroupSpec spec, Instant createdAt) {

    /**
     * @throws NullPointerException if a component is null
     */
    public TargetGroup {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return its name */
    public String name() {
        return spec.name();
    }
}
