package dev.berth.model;

import java.util.regex.Pattern;

/**
 * Names of container-instance attributes: the built-in ones ECS sets on every instance, and the rule every
 * attribute name follows (1 to 128 letters, digits, hyphens, underscores, slashes and dots), which placement
 * strategies, {@code memberOf} expressions and custom attributes share.
 */
public final class InstanceAttributes {

    /** Built-in attribute: the availability zone; ECS's default service strategy spreads over it. */
    public static final String AVAILABILITY_ZONE = "ecs.availability-zone";
    /** Built-in attribute: the EC2 instance type, e.g. {@code m5.large}. */
    public static final String INSTANCE_TYPE = "ecs.instance-type";
    /** Built-in attribute: {@code linux} or {@code windows}. */
    public static final String OS_TYPE = "ecs.os-type";
    /** Built-in attribute: {@code x86_64} or {@code arm64}. */
    public static final String CPU_ARCHITECTURE = "ecs.cpu-architecture";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_./-]{1,128}");

    private InstanceAttributes() {
    }

    /**
     * @param name an attribute's name, without {@code attribute:}
     * @return whether it follows ECS's rule for attribute names
     */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }
}
