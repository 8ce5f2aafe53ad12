package dev.berth.service;

import java.util.Objects;

/**
 * One target group a service's tasks are registered with, as ECS's {@code loadBalancers[]} entry: which container
 * port of each task becomes a target. On ECS the target group is an Elastic Load Balancing one (its ARN); on the
 * local backends it is one of Berth's own ({@code berth.targetGroups()}), which is the load balancer itself.
 *
 * @param targetGroupArn the target group's ARN
 * @param containerName the container of the task definition whose port is registered
 * @param containerPort the container port registered; a {@code containerPort} of that container's port mappings
 */
public record LoadBalancer(String targetGroupArn, String containerName, int containerPort) {

    /**
     * Checks the fields ECS checks without the task definition.
     *
     * @throws IllegalArgumentException if the ARN or container name is blank or the port is outside 1..65535
     * @throws NullPointerException if a component is null
     */
    public LoadBalancer {
        Objects.requireNonNull(targetGroupArn, "targetGroupArn");
        Objects.requireNonNull(containerName, "containerName");
        if (targetGroupArn.isBlank()) {
            throw new IllegalArgumentException("loadBalancers[].targetGroupArn must not be blank: give the ARN of a"
                    + " target group (berth.targetGroups().create(...) on the local backends)");
        }
        if (containerName.isBlank()) {
            throw new IllegalArgumentException("Container Name can not be blank.");
        }
        if (containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("loadBalancers[].containerPort must be within 1..65535, was "
                    + containerPort);
        }
    }
}
