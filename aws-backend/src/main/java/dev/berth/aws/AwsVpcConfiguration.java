package dev.berth.aws;

import java.util.List;
import java.util.Objects;

/**
 * The network of tasks whose task definition uses {@code awsvpc} (always so on Fargate): ECS gives each task its own
 * elastic network interface in one of these subnets.
 *
 * @param subnets subnet ids, 1 to 16
 * @param securityGroups security-group ids, at most 5; empty = the VPC's default group
 * @param assignPublicIp whether the task's interface gets a public IP (Fargate tasks in public subnets need one to
 *     pull images without a NAT gateway)
 */
public record AwsVpcConfiguration(List<String> subnets, List<String> securityGroups, boolean assignPublicIp) {

    private static final int MAX_SUBNETS = 16;
    private static final int MAX_SECURITY_GROUPS = 5;

    /**
     * @throws IllegalArgumentException if there is no subnet, more than 16 subnets or more than 5 security groups,
     *     or an id is blank
     */
    public AwsVpcConfiguration {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        if (subnets.isEmpty() || subnets.size() > MAX_SUBNETS) {
            throw new IllegalArgumentException("awsvpc needs 1 to " + MAX_SUBNETS + " subnets, got " + subnets.size());
        }
        if (securityGroups.size() > MAX_SECURITY_GROUPS) {
            throw new IllegalArgumentException("awsvpc takes at most " + MAX_SECURITY_GROUPS
                    + " security groups, got " + securityGroups.size());
        }
        if (subnets.stream().anyMatch(String::isBlank) || securityGroups.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("subnet and security-group ids must not be blank");
        }
    }

    /**
     * @param subnets subnet ids
     * @return the configuration with those subnets, the VPC's default security group and no public IP
     * @throws IllegalArgumentException as the constructor
     */
    public static AwsVpcConfiguration subnets(String... subnets) {
        return new AwsVpcConfiguration(List.of(subnets), List.of(), false);
    }

    /**
     * @param groups security-group ids
     * @return a copy with these security groups
     */
    public AwsVpcConfiguration withSecurityGroups(String... groups) {
        return new AwsVpcConfiguration(subnets, List.of(Objects.requireNonNull(groups, "groups")), assignPublicIp);
    }

    /**
     * @param assign whether to assign a public IP
     * @return a copy with that setting
     */
    public AwsVpcConfiguration withAssignPublicIp(boolean assign) {
        return new AwsVpcConfiguration(subnets, securityGroups, assign);
    }
}
