package dev.berth.benchmarks.controlplane;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Kubernetes' control plane with kwok's simulated nodes (scripts/k8s-env.sh): one Deployment per service in a
 * namespace of its own, rolled with {@code maxSurge 100%} and {@code maxUnavailable 0} (Berth's
 * {@code maximumPercent 200} and {@code minimumHealthyPercent 100}). Progress is watched from the pods (an informer
 * on the namespace): a pod counts when it is Running and Ready; a deleted pod is gone once the API server has removed
 * it. CPU and memory are those of the control plane's processes (etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler, kwok), read from {@code /proc}.
 */
final class KubernetesSide {

    private static final String NAMESPACE = "berth-cpbench";
    private static final String REVISION = "berth.dev/cpbench-revision";
    private static final Duration NAMESPACE_GONE = Duration.ofMinutes(10);
    private static final Duration NODES_READY = Duration.ofMinutes(5);

    private final ControlPlaneOptions options;
    /** Each pod of the namespace by name: its revision label, and whether it is Running and Ready. */
    private final Map<String, PodView> pods = new ConcurrentHashMap<>();

    private record PodView(String revision, boolean ready) {
    }

    KubernetesSide(ControlPlaneOptions options) {
        this.options = options;
    }

    /**
     * Runs the three phases in a fresh namespace, and deletes it afterwards.
     *
     * @return one result per phase
     * @throws TimeoutException if a phase does not reach its goal in time
     */
    List<PhaseResult> run() throws TimeoutException, InterruptedException {
        ControlPlaneProcesses meter = ControlPlaneProcesses.of(options.stateDirectory());
        try (KubernetesClient client = client()) {
            awaitReadyNodes(client);
            freshNamespace(client);
            SharedIndexInformer<Pod> informer = client.pods().inNamespace(NAMESPACE).inform(new PodTracker());
            List<PhaseResult> results = new ArrayList<>();
            try {
                int total = options.totalTasks();
                results.add(measure(meter, Phase.CREATE, () -> Fanout.send(options.services(),
                        options.parallelism(), i -> client.apps().deployments().inNamespace(NAMESPACE)
                                .resource(deployment(i)).create()),
                        () -> count("1", true) == total));
                String rollPatch = "{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"" + REVISION
                        + "\":\"2\"}},\"spec\":{\"containers\":[{\"name\":\"app\",\"env\":[{\"name\":\"REVISION\","
                        + "\"value\":\"2\"}]}]}}}}";
                results.add(measure(meter, Phase.DEPLOY, () -> Fanout.send(options.services(),
                        options.parallelism(), i -> patch(client, i, rollPatch)),
                        () -> count("2", true) == total && count("1", false) == 0));
                results.add(measure(meter, Phase.SCALE_IN, () -> Fanout.send(options.services(),
                        options.parallelism(), i -> patch(client, i, "{\"spec\":{\"replicas\":0}}")),
                        pods::isEmpty));
            } finally {
                informer.close();
                client.namespaces().withName(NAMESPACE).delete();
            }
            return results;
        }
    }

    private PhaseResult measure(ControlPlaneProcesses meter, Phase phase, Runnable requests, BooleanSupplier goal)
            throws TimeoutException, InterruptedException {
        Map<String, Double> cpuBefore = meter.cpuSeconds();
        long start = System.nanoTime();
        requests.run();
        Fanout.await("Kubernetes: " + phase.label(), goal, options.timeout(), this::summary);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Double> cpu = ControlPlaneProcesses.difference(cpuBefore, meter.cpuSeconds());
        PhaseResult result = new PhaseResult(phase, elapsed, options.totalTasks(), cpu, meter.residentMiB());
        System.err.println("  " + result.summary()); // as it comes: a later phase may time out
        return result;
    }

    /** Pods of the revision, only those Running and Ready when {@code ready}. */
    private long count(String revision, boolean ready) {
        return pods.values().stream().filter(p -> p.revision().equals(revision) && (!ready || p.ready())).count();
    }

    private String summary() {
        return "pods of revision 1: " + count("1", false) + " (" + count("1", true) + " ready), of revision 2: "
                + count("2", false) + " (" + count("2", true) + " ready)";
    }

    private Deployment deployment(int index) {
        String name = "svc-" + index;
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                .withReplicas(options.tasksPerService())
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString("100%")).withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate().endStrategy()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", name).addToLabels(REVISION, "1").endMetadata()
                .withNewSpec()
                .addToNodeSelector("type", "kwok")
                .addNewContainer().withName("app").withImage("busybox:1").withCommand("sleep", "3600")
                .addNewEnv().withName("REVISION").withValue("1").endEnv()
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("64Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static void patch(KubernetesClient client, int index, String patch) {
        client.apps().deployments().inNamespace(NAMESPACE).withName("svc-" + index)
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch);
    }

    private KubernetesClient client() {
        try {
            Config config = Config.fromKubeconfig(Files.readString(options.kubeconfig()));
            // fabric8 allows 5 requests at once per host by default; the phase's threads must not queue behind that.
            config.setMaxConcurrentRequestsPerHost(Math.max(options.parallelism() * 2, 5));
            config.setMaxConcurrentRequests(Math.max(options.parallelism() * 4, 64));
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the kubeconfig " + options.kubeconfig()
                    + " (start the control plane with scripts/k8s-env.sh): " + e.getMessage(), e);
        }
    }

    /** Waits until exactly the asked-for number of kwok nodes is Ready (kwok makes new nodes Ready in seconds). */
    private void awaitReadyNodes(KubernetesClient client) throws TimeoutException, InterruptedException {
        long[] ready = {0};
        Fanout.await("Ready kwok nodes", () -> {
            ready[0] = client.nodes().withLabel("type", "kwok").list().getItems().stream()
                    .filter(KubernetesSide::isReady).count();
            return ready[0] >= options.nodes();
        }, NODES_READY, () -> ready[0] + " of " + options.nodes() + " Ready: start the control plane with "
                + "BERTH_K8S_NODES=" + options.nodes()
                + " bash scripts/k8s-env.sh (scripts/bench-control-plane.sh does)");
        if (ready[0] > options.nodes()) {
            throw new IllegalStateException("the control plane has " + ready[0] + " Ready kwok nodes, more than the "
                    + options.nodes() + " asked for; give the run a control plane of its own "
                    + "(scripts/bench-control-plane.sh does)");
        }
    }

    private static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static void freshNamespace(KubernetesClient client) throws InterruptedException, TimeoutException {
        client.namespaces().withName(NAMESPACE).delete();
        long deadline = System.nanoTime() + NAMESPACE_GONE.toNanos();
        while (client.namespaces().withName(NAMESPACE).get() != null) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("namespace " + NAMESPACE + " of an earlier run was not deleted within "
                        + NAMESPACE_GONE.toMinutes() + " minutes");
            }
            TimeUnit.SECONDS.sleep(1);
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
    }

    /** Keeps {@link #pods} in step with the informer's view of the namespace. */
    private final class PodTracker implements ResourceEventHandler<Pod> {

        @Override
        public void onAdd(Pod pod) {
            track(pod);
        }

        @Override
        public void onUpdate(Pod old, Pod pod) {
            track(pod);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            pods.remove(pod.getMetadata().getName());
        }

        private void track(Pod pod) {
            boolean ready = pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                    && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            pods.put(pod.getMetadata().getName(), new PodView(pod.getMetadata().getLabels().get(REVISION), ready));
        }
    }
}
