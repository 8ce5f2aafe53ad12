package dev.berth.kubernetes.internal;

import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import dev.berth.kubernetes.KubernetesBackendConfig;
import dev.berth.kubernetes.internal.PodTasks.RequestedStop;
import dev.berth.model.RegisteredTaskDefinition;
import dev.berth.model.Secret;
import dev.berth.spi.StartTaskRequest;
import dev.berth.task.Task;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pods that are Berth's tasks in each cluster: starting them (bound by Berth, or placed by Kubernetes' scheduler),
 * stopping them, and listing them as tasks, including those Kubernetes already deleted, until Berth forgets them.
 * Thread-safe.
 */
public final class TaskPods {

    private static final Logger LOG = LoggerFactory.getLogger(TaskPods.class);
    /** How long a vanished pod of a Deployment or DaemonSet is still reported STOPPED. */
    static final Duration WORKLOAD_POD_RETENTION = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final KubernetesBackendConfig config;
    /** Revisions by ARN: those this backend was given, and those read back from pods' annotations. */
    private final Map<String, RegisteredTaskDefinition> revisions = new ConcurrentHashMap<>();
    /** Per cluster, the last state of each task's pod, kept until the task is forgotten. */
    private final Map<String, Map<String, Pod>> known = new ConcurrentHashMap<>();
    /** Per cluster, when a task's pod was first seen gone. */
    private final Map<String, Map<String, Instant>> goneAt = new ConcurrentHashMap<>();
    /** Per cluster, the stops Berth asked for. */
    private final Map<String, Map<String, RequestedStop>> stops = new ConcurrentHashMap<>();
    /** Stop deletions already sent, by pod UID, so that a listing does not send them again. */
    private final Set<String> deleting = ConcurrentHashMap.newKeySet();

