package dev.berth.service;

import dev.berth.model.PlacementConstraint;
import dev.berth.model.PlacementStrategy;
import dev.berth.model.TaskDefinitionRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a service should be: which task definition, how many tasks, and how to roll out changes.
 *
 * @param name unique within the cluster: up to 255 letters, digits, underscores and hyphens
 * @param taskDefinition the revision (or family, meaning its latest ACTIVE revision) to run
 * @param desiredCount tasks to keep running (REPLICA); ignored for DAEMON, which runs one task on every ACTIVE
 *     instance that satisfies its constraints
 * @param schedulingStrategy REPLICA or DAEMON
 * @param deploymentConfiguration rolling-deployment bounds and circuit breaker
 * @param placementStrategies how to choose among fitting instances, at most 5; empty = ECS's service default
 *     (spread across availability zones, then across instances)
 * @param placementConstraints binding placement rules, added to the task definition's
 * @param healthCheckGracePeriod how long after a task starts the scheduler ignores its failing container and
 *     load-balancer health checks (ECS's default: 0)
 * @param loadBalancers the target groups its tasks are registered with, at most 5
 * @param serviceRegistries the Cloud Map registry its tasks are registered in, at most 1
 * @param serviceConnectConfiguration its Service Connect namespace and the ports it serves there
 */
public record ServiceSpec(String name, TaskDefinitionRef taskDefinition, int desiredCount,
                          SchedulingStrategy schedulingStrategy, DeploymentConfiguration deploymentConfiguration,
                          List<PlacementStrategy> placementStrategies, List<PlacementConstraint> placementConstraints,
                          Duration healthCheckGracePeriod, List<LoadBalancer> loadBalancers,
                          List<ServiceRegistry> serviceRegistries,
                          ServiceConnectConfiguration serviceConnectConfiguration) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    /** ECS: a service may have up to five target groups. */
    public static final int MAX_LOAD_BALANCERS = 5;

    /**
     * @throws IllegalArgumentException if a field is out of ECS's range
     */
    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "service name must be 1-255 letters, digits, underscores and hyphens, was '" + name + "'");
        }
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        if (desiredCount < 0) {
            throw new IllegalArgumentException("desiredCount must be >= 0, was " + desiredCount);
        }
        Objects.requireNonNull(schedulingStrategy, "schedulingStrategy");
        Objects.requireNonNull(deploymentConfiguration, "deploymentConfiguration");
        placementStrategies = List.copyOf(placementStrategies);
        placementConstraints = List.copyOf(placementConstraints);
        Objects.requireNonNull(healthCheckGracePeriod, "healthCheckGracePeriod");
        if (schedulingStrategy == SchedulingStrategy.DAEMON && !placementStrategies.isEmpty()) {
            throw new IllegalArgumentException("a DAEMON service places one task per instance and takes no "
                    + "placement strategies; remove them or use REPLICA");
        }
        if (schedulingStrategy == SchedulingStrategy.DAEMON && deploymentConfiguration.maximumPercent() != 100) {
            throw new IllegalArgumentException("a DAEMON service's maximumPercent must be 100, was "
                    + deploymentConfiguration.maximumPercent());
        }
        if (healthCheckGracePeriod.isNegative()) {
            throw new IllegalArgumentException("healthCheckGracePeriod must not be negative");
        }
        loadBalancers = List.copyOf(loadBalancers);
        serviceRegistries = List.copyOf(serviceRegistries);
        Objects.requireNonNull(serviceConnectConfiguration, "serviceConnectConfiguration");
        if (loadBalancers.size() > MAX_LOAD_BALANCERS) {
            throw new IllegalArgumentException("a service can have at most " + MAX_LOAD_BALANCERS
                    + " target groups in loadBalancers, had " + loadBalancers.size());
        }
        Set<String> targetGroups = new HashSet<>();
        for (LoadBalancer lb : loadBalancers) {
            if (!targetGroups.add(lb.targetGroupArn())) {
                throw new IllegalArgumentException("loadBalancers names target group " + lb.targetGroupArn()
                        + " twice; register each target group once");
            }
        }
        if (serviceRegistries.size() > 1) {
            throw new IllegalArgumentException("a service can have at most one entry in serviceRegistries, had "
                    + serviceRegistries.size());
        }
    }

    /**
     * The spec without load balancers, service registries or Service Connect.
     *
     * @param name unique within the cluster: up to 255 letters, digits, underscores and hyphens
     * @param taskDefinition the revision (or family, meaning its latest ACTIVE revision) to run
     * @param desiredCount tasks to keep running (REPLICA)
     * @param schedulingStrategy REPLICA or DAEMON
     * @param deploymentConfiguration rolling-deployment bounds and circuit breaker
     * @param placementStrategies how to choose among fitting instances, at most 5
     * @param placementConstraints binding placement rules, added to the task definition's
     * @param healthCheckGracePeriod how long after a task starts its failing health checks are ignored
     * @throws IllegalArgumentException if a field is out of ECS's range
     */
    public ServiceSpec(String name, TaskDefinitionRef taskDefinition, int desiredCount,
                       SchedulingStrategy schedulingStrategy, DeploymentConfiguration deploymentConfiguration,
                       List<PlacementStrategy> placementStrategies, List<PlacementConstraint> placementConstraints,
                       Duration healthCheckGracePeriod) {
        this(name, taskDefinition, desiredCount, schedulingStrategy, deploymentConfiguration, placementStrategies,
                placementConstraints, healthCheckGracePeriod, List.of(), List.of(),
                ServiceConnectConfiguration.disabled());
    }

    /**
     * @param name the service's name, unique among a cluster's ACTIVE and DRAINING services
     * @param taskDefinition the family (its latest ACTIVE revision) or revision to run
     * @return a builder for a REPLICA service of {@code name} running {@code taskDefinition}
     */
    public static Builder builder(String name, TaskDefinitionRef taskDefinition) {
        return new Builder(name, taskDefinition);
    }

    /** @return a builder holding this spec's values, for a changed copy (the name stays) */
    public Builder toBuilder() {
        Builder b = new Builder(name, taskDefinition).desiredCount(desiredCount).schedulingStrategy(schedulingStrategy)
                .deploymentConfiguration(deploymentConfiguration).placementStrategies(placementStrategies)
                .placementConstraints(placementConstraints).healthCheckGracePeriod(healthCheckGracePeriod)
                .serviceConnectConfiguration(serviceConnectConfiguration);
        loadBalancers.forEach(b::loadBalancer);
        serviceRegistries.forEach(b::serviceRegistry);
        return b;
    }

    /** @return the task group of the service's tasks, {@code service:<name>} */
    public String taskGroup() {
        return "service:" + name;
    }

    /**
     * @param count the new desired count, 0 or more
     * @return a copy with another desired count
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public ServiceSpec withDesiredCount(int count) {
        return new ServiceSpec(name, taskDefinition, count, schedulingStrategy, deploymentConfiguration,
                placementStrategies, placementConstraints, healthCheckGracePeriod, loadBalancers, serviceRegistries,
                serviceConnectConfiguration);
    }

    /** @return the strategies in force: the given ones or ECS's service default */
    public List<PlacementStrategy> effectivePlacementStrategies() {
        return placementStrategies.isEmpty() ? PlacementStrategy.serviceDefaults() : placementStrategies;
    }

    /**
     * @param ref the family or revision to run
     * @return a copy running another task definition
     */
    public ServiceSpec withTaskDefinition(TaskDefinitionRef ref) {
        return new ServiceSpec(name, ref, desiredCount, schedulingStrategy, deploymentConfiguration,
                placementStrategies, placementConstraints, healthCheckGracePeriod, loadBalancers, serviceRegistries,
                serviceConnectConfiguration);
    }

    /** @return whether its tasks are registered with target groups, a registry or a Service Connect namespace */
    public boolean hasServiceNetworking() {
        return !loadBalancers.isEmpty() || !serviceRegistries.isEmpty() || serviceConnectConfiguration.enabled();
    }

    /** Builds a {@link ServiceSpec} with ECS's defaults: REPLICA, 1 task, 100 %/200 %, no grace period. */
    public static final class Builder {
        private final String name;
        private TaskDefinitionRef taskDefinition;
        private int desiredCount = 1;
        private SchedulingStrategy schedulingStrategy = SchedulingStrategy.REPLICA;
        private DeploymentConfiguration deploymentConfiguration;
        private final List<PlacementStrategy> placementStrategies = new ArrayList<>();
        private final List<PlacementConstraint> placementConstraints = new ArrayList<>();
        private Duration healthCheckGracePeriod = Duration.ZERO;
        private final List<LoadBalancer> loadBalancers = new ArrayList<>();
        private final List<ServiceRegistry> serviceRegistries = new ArrayList<>();
        private ServiceConnectConfiguration serviceConnectConfiguration = ServiceConnectConfiguration.disabled();

        private Builder(String name, TaskDefinitionRef taskDefinition) {
            this.name = name;
            this.taskDefinition = taskDefinition;
        }

        /**
         * @param ref the family (its latest ACTIVE revision) or revision to run
         * @return this builder
         */
        public Builder taskDefinition(TaskDefinitionRef ref) {
            taskDefinition = Objects.requireNonNull(ref, "taskDefinition");
            return this;
        }

        /**
         * @param count tasks to keep running
         * @return this builder
         */
        public Builder desiredCount(int count) {
            desiredCount = count;
            return this;
        }

        /**
         * @param strategy REPLICA or DAEMON; DAEMON also switches the deployment defaults to 0 %/100 %
         * @return this builder
         */
        public Builder schedulingStrategy(SchedulingStrategy strategy) {
            schedulingStrategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * @param configuration rolling-deployment bounds and circuit breaker
         * @return this builder
         */
        public Builder deploymentConfiguration(DeploymentConfiguration configuration) {
            deploymentConfiguration = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /**
         * Adds a placement strategy; later ones break ties of earlier ones.
         *
         * @param strategy the strategy
         * @return this builder
         */
        public Builder placementStrategy(PlacementStrategy strategy) {
            placementStrategies.add(Objects.requireNonNull(strategy, "strategy"));
            return this;
        }

        /**
         * @param strategies the placement strategies, replacing those given so far
         * @return this builder
         */
        public Builder placementStrategies(List<PlacementStrategy> strategies) {
            placementStrategies.clear();
            strategies.forEach(this::placementStrategy);
            return this;
        }

        /**
         * @param constraints the binding placement constraints, replacing those given so far
         * @return this builder
         */
        public Builder placementConstraints(List<PlacementConstraint> constraints) {
            placementConstraints.clear();
            constraints.forEach(this::placementConstraint);
            return this;
        }

        /**
         * Adds a binding placement constraint.
         *
         * @param constraint the constraint
         * @return this builder
         */
        public Builder placementConstraint(PlacementConstraint constraint) {
            placementConstraints.add(Objects.requireNonNull(constraint, "constraint"));
            return this;
        }

        /**
         * @param grace how long after a task starts its health is ignored
         * @return this builder
         */
        public Builder healthCheckGracePeriod(Duration grace) {
            healthCheckGracePeriod = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /**
         * Registers the service's tasks with a target group.
         *
         * @param loadBalancer the target group and the container port registered
         * @return this builder
         */
        public Builder loadBalancer(LoadBalancer loadBalancer) {
            loadBalancers.add(Objects.requireNonNull(loadBalancer, "loadBalancer"));
            return this;
        }

        /**
         * Registers the service's tasks in a Cloud Map registry.
         *
         * @param registry the registry and the port registered
         * @return this builder
         */
        public Builder serviceRegistry(ServiceRegistry registry) {
            serviceRegistries.add(Objects.requireNonNull(registry, "registry"));
            return this;
        }

        /**
         * @param configuration the Service Connect namespace and the ports served there
         * @return this builder
         */
        public Builder serviceConnectConfiguration(ServiceConnectConfiguration configuration) {
            serviceConnectConfiguration = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException if the name is not 1-255 letters, digits, underscores and hyphens, the
         *     desired count or the health-check grace period is negative, a DAEMON service has placement
         *     strategies or a maximumPercent other than 100, or there are more than 5 load balancers, a target
         *     group twice, or more than one service registry
         */
        public ServiceSpec build() {
            DeploymentConfiguration configuration = deploymentConfiguration != null ? deploymentConfiguration
                    : schedulingStrategy == SchedulingStrategy.DAEMON ? DeploymentConfiguration.daemonDefaults()
                    : DeploymentConfiguration.replicaDefaults();
            return new ServiceSpec(name, taskDefinition, desiredCount, schedulingStrategy, configuration,
                    placementStrategies, placementConstraints, healthCheckGracePeriod, loadBalancers,
                    serviceRegistries, serviceConnectConfiguration);
        }
    }
}
