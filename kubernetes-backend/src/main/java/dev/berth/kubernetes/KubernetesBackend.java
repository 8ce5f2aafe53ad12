package dev.berth.kubernetes;

import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.kubernetes.internal.BerthLabels;
import dev.berth.kubernetes.internal.KubernetesErrors;
import dev.berth.kubernetes.internal.NodeInstances;
import dev.berth.kubernetes.internal.PodChangeSignals;
import dev.berth.kubernetes.internal.PodTasks.RequestedStop;
import dev.berth.kubernetes.internal.PodTasks;
import dev.berth.kubernetes.internal.PodTemplates;
import dev.berth.kubernetes.internal.TaskPods;
import dev.berth.kubernetes.managed.KubernetesManagedServices;
import dev.berth.model.ContainerDefinition;
import dev.berth.model.InstanceStatus;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.spi.BackendCapabilities;
import dev.berth.spi.ComputeBackend;
import dev.berth.spi.ContainerInstance;
import dev.berth.spi.ManagedServices;
import dev.berth.spi.ManagedTasks;
import dev.berth.spi.StartTaskRequest;
import dev.berth.spi.Subscription;
import dev.berth.task.StopCode;
import dev.berth.task.Task;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Berth on Kubernetes (and EKS, see {@link dev.berth.kubernetes.eks.EksConnection}). The instances are the nodes
 * (allocatable CPU and memory, labels as attributes, a cordoned node DRAINING, a NotReady one disconnected); a Berth
 * cluster is a namespace ({@link KubernetesBackendConfig#namespace}); a task is a pod made from the task definition
 * ({@link PodTemplates} says how, field by field).
 *
 * <p>A task Berth places ({@link #startTask}) is a pod with Berth's {@code schedulerName}, so that Kubernetes'
 * scheduler leaves it alone, bound to the chosen node through the Binding API, as custom Kubernetes schedulers do. It
 * restarts nothing in place: an exited essential container stops the task, as on ECS, and Berth's reconciler
 * replaces it. In {@link KubernetesBackendConfig.Mode#MANAGED} mode (the default) services are Deployments and
 * DaemonSets and RunTask is pods that Kubernetes' scheduler places ({@link KubernetesManagedServices}); in
 * {@link KubernetesBackendConfig.Mode#CLIENT_SCHEDULED} mode Berth's scheduler and reconciler do everything through
 * {@link #startTask} and {@link #stopTask}.
 *
 * <pre>{@code
 * KubernetesBackend k8s = KubernetesBackend.create(KubernetesBackendConfig.builder()
 *         .kubeconfig(Path.of("kubeconfig")).build());
 * try (Berth berth = Berth.builder(k8s).build()) {
 *     berth.clusters().getOrCreate("dev").services().create(ServiceSpec.builder("web", web).desiredCount(3).build());
 * }
 * }</pre>
 *
 * <p><b>Stopped tasks.</b> Kubernetes deletes a pod once it is stopped; the backend keeps reporting the task STOPPED,
 * with Berth's stop code and reason and the pod's last state, until {@link #forgetTask}. A new process knows only the
 * pods that still exist.
 */
public final class KubernetesBackend implements ComputeBackend {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesBackend.class);
    private static final Duration SERVICE_ACCOUNT_WAIT = Duration.ofSeconds(30);

    private final KubernetesBackendConfig config;
    private final KubernetesClient client;
    private final boolean ownsClient;
    private final TaskPods pods;
    private final PodChangeSignals changes;
    private final Optional<KubernetesManagedServices> managed;
    private final AtomicBoolean warnedOtherPods = new AtomicBoolean();

    private KubernetesBackend(KubernetesBackendConfig config, KubernetesClient client, boolean ownsClient) {
        this.config = config;
        this.client = client;
        this.ownsClient = ownsClient;
        this.pods = new TaskPods(client, config);
        this.changes = new PodChangeSignals(client, pods::deleted);
        this.managed = config.mode() == KubernetesBackendConfig.Mode.MANAGED
                ? Optional.of(new KubernetesManagedServices(client, config, pods)) : Optional.empty();
    }

    /**
     * @param config how to reach the API server and run tasks there
     * @return the backend; it builds its client now unless the configuration holds one
     */
    public static KubernetesBackend create(KubernetesBackendConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.client().isPresent()) {
            return new KubernetesBackend(config, config.client().get(), false);
        }
        int timeout = Math.toIntExact(config.requestTimeout().toMillis());
        var clientConfig = new ConfigBuilder(config.clientConfig().orElseThrow())
                .withRequestTimeout(timeout)
                .withConnectionTimeout(Math.min(timeout, 10_000))
                .build();
        return new KubernetesBackend(config, new KubernetesClientBuilder().withConfig(clientConfig).build(), true);
    }

    /** @return the configuration */
    public KubernetesBackendConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    /** @return services scheduled by Kubernetes in MANAGED mode, by Berth in CLIENT_SCHEDULED mode */
    @Override
    public BackendCapabilities capabilities() {
        return new BackendCapabilities(managed.isPresent());
    }

    /** @return in MANAGED mode, Deployments and DaemonSets with Berth's circuit breaker; empty otherwise */
    @Override
    public Optional<ManagedServices> managedServices() {
        return managed.map(m -> m);
    }

    /** @return in MANAGED mode, pods placed by Kubernetes' scheduler; empty otherwise */
    @Override
    public Optional<ManagedTasks> managedTasks() {
        return managed.map(m -> m::runTasks);
    }

    /**
     * @return the nodes (those with the configured labels), each offering its allocatable resources less what
     *     other pods there request
     */
    @Override
    public List<ContainerInstance> containerInstances(String cluster) {
        List<Node> nodes = KubernetesErrors.call("list nodes", () -> client.nodes()
                .withLabels(config.nodeSelector()).list().getItems());
        Map<String, List<Pod>> others = otherPods(cluster);
        return nodes.stream()
                .map(n -> NodeInstances.toBerth(n, others.getOrDefault(n.getMetadata().getName(), List.of())))
                .toList();
    }

    /** @return the unfinished pods on each node that are not this cluster's tasks: their requests are taken */
    private Map<String, List<Pod>> otherPods(String cluster) {
        List<Pod> all;
        try {
            all = client.pods().inAnyNamespace()
                    .withoutField("status.phase", "Succeeded").withoutField("status.phase", "Failed")
                    .list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw KubernetesErrors.translate("list pods of all namespaces", e);
            }
            if (warnedOtherPods.compareAndSet(false, true)) {
                LOG.warn("The kubeconfig's user may not list pods in all namespaces: the nodes offer their whole"
                        + " allocatable resources, without what other workloads request there");
            }
            return Map.of();
        }
        Map<String, List<Pod>> byNode = new HashMap<>();
        String clusterLabel = BerthLabels.labelValue(cluster);
        for (Pod pod : all) {
            String node = pod.getSpec().getNodeName();
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
            boolean ours = BerthLabels.BERTH.equals(labels.get(BerthLabels.MANAGED_BY))
                    && clusterLabel.equals(labels.get(BerthLabels.CLUSTER));
            if (node != null && !ours) {
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
            }
        }
        return byNode;
    }

    /**
     * A pod bound to the chosen node through the Binding API. Starting an id that exists returns that task.
     *
     * @throws ResourceNotFoundException if the node does not exist
     * @throws dev.berth.exception.InvalidSpecException if the definition cannot run on Kubernetes
     */
    @Override
    public Task startTask(StartTaskRequest request) {
        changes.watch(config.namespace(request.cluster()));
        return pods.start(request);
    }

    /** Deletes the pod; its containers get their grace period (the definition's stopTimeout) before SIGKILL. */
    @Override
    public void stopTask(String cluster, String taskId, StopCode stopCode, String reason) {
        pods.stop(cluster, taskId, new RequestedStop(stopCode, reason, config.clock().instant()));
    }

    @Override
    public List<Task> tasks(String cluster) {
        changes.watch(config.namespace(cluster));
        return pods.tasks(cluster);
    }

    @Override
    public void forgetTask(String cluster, String taskId) {
        pods.forget(cluster, taskId);
    }

    /**
     * The container's log through the API server (the kubelet's log endpoint).
     *
     * @throws ResourceNotFoundException if the cluster has no such task or the task no such container
     */
    @Override
    public List<String> logs(String cluster, String taskId, String containerName, int tailLines) {
        if (tailLines < 1) {
            throw new IllegalArgumentException("tailLines must be >= 1, was " + tailLines);
        }
        String podName = podOf(cluster, taskId, containerName);
        String log = KubernetesErrors.call("read the log of " + containerName + " in task " + taskId,
                () -> client.pods().inNamespace(config.namespace(cluster)).withName(podName)
                        .inContainer(PodTemplates.containerName(containerName)).tailingLines(tailLines).getLog());
        return log == null || log.isEmpty() ? List.of() : List.of(log.split("\r?\n"));
    }

    /** Follows the container's log from now on, on a thread of its own per subscription. */
    @Override
    public Subscription followLogs(String cluster, String taskId, String containerName, Consumer<String> lines) {
        Objects.requireNonNull(lines, "lines");
        String podName = podOf(cluster, taskId, containerName);
        LogWatch watch = KubernetesErrors.call("follow the log of " + containerName + " in task " + taskId,
                () -> client.pods().inNamespace(config.namespace(cluster)).withName(podName)
                        .inContainer(PodTemplates.containerName(containerName))
                        .sinceTime(config.clock().instant().toString()).watchLog());
        AtomicBoolean open = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getOutput(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null && open.get(); line = in.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                if (open.get()) {
                    LOG.debug("Following the log of task={} container={} ended: {}", taskId, containerName,
                            e.toString());
                }
            }
        }, "berth-k8s-log-" + taskId + "-" + containerName);
        reader.setDaemon(true);
        reader.start();
        return () -> {
            if (open.compareAndSet(true, false)) {
                watch.close();
            }
        };
    }

    private String podOf(String cluster, String taskId, String containerName) {
        Task task = pods.tasks(cluster).stream().filter(t -> t.taskId().equals(taskId)).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Cluster " + cluster + " has no task " + taskId));
        RegisteredTaskDefinition revision = pods.revision(task.taskDefinitionArn()).orElseThrow(
                () -> new ResourceNotFoundException("Task " + taskId + " runs no revision this backend knows"));
        if (revision.definition().containerDefinitions().stream().map(ContainerDefinition::name)
                .noneMatch(containerName::equals)) {
            throw new ResourceNotFoundException("Task " + taskId + " has no container " + containerName);
        }
        return pods.podName(cluster, taskId);
    }

    /** Signals a cluster whenever one of its pods changes (an informer per namespace in use). */
    @Override
    public Subscription onTaskChange(Consumer<String> listener) {
        return changes.subscribe(listener);
    }

    /**
     * Creates the cluster's namespace unless it exists, and waits (at most 30 s) until Kubernetes made its default
     * service account, without which the API server admits no pod there.
     */
    @Override
    public void createCluster(String cluster) {
        String namespace = config.namespace(cluster);
        Namespace existing = KubernetesErrors.call("read namespace " + namespace,
                () -> client.namespaces().withName(namespace).get());
        if (existing == null) {
            KubernetesErrors.run("create namespace " + namespace, () -> client.namespaces().resource(
                    new NamespaceBuilder().withNewMetadata().withName(namespace)
                            .addToLabels(BerthLabels.MANAGED_BY, BerthLabels.BERTH)
                            .addToAnnotations(BerthLabels.CLUSTER_NAME, cluster)
                            .endMetadata().build()).create());
        }
        try {
            KubernetesErrors.run("wait for the default service account of namespace " + namespace,
                    () -> client.serviceAccounts().inNamespace(namespace).withName("default")
                            .waitUntilCondition(Objects::nonNull, SERVICE_ACCOUNT_WAIT.toMillis(),
                                    TimeUnit.MILLISECONDS));
        } catch (KubernetesClientException e) {
            throw new BackendUnavailableException("Namespace " + namespace + " has no default service account after "
                    + SERVICE_ACCOUNT_WAIT.toSeconds() + " s: is kube-controller-manager running?", true, e);
        }
    }

    /**
     * Deletes the cluster's namespace if Berth made it for this cluster, and nothing of Berth's is left in it.
     *
     * @throws ConflictException if Berth's pods or services of the cluster remain there
     */
    @Override
    public void deleteCluster(String cluster) {
        String namespace = config.namespace(cluster);
        if (pods.tasks(cluster).stream().anyMatch(Task::isLive)
                || managed.map(m -> m.hasServices(cluster)).orElse(false)) {
            throw new ConflictException("Cluster " + cluster + " still has tasks or services in namespace "
                    + namespace + ": stop and delete them first");
        }
        Namespace existing = KubernetesErrors.call("read namespace " + namespace,
                () -> client.namespaces().withName(namespace).get());
        Map<String, String> annotations = existing == null || existing.getMetadata().getAnnotations() == null
                ? Map.of() : existing.getMetadata().getAnnotations();
        if (cluster.equals(annotations.get(BerthLabels.CLUSTER_NAME))) {
            KubernetesErrors.run("delete namespace " + namespace,
                    () -> client.namespaces().withName(namespace).delete());
        }
    }

    /**
     * Cordons the node for DRAINING (and uncordons it for ACTIVE), so that Kubernetes' scheduler places nothing new
     * there either; in MANAGED mode the cluster's service pods there are evicted, so that their Deployments start
     * them elsewhere, as ECS replaces the tasks of a draining instance.
     */
    @Override
    public void instanceStatusChanged(String cluster, String instanceId, InstanceStatus status) {
        boolean drain = status == InstanceStatus.DRAINING;
        KubernetesErrors.run((drain ? "cordon" : "uncordon") + " node " + instanceId,
                () -> client.nodes().withName(instanceId).edit(n -> {
                    n.getSpec().setUnschedulable(drain ? Boolean.TRUE : null);
                    return n;
                }));
        if (drain) {
            managed.ifPresent(m -> m.evictServicePods(cluster, instanceId));
        }
    }

    /** Labels the node with the attributes that are valid labels, so that Kubernetes' node affinity sees them too. */
    @Override
    public void attributesPut(String cluster, String instanceId, Map<String, String> attributes) {
        Map<String, String> labels = new HashMap<>();
        attributes.forEach((name, value) -> {
            if (BerthLabels.labelValue(value).equals(value)) {
                labels.put(name, value);
            } else {
                LOG.warn("Attribute {} of instance={} is no valid node label value; only Berth's scheduler sees it",
                        name, instanceId);
            }
        });
        if (!labels.isEmpty()) {
            KubernetesErrors.run("label node " + instanceId, () -> client.nodes().withName(instanceId).edit(n -> {
                n.getMetadata().getLabels().putAll(labels);
                return n;
            }));
        }
    }

    /** Removes the attributes' labels from the node. */
    @Override
    public void attributesDeleted(String cluster, String instanceId, Set<String> names) {
        KubernetesErrors.run("unlabel node " + instanceId, () -> client.nodes().withName(instanceId).edit(n -> {
            if (n.getMetadata().getLabels() != null) {
                n.getMetadata().getLabels().keySet().removeAll(names);
            }
            return n;
        }));
    }

    /** Stops the informers and the breaker's checks; closes the client if the backend built it. */
    @Override
    public void close() {
        managed.ifPresent(KubernetesManagedServices::close);
        changes.close();
        if (ownsClient) {
            client.close();
        }
    }
}