    /**
     * @param client the client every call goes through
     * @param config the backend's configuration (namespaces, scheduler name, secret resolver, clock)
     */
    public TaskPods(KubernetesClient client, KubernetesBackendConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * @param cluster a Berth cluster
     * @param taskId a task id
     * @return the name of the task's pod: the id itself when it is a valid pod name
     */
    public String podName(String cluster, String taskId) {
        Pod pod = known.getOrDefault(cluster, Map.of()).get(taskId);
        return pod != null ? pod.getMetadata().getName() : BerthLabels.dnsName(taskId, 63);
    }

    /**
     * @param arn a revision's ARN
     * @return the revision, if this backend was given it or read it from a pod
     */
    public Optional<RegisteredTaskDefinition> revision(String arn) {
        return Optional.ofNullable(revisions.get(arn));
    }

    /**
     * Remembers a revision, so that pods running it are read without parsing their annotation.
     *
     * @param revision a revision
     */
    public void remember(RegisteredTaskDefinition revision) {
        revisions.putIfAbsent(revision.arn(), revision);
    }

    /**
     * Starts one task on the node Berth chose: a pod with Berth's scheduler name, then its Binding to the node.
     *
     * @param request the task
     * @return the task as created
     */
    public Task start(StartTaskRequest request) {
        String namespace = config.namespace(request.cluster());
        String name = BerthLabels.dnsName(request.taskId(), 63);
        Pod existing = KubernetesErrors.call("read pod " + name + " in namespace " + namespace,
                () -> client.pods().inNamespace(namespace).withName(name).get());
        if (existing != null) {
            return observed(request.cluster(), existing);
        }
        PodTemplateSpec template = template(request.cluster(), request.taskDefinition(), request.overrides(), false);
        Pod pod = new PodBuilder()
                .withMetadata(template.getMetadata())
                .editMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withSpec(template.getSpec())
                .editSpec().withSchedulerName(config.schedulerName()).endSpec()
                .build();
        label(pod, request.cluster(), request.group(), request.startedBy());
        if (!name.equals(request.taskId())) {
            pod.getMetadata().getAnnotations().put(BerthLabels.TASK_ID, request.taskId());
        }
        Pod created = KubernetesErrors.call("create pod " + name + " in namespace " + namespace,
                () -> client.pods().inNamespace(namespace).resource(pod).create());
        try {
            KubernetesErrors.run("bind pod " + name + " to node " + request.instanceId(),
                    () -> client.bindings().inNamespace(namespace).resource(new BindingBuilder()
                            .withNewMetadata().withName(name).endMetadata()
                            .withNewTarget().withApiVersion("v1").withKind("Node").withName(request.instanceId())
                            .endTarget().build()).create());
        } catch (RuntimeException e) {
            // An unbound pod with Berth's scheduler name would wait forever: take it back.
            client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
            if (client.nodes().withName(request.instanceId()).get() == null) {
                throw new ResourceNotFoundException("No node " + request.instanceId() + " to start task "
                        + request.taskId() + " on");
            }
            throw e instanceof ConflictException ? e
                    : new ConflictException("Node " + request.instanceId() + " did not take task " + request.taskId()
                    + ": " + e.getMessage());
        }
        created.getSpec().setNodeName(request.instanceId()); // what the binding just did
        return observed(request.cluster(), created);
    }

    /**
     * A pod template for a revision in a cluster, with its Secret made first if it has secrets.
     *
     * @param cluster the Berth cluster
     * @param revision what the pods run
     * @param overrides per-container overrides
     * @param restartAlways whether containers restart in place (workloads), or the task ends (tasks Berth starts)
     * @return the template, labelled as Berth's in that cluster
     */
    public PodTemplateSpec template(String cluster, RegisteredTaskDefinition revision,
                                    List<dev.berth.model.ContainerOverride> overrides, boolean restartAlways) {
        PodTemplates.check(revision);
        remember(revision);
        Optional<String> secretName = secrets(config.namespace(cluster), revision);
        PodTemplateSpec template = PodTemplates.template(revision,
                new PodTemplates.Options(restartAlways, secretName, overrides));
        template.getMetadata().getLabels().put(BerthLabels.CLUSTER, BerthLabels.labelValue(cluster));
        template.getMetadata().getAnnotations().put(BerthLabels.CLUSTER_NAME, cluster);
        if (!config.nodeSelector().isEmpty()) {
            // Kubernetes' scheduler and the DaemonSet controller keep to the nodes that are Berth's instances.
            template.getSpec().setNodeSelector(new TreeMap<>(config.nodeSelector()));
        }
        return template;
    }

    /**
     * Adds a task's group and starter to a pod's labels and annotations.
     *
     * @param pod the pod
     * @param cluster its cluster
     * @param group its task group
     * @param startedBy who started it
     */
    public static void label(Pod pod, String cluster, String group, String startedBy) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        labels.put(BerthLabels.CLUSTER, BerthLabels.labelValue(cluster));
        labels.put(BerthLabels.GROUP, BerthLabels.labelValue(group));
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        annotations.put(BerthLabels.GROUP, group);
        annotations.put(BerthLabels.STARTED_BY, startedBy);
        annotations.put(BerthLabels.CLUSTER_NAME, cluster);
    }

