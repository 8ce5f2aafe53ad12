package dev.berth.kubernetes.managed;

import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import dev.berth.kubernetes.internal.BerthLabels;
import dev.berth.model.PlacementConstraint;
import dev.berth.service.CircuitBreakerThreshold;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentConfiguration;
import dev.berth.service.ServiceSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Berth service as a Kubernetes workload: a REPLICA service is a Deployment whose replicas are the desired count and
 * whose rolling update keeps ECS's bounds (maxSurge = the tasks maximumPercent allows above the desired count,
 * maxUnavailable = the tasks minimumHealthyPercent allows below it, both as whole numbers computed as ECS rounds); a
 * DAEMON service is a DaemonSet whose rolling update takes the same percentages. The workload's annotations keep what
 * Berth needs after a restart: the service's own name, its PRIMARY deployment and the last completed one, and the
 * circuit breaker's settings.
 */
final class Workloads {

    static final String DEPLOYMENT_ID = "berth.dev/deployment-id";
    static final String DEPLOYMENT_CREATED_AT = "berth.dev/deployment-created-at";
    static final String ROLLOUT_STATE = "berth.dev/rollout-state";
    static final String ROLLOUT_REASON = "berth.dev/rollout-reason";
    static final String FAILED_TASKS = "berth.dev/failed-tasks";
    static final String COMPLETED_DEPLOYMENT = "berth.dev/completed-deployment";
    static final String COMPLETED_TASK_DEFINITION = "berth.dev/completed-task-definition";
    static final String CIRCUIT_BREAKER = "berth.dev/circuit-breaker";
    /** Kubernetes' own limit for pod names leaves this much for a Deployment's name. */
    static final int MAX_NAME = 46;

    private Workloads() {
    }

    /**
     * @param service a Berth service name
     * @return its workload's name
     */
    static String name(String service) {
        return BerthLabels.dnsName(service, MAX_NAME);
    }

    /**
     * @param cluster the Berth cluster
     * @param service the Berth service
     * @return the labels that select the service's workload and pods
     */
    static Map<String, String> selector(String cluster, String service) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(BerthLabels.MANAGED_BY, BerthLabels.BERTH);
        labels.put(BerthLabels.CLUSTER, BerthLabels.labelValue(cluster));
        labels.put(BerthLabels.SERVICE, BerthLabels.labelValue(service));
        return labels;
    }

    static Deployment deployment(String namespace, String cluster, ServiceSpec spec, PodTemplateSpec template,
                                 Map<String, String> annotations) {
        DeploymentConfiguration bounds = spec.deploymentConfiguration();
        int desired = spec.desiredCount();
        int maxSurge = bounds.upperBound(desired) - desired;
        int maxUnavailable = desired - bounds.lowerBound(desired);
        if (desired > 0 && maxSurge <= 0 && maxUnavailable <= 0) {
            throw new InvalidSpecException("service '" + spec.name() + "' on Kubernetes", List.of(new SpecProblem(
                    "deploymentConfiguration", "kubernetes.rollingUpdate",
                    bounds.minimumHealthyPercent() + "%/" + bounds.maximumPercent() + "%",
                    "minimumHealthyPercent " + bounds.minimumHealthyPercent() + " and maximumPercent "
                            + bounds.maximumPercent() + " leave no room to replace a task of " + desired
                            + ": a Deployment needs to start one more task or stop one first; raise"
                            + " maximumPercent or lower minimumHealthyPercent")));
        }
        return new DeploymentBuilder()
                .withMetadata(metadata(namespace, cluster, spec.name(), annotations))
                .withNewSpec()
                .withReplicas(desired)
                .withNewSelector().withMatchLabels(selector(cluster, spec.name())).endSelector()
                .withTemplate(template)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(Math.max(0, maxSurge)))
                // Kubernetes refuses 0/0 even for no replicas: nothing is replaced then anyway.
                .withMaxUnavailable(new IntOrString(desired == 0 ? 1 : Math.max(0, maxUnavailable)))
                .endRollingUpdate().endStrategy()
                .endSpec()
                .build();
    }

    static DaemonSet daemonSet(String namespace, String cluster, ServiceSpec spec, PodTemplateSpec template,
                               Map<String, String> annotations) {
        DeploymentConfiguration bounds = spec.deploymentConfiguration();
        int surge = Math.max(0, bounds.maximumPercent() - 100);
        int unavailable = 100 - bounds.minimumHealthyPercent();
        if (surge == 0 && unavailable == 0) {
            throw new InvalidSpecException("service '" + spec.name() + "' on Kubernetes", List.of(new SpecProblem(
                    "deploymentConfiguration", "kubernetes.rollingUpdate", "100%/100%",
                    "a DaemonSet needs maximumPercent above 100 or minimumHealthyPercent below 100 to replace its"
                            + " pods")));
        }
        return new DaemonSetBuilder()
                .withMetadata(metadata(namespace, cluster, spec.name(), annotations))
                .withNewSpec()
                .withNewSelector().withMatchLabels(selector(cluster, spec.name())).endSelector()
                .withTemplate(template)
                .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(surge + "%"))
                .withMaxUnavailable(new IntOrString(surge > 0 ? "0%" : unavailable + "%"))
                .endRollingUpdate().endUpdateStrategy()
                .endSpec()
                .build();
    }

    private static ObjectMeta metadata(String namespace, String cluster, String service,
                                       Map<String, String> annotations) {
        Map<String, String> all = new TreeMap<>(annotations);
        all.put(BerthLabels.SERVICE_NAME, service);
        all.put(BerthLabels.CLUSTER_NAME, cluster);
        return new ObjectMetaBuilder().withName(name(service)).withNamespace(namespace)
                .withLabels(selector(cluster, service)).withAnnotations(all).build();
    }

    /** @return the constraints a service's tasks obey: the task definition's and the service's */
    static List<PlacementConstraint> constraints(List<PlacementConstraint> definition, ServiceSpec spec) {
        return java.util.stream.Stream.concat(definition.stream(), spec.placementConstraints().stream()).toList();
    }

    /**
     * @param breaker a service's circuit breaker
     * @return it as an annotation value
     */
    static String breaker(DeploymentCircuitBreaker breaker) {
        return breaker.enabled() + "," + breaker.rollback() + "," + breaker.threshold().type() + ","
                + breaker.threshold().value();
    }

    /**
     * @param annotation a {@link #breaker(DeploymentCircuitBreaker)} value, or null
     * @return the circuit breaker it stands for; disabled if there is none
     */
    static DeploymentCircuitBreaker breaker(String annotation) {
        if (annotation == null) {
            return DeploymentCircuitBreaker.disabled();
        }
        String[] parts = annotation.split(",");
        return new DeploymentCircuitBreaker(Boolean.parseBoolean(parts[0]), Boolean.parseBoolean(parts[1]),
                new CircuitBreakerThreshold(CircuitBreakerThreshold.Type.valueOf(parts[2]),
                        Integer.parseInt(parts[3])));
    }
}
