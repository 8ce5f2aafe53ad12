package dev.berth.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where resources live, for building their ARNs: {@code arn:<partition>:ecs:<region>:<account>:...}.
 * Local backends use {@link #local()} so that ARNs look like ECS's and parse the same way.
 *
 * @param partition e.g. {@code aws}
 * @param region e.g. {@code eu-west-1}, or {@code local}
 * @param accountId twelve digits
 */
public record ArnScope(String partition, String region, String accountId) {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a component is out of its range; the message names it
     * @throws NullPointerException if a required component is null
     */
    public ArnScope {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("accountId must be twelve digits, was '" + accountId + "'");
        }
    }

    /** @return the scope of local backends: partition {@code aws}, region {@code local}, account 000000000000 */
    public static ArnScope local() {
        return new ArnScope("aws", "local", "000000000000");
    }

    /**
     * @param family the task definition's family
     * @param revision the revision number, 1 or more
     * @return the ARN of task-definition revision {@code family:revision}
     */
    public String taskDefinitionArn(String family, int revision) {
        return "arn:" + partition + ":ecs:" + region + ":" + accountId + ":task-definition/" + family + ":" + revision;
    }

    /**
     * @param name the target group's name
     * @param id its id, 16 hexadecimal digits in ELB's ARNs
     * @return the ARN of an Elastic Load Balancing target group,
     *     {@code arn:<partition>:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>}
     */
    public String targetGroupArn(String name, String id) {
        return "arn:" + partition + ":elasticloadbalancing:" + region + ":" + accountId + ":targetgroup/" + name + "/"
                + id;
    }
}