    /**
     * The revision's secrets as one immutable Secret in the namespace, made once with the resolver's values.
     *
     * @return the Secret's name; empty if the revision has no secrets
     */
    private Optional<String> secrets(String namespace, RegisteredTaskDefinition revision) {
        List<Secret> secrets = revision.definition().containerDefinitions().stream()
                .flatMap(c -> c.secrets().stream()).toList();
        if (secrets.isEmpty()) {
            return Optional.empty();
        }
        String name = BerthLabels.dnsName("berth-secrets-" + revision.family() + "-" + revision.revision(), 63);
        if (KubernetesErrors.call("read secret " + name, () -> client.secrets().inNamespace(namespace).withName(name)
                .get()) == null) {
            Map<String, String> values = new TreeMap<>();
            for (Secret secret : secrets) {
                values.put(PodTemplates.secretKey(secret), config.secretResolver().apply(secret.valueFrom()));
            }
            KubernetesErrors.run("create secret " + name + " in namespace " + namespace,
                    () -> client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                            .withNewMetadata().withName(name)
                            .addToLabels(BerthLabels.MANAGED_BY, BerthLabels.BERTH)
                            .addToAnnotations(BerthLabels.TASK_DEFINITION, revision.arn())
                            .endMetadata()
                            .withImmutable(true)
                            .withStringData(values).build()).create());
        }
        return Optional.of(name);
    }

    /**
     * Asks the task's pod to stop: Berth's code and reason are remembered, the pod deleted with its grace period.
     * Unknown tasks, and tasks already stopping by themselves, are left as they are.
     *
     * @param cluster the cluster
     * @param taskId the task
     * @param stop why
     */
    public void stop(String cluster, String taskId, RequestedStop stop) {
        String namespace = config.namespace(cluster);
        String name = podName(cluster, taskId);
        Pod pod = KubernetesErrors.call("read pod " + name, () -> client.pods().inNamespace(namespace)
                .withName(name).get());
        if (pod == null || toTask(cluster, pod, false)
                .filter(t -> t.desiredStatus() == dev.berth.task.DesiredStatus.STOPPED).isPresent()) {
            return; // already stopping or stopped by itself: its own reason stays
        }
        stops.computeIfAbsent(cluster, c -> new ConcurrentHashMap<>()).putIfAbsent(taskId, stop);
        known.computeIfAbsent(cluster, c -> new ConcurrentHashMap<>()).put(taskId, pod);
        delete(namespace, pod);
    }

    private void delete(String namespace, Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || !deleting.add(pod.getMetadata().getUid())) {
            return;
        }
        KubernetesErrors.run("delete pod " + pod.getMetadata().getName(),
                () -> client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete());
    }

    /**
     * @param cluster a cluster
     * @return its tasks: its Berth pods, and the tasks whose pods are gone but which are not yet forgotten
     */
    public List<Task> tasks(String cluster) {
        String namespace = config.namespace(cluster);
        List<Pod> listed = KubernetesErrors.call("list pods in namespace " + namespace,
                () -> client.pods().inNamespace(namespace)
                        .withLabel(BerthLabels.MANAGED_BY, BerthLabels.BERTH)
                        .withLabel(BerthLabels.CLUSTER, BerthLabels.labelValue(cluster))
                        .list().getItems());
        Map<String, Pod> clusterPods = known.computeIfAbsent(cluster, c -> new ConcurrentHashMap<>());
        List<Task> tasks = new ArrayList<>(listed.size());
        Set<String> present = new java.util.HashSet<>();
        for (Pod pod : listed) {
            String taskId = PodTasks.taskId(pod);
            present.add(taskId);
            clusterPods.put(taskId, pod);
            Optional<Task> task = toTask(cluster, pod, false);
            task.ifPresent(tasks::add);
            // Berth restarts nothing in place: a task whose essential container exited, or which cannot start, ends.
            if (task.filter(PodTasks::needsStop).isPresent() && !"Always".equals(pod.getSpec().getRestartPolicy())) {
                delete(namespace, pod);
            }
        }
        Map<String, Instant> gone = goneAt.computeIfAbsent(cluster, c -> new ConcurrentHashMap<>());
        Instant now = config.clock().instant();
        for (var it = clusterPods.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Pod> entry = it.next();
            if (present.contains(entry.getKey())) {
                continue;
            }
            Instant at = gone.computeIfAbsent(entry.getKey(), id -> now);
            deleting.remove(entry.getValue().getMetadata().getUid());
            if (ownedByWorkload(entry.getValue()) && !now.isBefore(at.plus(WORKLOAD_POD_RETENTION))) {
                // Nobody forgets a Deployment's or DaemonSet's pods: they go after a while, as ECS's stopped tasks do.
                it.remove();
                gone.remove(entry.getKey());
                remove(stops, cluster, entry.getKey());
                continue;
            }
            toTask(cluster, entry.getValue(), true, at).ifPresent(tasks::add);
        }
        return tasks;
    }

    /**
     * @param cluster the cluster
     * @param pod a pod of it, as just read
     * @return the task it is
     */
    public Task observed(String cluster, Pod pod) {
        known.computeIfAbsent(cluster, c -> new ConcurrentHashMap<>()).put(PodTasks.taskId(pod), pod);
        return toTask(cluster, pod, false).orElseThrow(() -> new IllegalStateException(
                "pod " + pod.getMetadata().getName() + " carries no task definition"));
    }

    private Optional<Task> toTask(String cluster, Pod pod, boolean gone) {
        return toTask(cluster, pod, gone, config.clock().instant());
    }

    private Optional<Task> toTask(String cluster, Pod pod, boolean gone, Instant at) {
        Optional<RegisteredTaskDefinition> revision = revisionOf(pod);
        if (revision.isEmpty()) {
            return Optional.empty();
        }
        String taskId = PodTasks.taskId(pod);
        return Optional.of(PodTasks.toBerth(pod, revision.get(), cluster,
                Optional.ofNullable(stops.getOrDefault(cluster, Map.of()).get(taskId)), gone, at));
    }

    private Optional<RegisteredTaskDefinition> revisionOf(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String arn = annotations == null ? null : annotations.get(BerthLabels.TASK_DEFINITION);
        if (arn == null) {
            return Optional.empty();
        }
        RegisteredTaskDefinition known = revisions.get(arn);
        if (known != null) {
            return Optional.of(known);
        }
        String json = annotations.get(BerthLabels.TASK_DEFINITION_JSON);
        if (json == null) {
            return Optional.empty();
        }
        try {
            RegisteredTaskDefinition read = PodTemplates.revisionFromJson(json);
            revisions.putIfAbsent(arn, read);
            return Optional.of(read);
        } catch (RuntimeException e) {
            LOG.warn("Pod {} carries a task definition Berth cannot read; it is not listed as a task",
                    pod.getMetadata().getName(), e);
            return Optional.empty();
        }
    }

    private static <T> T remove(Map<String, Map<String, T>> byCluster, String cluster, String taskId) {
        Map<String, T> tasks = byCluster.get(cluster);
        return tasks == null ? null : tasks.remove(taskId);
    }

    private static boolean ownedByWorkload(Pod pod) {
        return pod.getMetadata().getOwnerReferences() != null && !pod.getMetadata().getOwnerReferences().isEmpty();
    }

    /**
     * Keeps a deleted pod's last state (the informer saw it go), so that its task reports what it last showed.
     *
     * @param pod the pod as last seen
     */
    public void deleted(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String cluster = annotations == null ? null : annotations.get(BerthLabels.CLUSTER_NAME);
        if (cluster != null) {
            known.computeIfAbsent(cluster, c -> new ConcurrentHashMap<>()).computeIfPresent(PodTasks.taskId(pod),
                    (id, before) -> pod);
        }
    }

    /**
     * Drops a task: its pod, if it still exists (finished), is deleted; nothing of it is reported any more.
     *
     * @param cluster the cluster
     * @param taskId the task
     */
    public void forget(String cluster, String taskId) {
        Pod pod = remove(known, cluster, taskId);
        remove(goneAt, cluster, taskId);
        remove(stops, cluster, taskId);
        if (pod != null) {
            deleting.remove(pod.getMetadata().getUid());
            KubernetesErrors.run("delete pod " + pod.getMetadata().getName(),
                    () -> client.pods().inNamespace(config.namespace(cluster))
                            .withName(pod.getMetadata().getName()).delete());
        }
    }
}
