package dev.berth.api;

import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.model.ArnScope;
import dev.berth.network.TargetGroup;
import dev.berth.network.TargetGroupDescription;
import dev.berth.network.TargetGroupSpec;
import dev.berth.network.TargetHealth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The target groups of one {@link Berth}, as Elastic Load Balancing's CreateTargetGroup, DescribeTargetGroups,
 * DescribeTargetHealth and DeleteTargetGroup. On the local backends a target group is also its load balancer: it
 * listens on a host port of its own from its creation on, and a service names it in its {@code loadBalancers}. On
 * ECS, services name target groups of ELB by their ARN instead; these are not created here.
 */
public final class TargetGroups {

    private final Context context;
    private final ArnScope scope;

    TargetGroups(Context context, ArnScope scope) {
        this.context = context;
        this.scope = scope;
    }

    /**
     * Creates a target group and opens its listener.
     *
     * @param spec its name and settings
     * @return the new group, its listener and (no) targets
     * @throws ConflictException if a target group of that name exists
     * @throws dev.berth.exception.BerthException if its listener cannot open (its port is taken); nothing is kept
     */
    public TargetGroupDescription create(TargetGroupSpec spec) {
        TargetGroup group = new TargetGroup(scope.targetGroupArn(spec.name(), newId()), spec,
                context.clock().instant());
        if (!context.store().createTargetGroup(group)) {
            throw new ConflictException("A target group with the same name '" + spec.name() + "' exists; describe it,"
                    + " or delete it first.");
        }
        try {
            context.runtime().networks().openTargetGroup(group);
        } catch (RuntimeException e) {
            context.store().removeTargetGroup(group.arn());
            throw e;
        }
        return describe(group.arn());
    }

    /**
     * @param arnOrName a target group's ARN or name
     * @return the group, if it exists
     */
    public Optional<TargetGroupDescription> get(String arnOrName) {
        return find(arnOrName).map(this::describe);
    }

    /**
     * @param arnOrName a target group's ARN or name
     * @return the group with its listener and its targets' health
     * @throws ResourceNotFoundException if there is none
     */
    public TargetGroupDescription describe(String arnOrName) {
        return get(arnOrName).orElseThrow(() -> new ResourceNotFoundException("One or more target groups not found: "
                + arnOrName));
    }

    /** @return every target group, by name */
    public List<TargetGroupDescription> list() {
        return context.store().targetGroups().stream().map(this::describe).toList();
    }

    /**
     * @param arnOrName a target group's ARN or name
     * @return its registered and draining targets with their health
     * @throws ResourceNotFoundException if there is none
     */
    public List<TargetHealth> targetHealth(String arnOrName) {
        return describe(arnOrName).targets();
    }

    /**
     * Deletes a target group no service uses, and closes its listener.
     *
     * @param arnOrName the group's ARN or name
     * @throws ResourceNotFoundException if there is none
     * @throws ConflictException if a service still names it in its loadBalancers
     */
    public void delete(String arnOrName) {
        TargetGroup group = find(arnOrName).orElseThrow(() -> new ResourceNotFoundException(
                "One or more target groups not found: " + arnOrName));
        context.runtime().networks().serviceUsingTargetGroup(group.arn()).ifPresent(service -> {
            throw new ConflictException("Target group '" + group.arn() + "' is currently in use by service " + service
                    + "; remove it from the service's loadBalancers or delete the service first.");
        });
        context.runtime().networks().closeTargetGroup(group.arn());
        context.store().removeTargetGroup(group.arn());
    }

    private Optional<TargetGroup> find(String arnOrName) {
        return context.store().targetGroups().stream()
                .filter(g -> g.arn().equals(arnOrName) || g.name().equals(arnOrName)).findFirst();
    }

    private TargetGroupDescription describe(TargetGroup group) {
        return new TargetGroupDescription(group, context.runtime().networks().listener(group.arn()),
                context.runtime().networks().targetHealth(group.arn()));
    }

    /** @return 16 hexadecimal digits, as ELB's target group ids */
    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
