package dev.berth.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kwok nodes of one test class on the shared control plane, labelled with the class's run id so that its backend
 * (whose node selector is that label) sees only them, and torn down at the end with the namespaces the tests used.
 * kwok makes the nodes Ready and runs the pods bound to them; it also fails a container on request, through kwok's
 * own {@code pod-container-running-failed} stage, which {@link #exitContainer} triggers.
 */
public final class KwokCluster implements AutoCloseable {

    /** The label that selects a test run's nodes. */
    public static final String RUN_LABEL = "berth.dev/test-run";
    private static final String KWOK_ANNOTATION = "kwok.x-k8s.io/node";
    /** The label that makes kwok's pod-container-running-failed stage fail a running pod. */
    public static final String FAIL_LABEL = "pod-container-running-failed.stage.kwok.x-k8s.io";
    private static final String FAIL_ANNOTATION = FAIL_LABEL + "/";

    private final KubernetesClient client;
    private final String runId;
    private final List<String> nodes = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();

    /** Connects to the control plane {@link TestKubernetes} found. */
    public KwokCluster() {
        this.client = TestKubernetes.client(TestKubernetes.shared().kubeconfig().orElseThrow());
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        this.runId = "it-" + HexFormat.of().formatHex(bytes);
    }

    /** @return the value of {@link #RUN_LABEL} on this run's nodes */
    public String runId() {
        return runId;
    }

    /** @return the client, for the tests' own checks */
    public KubernetesClient client() {
        return client;
    }

    /**
     * @param base a readable name
     * @return a name unique to this run, a valid namespace and cluster name
     */
    public String unique(String base) {
        return base + "-" + runId;
    }

    /**
     * Adds a Ready kwok node and waits until kwok reports it Ready.
     *
     * @param name a name unique in the run (the run id is appended)
     * @param cpus its allocatable CPUs
     * @param memoryGi its allocatable memory in GiB
     * @param zone its {@code topology.kubernetes.io/zone}
     * @return the node's name
     */
    public String addNode(String name, int cpus, int memoryGi, String zone) {
        String nodeName = unique(name);
        Map<String, Quantity> resources = Map.of("cpu", new Quantity(String.valueOf(cpus)),
                "memory", new Quantity(memoryGi + "Gi"), "pods", new Quantity("110"));
        Node node = new NodeBuilder()
                .withNewMetadata().withName(nodeName)
                .addToAnnotations(KWOK_ANNOTATION, "fake")
                .addToLabels(RUN_LABEL, runId)
                .addToLabels("kubernetes.io/hostname", nodeName)
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64")
                .addToLabels("node.kubernetes.io/instance-type", "kwok.small")
                .addToLabels("topology.kubernetes.io/zone", zone)
                .endMetadata()
                .withNewStatus().withAllocatable(resources).withCapacity(resources).endStatus()
                .build();
        client.nodes().resource(node).create();
        nodes.add(nodeName);
        client.nodes().withName(nodeName).waitUntilCondition(n -> n != null && n.getStatus().getConditions() != null
                && n.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())),
                60, TimeUnit.SECONDS);
        return nodeName;
    }

    /**
     * Remembers to delete a namespace the tests made (through the backend's createCluster).
     *
     * @param namespace the namespace
     */
    public void deleteAtEnd(String namespace) {
        namespaces.add(namespace);
    }

    /**
     * @param mode the backend's mode
     * @return a configuration for a backend that sees only this run's nodes and polls fast
     */
    public KubernetesBackendConfig.Builder config(KubernetesBackendConfig.Mode mode) {
        return KubernetesBackendConfig.builder()
                .kubeconfig(TestKubernetes.shared().kubeconfig().orElseThrow())
                .mode(mode)
                .nodeSelector(Map.of(RUN_LABEL, runId))
                .pollInterval(Duration.ofMillis(500));
    }

    /**
     * Lets a container of a running pod exit, through kwok's pod-container-running-failed stage (the pod fails).
     *
     * @param namespace the pod's namespace
     * @param pod the pod's name
     * @param container the container's name in the pod
     * @param exitCode what it exits with
     */
    public void exitContainer(String namespace, String pod, String container, int exitCode) {
        client.pods().inNamespace(namespace).withName(pod).edit(p -> {
            p.getMetadata().getAnnotations().putAll(failureAnnotations(container, exitCode));
            p.getMetadata().getLabels().put(FAIL_LABEL, "true");
            return p;
        });
    }

    /**
     * @param container a container's name in the pod
     * @param exitCode what it exits with
     * @return the annotations that tell kwok's stage which container fails and how; with the label
     *     {@link #FAIL_LABEL}={@code true} (a task-definition tag becomes a pod label, its docker labels pod
     *     annotations) every pod of a revision fails on kwok, as a crashing image would on a kubelet
     */
    public static Map<String, String> failureAnnotations(String container, int exitCode) {
        return Map.of(FAIL_ANNOTATION + "container-name", container, FAIL_ANNOTATION + "exit-code",
                String.valueOf(exitCode));
    }

    /** Deletes the run's namespaces and nodes, then closes the client. */
    @Override
    public void close() {
        try {
            namespaces.forEach(ns -> client.namespaces().withName(ns).delete());
            nodes.forEach(n -> client.nodes().withName(n).delete());
        } finally {
            client.close();
        }
    }
}
