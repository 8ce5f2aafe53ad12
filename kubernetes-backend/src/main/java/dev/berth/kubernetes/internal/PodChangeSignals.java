package dev.berth.kubernetes.internal;

import dev.berth.spi.Subscription;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches Berth's pods, one informer per namespace started when a cluster there is first used: each change to a pod
 * signals its Berth cluster to the listeners, and a deleted pod's last state is handed on, so that a task that
 * vanished is still reported with what it last showed (its exit codes, when the kubelet reported them). The
 * informers relist and rewatch by themselves after a lost connection.
 */
public final class PodChangeSignals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PodChangeSignals.class);

    private final KubernetesClient client;
    private final Consumer<Pod> deleted;
    private final Map<String, SharedIndexInformer<Pod>> informers = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param client the client the informers use
     * @param deleted receives each deleted Berth pod's last state
     */
    public PodChangeSignals(KubernetesClient client, Consumer<Pod> deleted) {
        this.client = Objects.requireNonNull(client, "client");
        this.deleted = Objects.requireNonNull(deleted, "deleted");
    }

    /**
     * Starts watching a namespace, once.
     *
     * @param namespace the namespace of a cluster in use
     */
    public void watch(String namespace) {
        if (closed) {
            return;
        }
        informers.computeIfAbsent(namespace, ns -> client.pods().inNamespace(ns)
                .withLabel(BerthLabels.MANAGED_BY, BerthLabels.BERTH)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        signal(pod);
                    }

                    @Override
                    public void onUpdate(Pod before, Pod after) {
                        signal(after);
                    }

                    @Override
                    public void onDelete(Pod pod, boolean finalStateUnknown) {
                        if (!finalStateUnknown) {
                            deleted.accept(pod);
                        }
                        signal(pod);
                    }
                }, 0));
    }

    /**
     * @param listener receives the name of a cluster one of whose pods changed; must not block
     * @return the handle that unregisters it
     */
    public Subscription subscribe(Consumer<String> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void signal(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String cluster = annotations == null ? null : annotations.get(BerthLabels.CLUSTER_NAME);
        if (cluster == null) {
            return;
        }
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(cluster);
            } catch (RuntimeException e) {
                LOG.warn("A task change listener failed for cluster={}", cluster, e);
            }
        }
    }

    /** Stops every informer. */
    @Override
    public void close() {
        closed = true;
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
        listeners.clear();
    }
}
