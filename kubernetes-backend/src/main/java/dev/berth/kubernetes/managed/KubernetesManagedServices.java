package dev.berth.kubernetes.managed;

import dev.berth.exception.ConflictException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.exception.SpecProblem;
import dev.berth.kubernetes.KubernetesBackendConfig;
import dev.berth.kubernetes.internal.BerthLabels;
import dev.berth.kubernetes.internal.KubernetesErrors;
import dev.berth.kubernetes.internal.KubernetesPlacement;
import dev.berth.kubernetes.internal.PodTemplates;
import dev.berth.kubernetes.internal.TaskPods;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.service.DeploymentCircuitBreaker;
import dev.berth.service.DeploymentStatus;
import dev.berth.service.RolloutState;
import dev.berth.service.SchedulingStrategy;
import dev.berth.service.ServiceEvent;
import dev.berth.service.ServiceEventTexts;
import dev.berth.service.ServiceSpec;
import dev.berth.service.ServiceStatus;
import dev.berth.spi.ManagedDeployment;
import dev.berth.spi.ManagedServiceStatus;
import dev.berth.spi.ManagedServices;
import dev.berth.task.RunTaskRequest;
import dev.berth.task.RunTaskResult;
import dev.berth.task.Task;
import dev.berth.task.TaskStatus;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services that Kubernetes keeps, as ECS keeps its services: a REPLICA service is a Deployment, a DAEMON service a
 * DaemonSet ({@link Workloads}); RunTask is pods that Kubernetes' scheduler places. Kubernetes rolls a new revision
 * out within the service's bounds but never gives up and never rolls back by itself, so Berth adds ECS's deployment
 * circuit breaker on top: every {@link KubernetesBackendConfig#pollInterval()} it counts the failures of the PRIMARY
 * deployment's pods (container restarts, containers that exited with an error, images that cannot be pulled); when
 * they reach the breaker's threshold the deployment is FAILED and, with rollback, the workload's template goes back
 * to the last COMPLETED deployment's revision (a new deployment, as on ECS), else the Deployment is paused. A
 * deployment is COMPLETED once every replica runs the new template and is available, and has stayed so without a
 * new failure for {@link KubernetesBackendConfig#rolloutSettleTime()}.
 *
 * <p>Each Berth deployment has an id ({@code k8s-deploy/} and 19 digits) that its pods carry as their
 * {@code startedBy}; status, deployments, events and tasks come back in ECS's shapes. Events are kept in memory.
 */
public final class KubernetesManagedServices implements ManagedServices, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesManagedServices.class);
    private static final String ID_PREFIX = "k8s-deploy/";
    private static final int MAX_EDIT_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final KubernetesBackendConfig config;
    private final TaskPods pods;
    private final SecureRandom random = new SecureRandom();
    private final Map<ServiceKey, EventLog> events = new ConcurrentHashMap<>();
    private final Set<ServiceKey> tracked = ConcurrentHashMap.newKeySet();
    /** Since when each service's PRIMARY deployment has been fully rolled out, and its failures then. */
    private final Map<ServiceKey, Settling> settling = new ConcurrentHashMap<>();
    private final ScheduledExecutorService breakerLoop;

    /** A service of a cluster. */
    private record ServiceKey(String cluster, String service) {
    }

    /** A deployment seen fully rolled out since {@code since}, with {@code failures} counted then. */
    private record Settling(String deploymentId, Instant since, int failures) {
    }

    /**
     * @param client the client every call goes through; not closed here
     * @param config namespaces, clock and the breaker's poll interval
     * @param pods the backend's task pods, for templates and task states
     */
    public KubernetesManagedServices(KubernetesClient client, KubernetesBackendConfig config, TaskPods pods) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.pods = Objects.requireNonNull(pods, "pods");
        this.breakerLoop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "berth-k8s-deployments");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.pollInterval().toMillis();
        breakerLoop.scheduleWithFixedDelay(this::checkDeployments, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void createService(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition) {
        if (workload(cluster, spec.name()).isPresent()) {
            throw new ConflictException("Service " + cluster + "/" + spec.name() + " already exists in namespace "
                    + config.namespace(cluster) + "; update it, or delete it and wait until it is gone.");
        }
        String deploymentId = newDeploymentId();
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(Workloads.CIRCUIT_BREAKER, Workloads.breaker(spec.deploymentConfiguration().circuitBreaker()));
        newDeployment(annotations, deploymentId);
        HasMetadata workload = workloadOf(cluster, spec, template(cluster, spec, taskDefinition, deploymentId),
                annotations);
        String namespace = config.namespace(cluster);
        KubernetesErrors.run("create the workload of service " + spec.name() + " in namespace " + namespace,
                () -> client.resource(workload).inNamespace(namespace).create());
        tracked.add(new ServiceKey(cluster, spec.name()));
    }

    @Override
    public void updateService(String cluster, ServiceSpec spec, RegisteredTaskDefinition taskDefinition,
                              boolean forceNewDeployment) {
        HasMetadata current = workload(cluster, spec.name()).orElseThrow(() -> notFound(cluster, spec.name()));
        boolean daemon = current instanceof DaemonSet;
        if (daemon != (spec.schedulingStrategy() == SchedulingStrategy.DAEMON)) {
            throw new InvalidSpecException("service '" + spec.name() + "'", List.of(new SpecProblem(
                    "schedulingStrategy", "kubernetes.schedulingStrategy", spec.schedulingStrategy().name(),
                    "a service's scheduling strategy cannot change; create a new service")));
        }
        ServiceKey key = new ServiceKey(cluster, spec.name());
        // Computed from the workload as read at each attempt: the breaker's checks change it too.
        edit(key, current, w -> {
            Map<String, String> annotations = new TreeMap<>(w.getMetadata().getAnnotations());
            annotations.put(Workloads.CIRCUIT_BREAKER,
                    Workloads.breaker(spec.deploymentConfiguration().circuitBreaker()));
            String runningArn = template(w).getMetadata().getAnnotations().get(BerthLabels.TASK_DEFINITION);
            String deploymentId = annotations.get(Workloads.DEPLOYMENT_ID);
            if (forceNewDeployment || !taskDefinition.arn().equals(runningArn)) {
                deploymentId = newDeploymentId();
                newDeployment(annotations, deploymentId);
                settling.remove(key);
            }
            HasMetadata wanted = workloadOf(cluster, spec, template(cluster, spec, taskDefinition, deploymentId),
                    annotations);
            w.getMetadata().setAnnotations(wanted.getMetadata().getAnnotations());
            w.getMetadata().setLabels(wanted.getMetadata().getLabels());
            if (w instanceof Deployment d) {
                d.setSpec(((Deployment) wanted).getSpec());
            } else {
                ((DaemonSet) w).setSpec(((DaemonSet) wanted).getSpec());
            }
            return w;
        });
        tracked.add(key);
    }

    /** Deletes the workload in the foreground: it is DRAINING until Kubernetes stopped its pods, then gone. */
    @Override
    public void deleteService(String cluster, String service, boolean force) {
        HasMetadata current = workload(cluster, service).orElseThrow(() -> notFound(cluster, service));
        if (!force && current instanceof Deployment deployment && deployment.getSpec().getReplicas() > 0) {
            throw new ConflictException("The service cannot be stopped while it is scaled above 0. Scale " + cluster
                    + "/" + service + " to 0 first, or delete it with force.");
        }
        KubernetesErrors.run("delete the workload of service " + service, () -> client.resource(current)
                .inNamespace(config.namespace(cluster))
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete());
    }

    @Override
    public Optional<ManagedServiceStatus> describeService(String cluster, String service) {
        ServiceKey key = new ServiceKey(cluster, service);
        Optional<HasMetadata> found = workload(cluster, service);
        if (found.isEmpty()) {
            tracked.remove(key);
            return Optional.empty();
        }
        tracked.add(key);
        HasMetadata workload = found.get();
        Map<String, String> annotations = workload.getMetadata().getAnnotations();
        String primaryId = annotations.get(Workloads.DEPLOYMENT_ID);
        List<Task> tasks = serviceTasks(cluster, service);
        Map<String, List<Task>> byDeployment = new LinkedHashMap<>();
        tasks.stream().filter(Task::isLive)
                .forEach(t -> byDeployment.computeIfAbsent(t.startedBy(), id -> new ArrayList<>()).add(t));
        List<ManagedDeployment> deployments = new ArrayList<>();
        Instant primaryCreated = Instant.parse(annotations.get(Workloads.DEPLOYMENT_CREATED_AT));
        RegisteredTaskDefinition primaryRevision = revision(template(workload));
        deployments.add(new ManagedDeployment(primaryId, primaryRevision, DeploymentStatus.PRIMARY,
                RolloutState.valueOf(annotations.getOrDefault(Workloads.ROLLOUT_STATE, "IN_PROGRESS")),
                annotations.getOrDefault(Workloads.ROLLOUT_REASON, ""),
                Integer.parseInt(annotations.getOrDefault(Workloads.FAILED_TASKS, "0")),
                running(byDeployment.get(primaryId)), pending(byDeployment.get(primaryId)), primaryCreated,
                primaryCreated));
        byDeployment.forEach((id, live) -> {
            if (id.equals(primaryId)) {
                return;
            }
            Instant created = live.stream().map(Task::createdAt).min(Comparator.naturalOrder()).orElseThrow();
            RegisteredTaskDefinition revision = pods.revision(live.get(0).taskDefinitionArn()).orElse(primaryRevision);
            boolean completed = id.equals(annotations.get(Workloads.COMPLETED_DEPLOYMENT));
            deployments.add(new ManagedDeployment(id, revision, DeploymentStatus.ACTIVE,
                    completed ? RolloutState.COMPLETED : RolloutState.FAILED, "", 0, running(live), pending(live),
                    created, created));
        });
        int desired = desiredCount(workload);
        List<Task> live = tasks.stream().filter(Task::isLive).toList();
        return Optional.of(new ManagedServiceStatus(
                workload.getMetadata().getDeletionTimestamp() != null ? ServiceStatus.DRAINING : ServiceStatus.ACTIVE,
                desired, running(live), pending(live), deployments,
                events.getOrDefault(key, EventLog.EMPTY).events()));
    }

    /**
     * Pods that Kubernetes' scheduler places, with the request's placement rules translated ({@link
     * KubernetesPlacement}); the tasks go by their pods' names. The scheduler may place them later: a pod it cannot
     * place stays PROVISIONING, with the scheduler's reason in its events.
     *
     * @param cluster the cluster
     * @param revision the revision the request names
     * @param group the tasks' group
     * @param request how many, who starts them, overrides and placement rules
     * @return the tasks, PROVISIONING or later
     */
    public RunTaskResult runTasks(String cluster, RegisteredTaskDefinition revision, String group,
                                  RunTaskRequest request) {
        String namespace = config.namespace(cluster);
        PodTemplateSpec template = pods.template(cluster, revision, request.overrides(), false);
        Map<String, String> groupLabels = new TreeMap<>();
        groupLabels.put(BerthLabels.MANAGED_BY, BerthLabels.BERTH);
        groupLabels.put(BerthLabels.CLUSTER, BerthLabels.labelValue(cluster));
        groupLabels.put(BerthLabels.GROUP, BerthLabels.labelValue(group));
        KubernetesPlacement.apply(template.getSpec(), "task '" + revision.ref() + "'",
                Stream.concat(revision.definition().placementConstraints().stream(),
                        request.placementConstraints().stream()).toList(),
                request.placementStrategies(), groupLabels);
        List<Task> started = new ArrayList<>();
        for (int i = 0; i < request.count(); i++) {
            String name = BerthLabels.dnsName(revision.family(), 40) + "-"
                    + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
            Pod pod = new PodBuilder().withMetadata(template.getMetadata()).withSpec(template.getSpec())
                    .editMetadata().withName(name).withNamespace(namespace).endMetadata().build();
            TaskPods.label(pod, cluster, group, request.startedBy().orElse(""));
            Pod created = KubernetesErrors.call("create pod " + name + " in namespace " + namespace,
                    () -> client.pods().inNamespace(namespace).resource(pod).create());
            started.add(pods.observed(cluster, created));
        }
        return new RunTaskResult(started, Optional.empty());
    }

    /**
     * @param cluster a cluster
     * @return whether it has Kubernetes-managed services
     */
    public boolean hasServices(String cluster) {
        String namespace = config.namespace(cluster);
        Map<String, String> labels = Map.of(BerthLabels.MANAGED_BY, BerthLabels.BERTH,
                BerthLabels.CLUSTER, BerthLabels.labelValue(cluster));
        return !client.apps().deployments().inNamespace(namespace).withLabels(labels).list().getItems().isEmpty()
                || !client.apps().daemonSets().inNamespace(namespace).withLabels(labels).list().getItems().isEmpty();
    }

    /**
     * Evicts the cluster's Deployment pods from a node, so that their Deployments start them elsewhere (the node is
     * cordoned); DaemonSet pods stay, as ECS stops a daemon's tasks last.
     *
     * @param cluster the cluster
     * @param node the draining node
     */
    public void evictServicePods(String cluster, String node) {
        String namespace = config.namespace(cluster);
        List<Pod> there = KubernetesErrors.call("list pods on node " + node, () -> client.pods().inNamespace(namespace)
                .withLabel(BerthLabels.MANAGED_BY, BerthLabels.BERTH)
                .withLabel(BerthLabels.CLUSTER, BerthLabels.labelValue(cluster))
                .withLabel(BerthLabels.SERVICE)
                .withField("spec.nodeName", node).list().getItems());
        for (Pod pod : there) {
            boolean replicaSet = pod.getMetadata().getOwnerReferences() != null && pod.getMetadata()
                    .getOwnerReferences().stream().anyMatch(o -> "ReplicaSet".equals(o.getKind()));
            if (replicaSet) {
                KubernetesErrors.run("evict pod " + pod.getMetadata().getName(),
                        () -> client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).evict());
            }
        }
    }

    /** Stops the breaker's checks, waiting (at most 5 s) for one that runs, so that none outlives the client. */
    @Override
    public void close() {
        breakerLoop.shutdown();
        try {
            if (!breakerLoop.awaitTermination(5, TimeUnit.SECONDS)) {
                breakerLoop.shutdownNow();
            }
        } catch (InterruptedException e) {
            breakerLoop.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // The circuit breaker
    // ----------------------------------------------------------------------------------------------------------

    private void checkDeployments() {
        for (ServiceKey key : tracked) {
            try {
                checkDeployment(key);
            } catch (RuntimeException e) {
                LOG.warn("Checking the deployment of cluster={} service={} failed; checked again in {}",
                        key.cluster(), key.service(), config.pollInterval(), e);
            }
        }
    }

    private void checkDeployment(ServiceKey key) {
        Optional<HasMetadata> found = workload(key.cluster(), key.service());
        if (found.isEmpty()) {
            tracked.remove(key);
            return;
        }
        HasMetadata workload = found.get();
        if (workload.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        reportUnschedulable(key);
        Map<String, String> annotations = workload.getMetadata().getAnnotations();
        if (!"IN_PROGRESS".equals(annotations.get(Workloads.ROLLOUT_STATE))) {
            return;
        }
        String primaryId = annotations.get(Workloads.DEPLOYMENT_ID);
        DeploymentCircuitBreaker breaker = Workloads.breaker(annotations.get(Workloads.CIRCUIT_BREAKER));
        int desired = desiredCount(workload);
        int failed = failures(key, primaryId);
        int threshold = breaker.threshold().failuresToTrip(desired);
        if (breaker.enabled() && failed >= threshold) {
            trip(key, workload, primaryId, failed, threshold, breaker.rollback());
        } else if (settled(key, workload, primaryId, failed)) {
            settling.remove(key);
            editAnnotations(key, workload, a -> {
                a.put(Workloads.ROLLOUT_STATE, RolloutState.COMPLETED.name());
                a.put(Workloads.ROLLOUT_REASON, "");
                a.put(Workloads.COMPLETED_DEPLOYMENT, primaryId);
                a.put(Workloads.COMPLETED_TASK_DEFINITION,
                        template(workload).getMetadata().getAnnotations().get(BerthLabels.TASK_DEFINITION));
            });
            record(key, ServiceEvent.Kind.SERVICE_DEPLOYMENT_COMPLETED,
                    ServiceEventTexts.deploymentCompleted(key.service(), primaryId));
            record(key, ServiceEvent.Kind.SERVICE_STEADY_STATE, ServiceEventTexts.steadyState(key.service()));
        } else if (!String.valueOf(failed).equals(annotations.getOrDefault(Workloads.FAILED_TASKS, "0"))) {
            editAnnotations(key, workload, a -> a.put(Workloads.FAILED_TASKS, String.valueOf(failed)));
        }
    }

    private void trip(ServiceKey key, HasMetadata workload, String failedId, int failed, int threshold,
                      boolean rollback) {
        Map<String, String> annotations = workload.getMetadata().getAnnotations();
        String reason = ServiceEventTexts.circuitBreakerReason(failed, threshold);
        LOG.info("Deployment circuit breaker tripped for cluster={} service={} deployment={}: {}", key.cluster(),
                key.service(), failedId, reason);
        record(key, ServiceEvent.Kind.SERVICE_DEPLOYMENT_FAILED,
                ServiceEventTexts.deploymentFailed(key.service(), failedId));
        String targetId = annotations.get(Workloads.COMPLETED_DEPLOYMENT);
        Optional<RegisteredTaskDefinition> target = Optional.ofNullable(
                        annotations.get(Workloads.COMPLETED_TASK_DEFINITION))
                .flatMap(arn -> pods.revision(arn).or(() -> revisionFromReplicaSets(key, targetId)));
        if (rollback && target.isPresent()) {
            record(key, ServiceEvent.Kind.SERVICE_DEPLOYMENT_IN_PROGRESS,
                    ServiceEventTexts.rollingBack(key.service(), failedId, targetId));
            String newId = newDeploymentId();
            PodTemplateSpec template = pods.template(key.cluster(), target.get(), List.of(), true);
            PodTemplateSpec failedTemplate = template(workload);
            // The placement rules stay those of the service.
            template.getSpec().setAffinity(failedTemplate.getSpec().getAffinity());
            template.getSpec().setTopologySpreadConstraints(failedTemplate.getSpec().getTopologySpreadConstraints());
            decorate(template, key.cluster(), key.service(), newId);
            edit(key, workload, w -> {
                setTemplate(w, template);
                Map<String, String> a = w.getMetadata().getAnnotations();
                newDeployment(a, newId);
                return w;
            });
        } else {
            edit(key, workload, w -> {
                Map<String, String> a = w.getMetadata().getAnnotations();
                a.put(Workloads.ROLLOUT_STATE, RolloutState.FAILED.name());
                a.put(Workloads.ROLLOUT_REASON, reason);
                a.put(Workloads.FAILED_TASKS, String.valueOf(failed));
                // ECS stops launching tasks of a failed deployment; a paused Deployment stops rolling.
                if (w instanceof Deployment d) {
                    d.getSpec().setPaused(true);
                }
                return w;
            });
        }
    }

    /**
     * A deployment is COMPLETED once the workload has stayed fully rolled out, with no new failure, for
     * {@link KubernetesBackendConfig#rolloutSettleTime()}: a pod that turns Ready and crashes a moment later must not
     * complete a bad revision's deployment before the breaker counts it.
     */
    private boolean settled(ServiceKey key, HasMetadata workload, String deploymentId, int failures) {
        if (!complete(workload)) {
            settling.remove(key);
            return false;
        }
        Instant now = config.clock().instant();
        Settling since = settling.get(key);
        if (since == null || !since.deploymentId().equals(deploymentId) || since.failures() != failures) {
            settling.put(key, new Settling(deploymentId, now, failures));
            return false;
        }
        return !now.isBefore(since.since().plus(config.rolloutSettleTime()));
    }

    /**
     * Kubernetes' scheduler says on a pod it cannot place why no node takes it ("0/3 nodes are available: 3
     * Insufficient memory."); that becomes the service's placement-failure event, in ECS's words with the scheduler's
     * reasons. A repeated message is suppressed as ECS suppresses repeated events.
     */
    private void reportUnschedulable(ServiceKey key) {
        client.pods().inNamespace(config.namespace(key.cluster()))
                .withLabels(Workloads.selector(key.cluster(), key.service()))
                .withField("spec.nodeName", "")
                .list().getItems().stream()
                .flatMap(p -> p.getStatus() == null || p.getStatus().getConditions() == null ? Stream.empty()
                        : p.getStatus().getConditions().stream())
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason()) && c.getMessage() != null)
                .map(c -> c.getMessage())
                .findFirst()
                .ifPresent(why -> record(key, ServiceEvent.Kind.SERVICE_TASK_PLACEMENT_FAILURE,
                        ServiceEventTexts.unplaceable(key.service(), why)));
    }

    /** @return the failures of a deployment's pods: restarts, containers exited with an error, failed starts */
    private int failures(ServiceKey key, String deploymentId) {
        List<Pod> deploymentPods = client.pods().inNamespace(config.namespace(key.cluster()))
                .withLabels(Workloads.selector(key.cluster(), key.service()))
                .withLabel(BerthLabels.DEPLOYMENT, deploymentLabel(deploymentId))
                .list().getItems();
        int failures = 0;
        for (Pod pod : deploymentPods) {
            if ("Failed".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
                failures++;
                continue;
            }
            List<ContainerStatus> statuses = pod.getStatus() == null ? List.of()
                    : Stream.concat(Optional.ofNullable(pod.getStatus().getContainerStatuses()).orElse(List.of())
                                    .stream(),
                            Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).orElse(List.of()).stream())
                    .toList();
            for (ContainerStatus status : statuses) {
                failures += Optional.ofNullable(status.getRestartCount()).orElse(0);
                var state = status.getState();
                if (state != null && state.getTerminated() != null
                        && !Integer.valueOf(0).equals(state.getTerminated().getExitCode())) {
                    failures++;
                } else if (state != null && state.getWaiting() != null
                        && Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError",
                        "CreateContainerError", "RunContainerError").contains(state.getWaiting().getReason())) {
                    failures++;
                }
            }
        }
        return failures;
    }

    /**
     * @return a Deployment's replicas; a DaemonSet's nodes to run on, as its controller counted them, or, until it
     *     has looked at the DaemonSet's latest spec, the nodes that are the instances and take new pods
     */
    private int desiredCount(HasMetadata workload) {
        if (workload instanceof Deployment deployment) {
            return deployment.getSpec().getReplicas();
        }
        var status = ((DaemonSet) workload).getStatus();
        if (status != null && status.getObservedGeneration() != null
                && status.getObservedGeneration() >= workload.getMetadata().getGeneration()) {
            return value(status.getDesiredNumberScheduled());
        }
        return (int) client.nodes().withLabels(config.nodeSelector()).list().getItems().stream()
                .filter(n -> n.getSpec() == null || !Boolean.TRUE.equals(n.getSpec().getUnschedulable()))
                .count();
    }

    private static boolean complete(HasMetadata workload) {
        Long generation = workload.getMetadata().getGeneration();
        if (workload instanceof Deployment deployment) {
            var status = deployment.getStatus();
            int replicas = deployment.getSpec().getReplicas();
            return status != null && status.getObservedGeneration() != null
                    && status.getObservedGeneration() >= generation
                    && value(status.getUpdatedReplicas()) == replicas
                    && value(status.getAvailableReplicas()) == replicas
                    && value(status.getReplicas()) == replicas;
        }
        var status = ((DaemonSet) workload).getStatus();
        return status != null && status.getObservedGeneration() != null
                && status.getObservedGeneration() >= generation
                && value(status.getUpdatedNumberScheduled()) == value(status.getDesiredNumberScheduled())
                && value(status.getNumberAvailable()) == value(status.getDesiredNumberScheduled())
                && value(status.getCurrentNumberScheduled()) == value(status.getDesiredNumberScheduled());
    }

    private static int value(Integer maybe) {
        return maybe == null ? 0 : maybe;
    }

    private Optional<RegisteredTaskDefinition> revisionFromReplicaSets(ServiceKey key, String deploymentId) {
        if (deploymentId == null) {
            return Optional.empty();
        }
        return client.apps().replicaSets().inNamespace(config.namespace(key.cluster()))
                .withLabels(Workloads.selector(key.cluster(), key.service()))
                .withLabel(BerthLabels.DEPLOYMENT, deploymentLabel(deploymentId))
                .list().getItems().stream().findFirst()
                .map(ReplicaSet::getSpec).map(s -> s.getTemplate().getMetadata().getAnnotations())
                .map(a -> a.get(BerthLabels.TASK_DEFINITION_JSON)).map(PodTemplates::revisionFromJson);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Workloads
    // ----------------------------------------------------------------------------------------------------------

    private PodTemplateSpec template(String cluster, ServiceSpec spec, RegisteredTaskDefinition revision,
                                     String deploymentId) {
        PodTemplateSpec template = pods.template(cluster, revision, List.of(), true);
        KubernetesPlacement.apply(template.getSpec(), "service '" + spec.name() + "'",
                Workloads.constraints(revision.definition().placementConstraints(), spec),
                spec.placementStrategies(), Workloads.selector(cluster, spec.name()));
        decorate(template, cluster, spec.name(), deploymentId);
        return template;
    }

    private static void decorate(PodTemplateSpec template, String cluster, String service, String deploymentId) {
        String group = "service:" + service;
        template.getMetadata().getLabels().putAll(Workloads.selector(cluster, service));
        template.getMetadata().getLabels().put(BerthLabels.GROUP, BerthLabels.labelValue(group));
        template.getMetadata().getLabels().put(BerthLabels.DEPLOYMENT, deploymentLabel(deploymentId));
        template.getMetadata().getAnnotations().put(BerthLabels.GROUP, group);
        template.getMetadata().getAnnotations().put(BerthLabels.STARTED_BY, deploymentId);
        template.getMetadata().getAnnotations().put(BerthLabels.CLUSTER_NAME, cluster);
    }

    private HasMetadata workloadOf(String cluster, ServiceSpec spec, PodTemplateSpec template,
                                   Map<String, String> annotations) {
        String namespace = config.namespace(cluster);
        return spec.schedulingStrategy() == SchedulingStrategy.DAEMON
                ? Workloads.daemonSet(namespace, cluster, spec, template, annotations)
                : Workloads.deployment(namespace, cluster, spec, template, annotations);
    }

    private void newDeployment(Map<String, String> annotations, String deploymentId) {
        annotations.put(Workloads.DEPLOYMENT_ID, deploymentId);
        annotations.put(Workloads.DEPLOYMENT_CREATED_AT, config.clock().instant().toString());
        annotations.put(Workloads.ROLLOUT_STATE, RolloutState.IN_PROGRESS.name());
        annotations.put(Workloads.ROLLOUT_REASON, "");
        annotations.put(Workloads.FAILED_TASKS, "0");
    }

    private Optional<HasMetadata> workload(String cluster, String service) {
        String namespace = config.namespace(cluster);
        String name = Workloads.name(service);
        Deployment deployment = KubernetesErrors.call("read deployment " + name, () -> client.apps().deployments()
                .inNamespace(namespace).withName(name).get());
        if (isService(deployment, cluster, service)) {
            return Optional.of(deployment);
        }
        DaemonSet daemonSet = KubernetesErrors.call("read daemon set " + name, () -> client.apps().daemonSets()
                .inNamespace(namespace).withName(name).get());
        return isService(daemonSet, cluster, service) ? Optional.of(daemonSet) : Optional.empty();
    }

    private static boolean isService(HasMetadata workload, String cluster, String service) {
        if (workload == null || workload.getMetadata().getAnnotations() == null) {
            return false;
        }
        Map<String, String> annotations = workload.getMetadata().getAnnotations();
        return service.equals(annotations.get(BerthLabels.SERVICE_NAME))
                && cluster.equals(annotations.get(BerthLabels.CLUSTER_NAME));
    }

    private static PodTemplateSpec template(HasMetadata workload) {
        return workload instanceof Deployment d ? d.getSpec().getTemplate()
                : ((DaemonSet) workload).getSpec().getTemplate();
    }

    private static void setTemplate(HasMetadata workload, PodTemplateSpec template) {
        if (workload instanceof Deployment d) {
            d.getSpec().setTemplate(template);
            d.getSpec().setPaused(null);
        } else {
            ((DaemonSet) workload).getSpec().setTemplate(template);
        }
    }

    private RegisteredTaskDefinition revision(PodTemplateSpec template) {
        Map<String, String> annotations = template.getMetadata().getAnnotations();
        return pods.revision(annotations.get(BerthLabels.TASK_DEFINITION))
                .orElseGet(() -> PodTemplates.revisionFromJson(annotations.get(BerthLabels.TASK_DEFINITION_JSON)));
    }

    private void editAnnotations(ServiceKey key, HasMetadata workload,
                                 java.util.function.Consumer<Map<String, String>> change) {
        edit(key, workload, w -> {
            change.accept(w.getMetadata().getAnnotations());
            return w;
        });
    }

    /**
     * Reads the workload, changes it and writes it back with the resource version it was read at; when someone else
     * (a controller updating its status, another check) wrote in between, reads it again and changes that.
     */
    private void edit(ServiceKey key, HasMetadata workload, UnaryOperator<HasMetadata> change) {
        String namespace = config.namespace(key.cluster());
        String name = workload.getMetadata().getName();
        for (int attempt = 1; ; attempt++) {
            try {
                if (workload instanceof Deployment) {
                    client.apps().deployments().inNamespace(namespace).withName(name)
                            .edit(d -> (Deployment) change.apply(d));
                } else {
                    client.apps().daemonSets().inNamespace(namespace).withName(name)
                            .edit(d -> (DaemonSet) change.apply(d));
                }
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == MAX_EDIT_ATTEMPTS) {
                    throw KubernetesErrors.translate("update the workload of service " + key.service(), e);
                }
            }
        }
    }

    private List<Task> serviceTasks(String cluster, String service) {
        String group = "service:" + service;
        return pods.tasks(cluster).stream().filter(t -> t.group().equals(group)).toList();
    }

    private static int running(List<Task> tasks) {
        return tasks == null ? 0 : (int) tasks.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
    }

    private static int pending(List<Task> tasks) {
        return tasks == null ? 0 : (int) tasks.stream().filter(t -> t.lastStatus() != TaskStatus.RUNNING).count();
    }

    private void record(ServiceKey key, ServiceEvent.Kind kind, String message) {
        events.compute(key, (k, log) -> (log == null ? EventLog.EMPTY : log)
                .record(new ServiceEvent(config.clock().instant(), kind, message)));
    }

    private String newDeploymentId() {
        long digits = 1_000_000_000_000_000_000L + Math.floorMod(random.nextLong(), 8_000_000_000_000_000_000L);
        return ID_PREFIX + digits;
    }

    /** @return a deployment id as a label value: its digits */
    static String deploymentLabel(String deploymentId) {
        return BerthLabels.labelValue(deploymentId.startsWith(ID_PREFIX)
                ? deploymentId.substring(ID_PREFIX.length()) : deploymentId);
    }

    private static ResourceNotFoundException notFound(String cluster, String service) {
        return new ResourceNotFoundException("Service " + cluster + "/" + service + " does not exist in Kubernetes.");
    }
}
